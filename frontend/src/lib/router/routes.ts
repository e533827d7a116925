// The app's client routes. Anything the server does not know falls back to index.html,
// and lands here; what we do not know either is "not found".

export type PageName =
  | 'home'
  | 'join'
  | 'sign-in'
  | 'recover'
  | 'account'
  | 'admin-members'
  | 'admin-invites'
  | 'admin-tags'
  | 'check'
  | 'tags'
  | 'stories'
  | 'patterns'
  | 'compare'
  | 'moderation'
  | 'moderation-log'
  | 'notifications'
  | 'admin-signposts'
  | 'admin-federation'
  | 'write'
  | 'my-stories';

export type Route =
  | { name: PageName }
  | { name: 'story'; id: string }
  | { name: 'edit-story'; id: string }
  | { name: 'not-found'; path: string };

const PAGES: ReadonlyMap<string, PageName> = new Map([
  ['/', 'home'],
  ['/index.html', 'home'],
  ['/join', 'join'],
  ['/sign-in', 'sign-in'],
  ['/recover', 'recover'],
  ['/account', 'account'],
  ['/admin/members', 'admin-members'],
  ['/admin/invites', 'admin-invites'],
  ['/admin/tags', 'admin-tags'],
  ['/check', 'check'],
  ['/tags', 'tags'],
  ['/stories', 'stories'],
  ['/patterns', 'patterns'],
  ['/compare', 'compare'],
  ['/moderation', 'moderation'],
  ['/moderation/log', 'moderation-log'],
  ['/notifications', 'notifications'],
  ['/admin/signposts', 'admin-signposts'],
  ['/admin/federation', 'admin-federation'],
  ['/write', 'write'],
  ['/my-stories', 'my-stories'],
]);

/** A story's page: `/stories/{id}`. Ids are opaque to us (12 lowercase letters and digits today). */
const STORY_PATH = /^\/stories\/([a-z0-9]{1,64})$/;
/** The composer, changing a story: `/stories/{id}/edit`. */
const EDIT_STORY_PATH = /^\/stories\/([a-z0-9]{1,64})\/edit$/;

export function matchRoute(pathname: string): Route {
  const name = PAGES.get(pathname);
  if (name) return { name };
  const story = STORY_PATH.exec(pathname)?.[1];
  if (story) return { name: 'story', id: story };
  const edit = EDIT_STORY_PATH.exec(pathname)?.[1];
  if (edit) return { name: 'edit-story', id: edit };
  return { name: 'not-found', path: pathname };
}

/** Pages that start a session: after signing in, going back to one of them would be odd. */
const SESSION_PAGES: ReadonlySet<Route['name']> = new Set(['join', 'sign-in', 'recover']);

/**
 * Where to go after signing in: the `next` of a query such as `?next=/account`, when it is one
 * of our own pages; otherwise `null`. Never another site (`//evil.example`), never a page that
 * signs in again.
 */
export function returnPath(search: string): string | null {
  const next = new URLSearchParams(search).get('next');
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  const route = matchRoute(next);
  if (route.name === 'not-found' || SESSION_PAGES.has(route.name)) return null;
  return next;
}

/** The sign-in page, set to come back to `path` afterwards. */
export function signInThenBackTo(path: string): string {
  return `/sign-in?${new URLSearchParams({ next: path }).toString()}`;
}
