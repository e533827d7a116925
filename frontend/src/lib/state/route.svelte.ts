// Where the person is in the app: the one owner of the current route.
// Navigation never adds a history entry: every move is `history.replaceState`, so that after
// a quick exit the Back button cannot bring the forum back (see frontend/README.md).

import { inAppDestination, isSamePage } from '../router/links';
import { matchRoute, type Route } from '../router/routes';

class RouteState {
  #pathname = $state('/');
  #search = $state('');
  #navigations = $state(0);

  readonly route: Route = $derived(matchRoute(this.#pathname));

  /** The address's query, e.g. `?tag=bedroom-inspected` ('' when none): pages that filter read it. */
  get search(): string {
    return this.#search;
  }

  /** How many in-app page changes have happened; the layout moves focus when it grows. */
  get navigations(): number {
    return this.#navigations;
  }

  /** Reads the address bar and takes over same-origin link clicks. Returns a clean-up. */
  start(win: Window = window): () => void {
    this.#pathname = win.location.pathname;
    this.#search = win.location.search;

    const onClick = (event: MouseEvent) => {
      const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(anchor instanceof HTMLAnchorElement)) return;
      const destination = inAppDestination(
        event,
        { href: anchor.href, target: anchor.target, hasDownload: anchor.hasAttribute('download') },
        new URL(win.location.href),
      );
      if (!destination) return;
      event.preventDefault();
      this.go(destination, win);
    };
    // We never push, but a person may arrive with older entries of ours (e.g. a reload of an
    // older version): follow them rather than show the wrong page.
    const onPopState = () => {
      this.#pathname = win.location.pathname;
      this.#search = win.location.search;
    };

    win.document.addEventListener('click', onClick);
    win.addEventListener('popstate', onPopState);
    return () => {
      win.document.removeEventListener('click', onClick);
      win.removeEventListener('popstate', onPopState);
    };
  }

  /** Shows the page at `path` (e.g. '/account'), without a new history entry. */
  goTo(path: string, win: Window = window): void {
    this.go(new URL(path, win.location.href), win);
  }

  /**
   * Changes the address to `path`, the same page with another query, without a page change:
   * focus and scrolling stay where they are, as when a table is sorted by a button in it.
   */
  showInPlace(path: string, win: Window = window): void {
    const url = new URL(path, win.location.href);
    win.history.replaceState(win.history.state, '', url.href);
    this.#pathname = url.pathname;
    this.#search = url.search;
  }

  /** Shows `url` in place of the current page, without a new history entry. */
  go(url: URL, win: Window = window): void {
    const from = new URL(win.location.href);
    win.history.replaceState(win.history.state, '', url.href);
    if (isSamePage(from, url)) {
      focusFragment(url.hash, win.document);
      return;
    }
    this.#pathname = url.pathname;
    this.#search = url.search;
    this.#navigations += 1;
    win.scrollTo(0, 0);
  }
}

/** What a same-page link (e.g. "Skip to main content") would do, but with focus moved too. */
function focusFragment(hash: string, doc: Document): void {
  const id = decodeURIComponent(hash.slice(1));
  const target = id ? doc.getElementById(id) : null;
  if (!target) {
    doc.defaultView?.scrollTo(0, 0);
    return;
  }
  if (!target.hasAttribute('tabindex') && target.tabIndex < 0) target.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView();
}

export const routeState = new RouteState();
