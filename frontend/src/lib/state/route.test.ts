import { expect, test, vi } from 'vitest';
import { routeState } from './route.svelte';

/** Just enough of a window for the router: an address, its history and scrolling. */
function fakeWindow(href: string) {
  const win = {
    location: { href },
    history: {
      state: null,
      replaceState: vi.fn((_state: unknown, _title: string, url: string) => {
        win.location.href = url;
      }),
    },
    scrollTo: vi.fn(),
  };
  return win;
}

test('a page change replaces the address, counts a navigation and scrolls to the top', () => {
  const win = fakeWindow('http://forum.test/compare');
  const before = routeState.navigations;
  routeState.goTo('/compare?period=2026Q3', win as unknown as Window);
  expect(win.location.href).toBe('http://forum.test/compare?period=2026Q3');
  expect(routeState.search).toBe('?period=2026Q3');
  expect(routeState.navigations).toBe(before + 1);
  expect(win.scrollTo).toHaveBeenCalledWith(0, 0);
});

test('showing another query in place is no page change: no navigation, no scrolling', () => {
  const win = fakeWindow('http://forum.test/compare?period=2026Q3');
  const before = routeState.navigations;
  routeState.showInPlace('/compare?period=2026Q3&sort=rate', win as unknown as Window);
  expect(win.history.replaceState).toHaveBeenCalledTimes(1);
  expect(win.location.href).toBe('http://forum.test/compare?period=2026Q3&sort=rate');
  expect(routeState.search).toBe('?period=2026Q3&sort=rate');
  expect(routeState.route).toEqual({ name: 'compare' });
  expect(routeState.navigations).toBe(before);
  expect(win.scrollTo).not.toHaveBeenCalled();
});
