import { describe, expect, test } from 'vitest';
import { inAppDestination, isSamePage, type Click, type Link } from './links';

const here = new URL('http://forum.test/somewhere');
const plain: Click = { button: 0, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, defaultPrevented: false };
const link = (href: string, extra: Partial<Link> = {}): Link => ({ href, target: '', hasDownload: false, ...extra });

describe('inAppDestination', () => {
  test('takes over a plain click on a link to one of our pages', () => {
    expect(inAppDestination(plain, link('http://forum.test/'), here)?.href).toBe('http://forum.test/');
    expect(inAppDestination(plain, link('/no/such/page?x=1#top'), here)?.href).toBe('http://forum.test/no/such/page?x=1#top');
  });

  test('takes over a link to a fragment of this page', () => {
    expect(inAppDestination(plain, link('http://forum.test/somewhere#main-content'), here)?.hash).toBe('#main-content');
  });

  test('leaves other origins to the browser', () => {
    expect(inAppDestination(plain, link('https://github.com/commonthread/commonthread'), here)).toBeNull();
    expect(inAppDestination(plain, link('http://forum.test:8080/'), here)).toBeNull();
  });

  test('leaves new-tab and new-window clicks to the browser', () => {
    for (const mod of ['altKey', 'ctrlKey', 'metaKey', 'shiftKey'] as const) {
      expect(inAppDestination({ ...plain, [mod]: true }, link('/'), here)).toBeNull();
    }
    expect(inAppDestination({ ...plain, button: 1 }, link('/'), here)).toBeNull();
    expect(inAppDestination(plain, link('/', { target: '_blank' }), here)).toBeNull();
  });

  test('honours target=_self', () => {
    expect(inAppDestination(plain, link('/', { target: '_self' }), here)?.pathname).toBe('/');
  });

  test('leaves downloads, handled clicks and server documents alone', () => {
    expect(inAppDestination(plain, link('/', { hasDownload: true }), here)).toBeNull();
    expect(inAppDestination({ ...plain, defaultPrevented: true }, link('/'), here)).toBeNull();
    expect(inAppDestination(plain, link('/api/v1/evidence.csv'), here)).toBeNull();
    expect(inAppDestination(plain, link('/.well-known/nodeinfo'), here)).toBeNull();
    expect(inAppDestination(plain, link('/healthz'), here)).toBeNull();
    expect(inAppDestination(plain, link('/nodeinfo/2.1'), here)).toBeNull();
  });

  test('does not mistake a page whose name starts like a server path', () => {
    expect(inAppDestination(plain, link('/nsomething'), here)?.pathname).toBe('/nsomething');
  });
});

describe('isSamePage', () => {
  test('compares path and query, not the fragment', () => {
    expect(isSamePage(new URL('http://a/x?q=1'), new URL('http://a/x?q=1#main'))).toBe(true);
    expect(isSamePage(new URL('http://a/x'), new URL('http://a/y'))).toBe(false);
    expect(isSamePage(new URL('http://a/x?q=1'), new URL('http://a/x?q=2'))).toBe(false);
  });
});
