// Leaving the forum at once: hide everything, then replace this history entry with a
// neutral site, so that Back does not bring the forum back (see frontend/README.md).

/** Where we go before the forum has told us its own choice. */
export const DEFAULT_QUICK_EXIT_URL = 'https://www.bbc.co.uk/weather';

/** What the tab shows in the moment before the neutral site loads. */
export const NEUTRAL_TITLE = 'Loading';

/** The forum's choice of exit, if it is a plain web address; otherwise the default. */
export function safeExitUrl(candidate: string | null | undefined): string {
  if (!candidate) return DEFAULT_QUICK_EXIT_URL;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : DEFAULT_QUICK_EXIT_URL;
  } catch {
    return DEFAULT_QUICK_EXIT_URL;
  }
}

/** Blanks the page and leaves for `exitUrl`. Never returns to the person. */
export function exitNow(exitUrl: string, doc: Document = document): void {
  // Hidden through the DOM, not CSS, so this works even if the stylesheet failed to load.
  doc.body.hidden = true;
  doc.documentElement.classList.add('exiting');
  doc.title = NEUTRAL_TITLE;
  doc.defaultView?.location.replace(safeExitUrl(exitUrl));
}
