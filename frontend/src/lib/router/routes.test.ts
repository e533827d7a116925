import { expect, test } from 'vitest';
import { matchRoute } from './routes';

test('the root is home', () => {
  expect(matchRoute('/')).toEqual({ name: 'home' });
  expect(matchRoute('/index.html')).toEqual({ name: 'home' });
});

test('anything else is not found, with its path', () => {
  expect(matchRoute('/no/such/page')).toEqual({ name: 'not-found', path: '/no/such/page' });
  expect(matchRoute('/home')).toEqual({ name: 'not-found', path: '/home' });
});
