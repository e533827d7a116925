// The app's client routes. Anything the server does not know falls back to index.html,
// and lands here; what we do not know either is "not found".

export type Route = { name: 'home' } | { name: 'not-found'; path: string };

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { name: 'home' };
  return { name: 'not-found', path: pathname };
}
