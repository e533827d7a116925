// Which link clicks the app handles itself. The router never pushes history entries (so that
// quick exit leaves nothing for Back to return to), so every same-origin link that would
// load a page of ours is taken over and turned into a `history.replaceState`.

/** The parts of a click that decide whether it is an ordinary "follow this link". */
export interface Click {
  button: number;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  defaultPrevented: boolean;
}

/** The parts of an `<a>` that matter. */
export interface Link {
  /** The resolved address (`HTMLAnchorElement.href`). */
  href: string;
  /** `target` attribute, '' when absent. */
  target: string;
  hasDownload: boolean;
}

/**
 * The URL to go to in-app, or `null` to leave the click to the browser: other windows and
 * tabs (modifier keys, middle button, `target`), downloads, and other origins.
 */
export function inAppDestination(click: Click, link: Link, current: URL): URL | null {
  if (click.defaultPrevented || click.button !== 0) return null;
  if (click.altKey || click.ctrlKey || click.metaKey || click.shiftKey) return null;
  if (link.hasDownload) return null;
  if (link.target !== '' && link.target !== '_self') return null;
  if (link.href === '') return null;
  let url: URL;
  try {
    url = new URL(link.href, current);
  } catch {
    return null;
  }
  if (url.origin !== current.origin) return null;
  // The API, health checks and ActivityPub documents are not pages of the app.
  if (isServerPath(url.pathname)) return null;
  return url;
}

const SERVER_PREFIXES = ['/api/', '/.well-known/', '/healthz', '/readyz', '/actor', '/inbox', '/outbox', '/followers', '/ns', '/nodeinfo/'];

function isServerPath(pathname: string): boolean {
  return SERVER_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}

/** True when `to` differs from `from` only in its #fragment (e.g. the skip link). */
export function isSamePage(from: URL, to: URL): boolean {
  return from.pathname === to.pathname && from.search === to.search;
}
