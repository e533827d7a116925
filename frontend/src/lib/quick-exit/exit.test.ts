import { describe, expect, test } from 'vitest';
import { DEFAULT_QUICK_EXIT_URL, safeExitUrl } from './exit';

describe('safeExitUrl', () => {
  test('keeps an https address', () => {
    expect(safeExitUrl('https://www.example.org/weather')).toBe('https://www.example.org/weather');
  });

  test('keeps an http address (local testing)', () => {
    expect(safeExitUrl('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/');
  });

  test('falls back to the default when nothing is known yet', () => {
    expect(safeExitUrl(undefined)).toBe(DEFAULT_QUICK_EXIT_URL);
    expect(safeExitUrl('')).toBe(DEFAULT_QUICK_EXIT_URL);
  });

  test('never follows a script or data address', () => {
    expect(safeExitUrl('javascript:alert(1)')).toBe(DEFAULT_QUICK_EXIT_URL);
    expect(safeExitUrl('data:text/html,hi')).toBe(DEFAULT_QUICK_EXIT_URL);
  });

  test('falls back on something that is not an address', () => {
    expect(safeExitUrl('not a url')).toBe(DEFAULT_QUICK_EXIT_URL);
  });
});
