import { expect, test, vi } from 'vitest';
import { copyText } from './save-file';

test('copyText says whether the browser copied', async () => {
  const writeText = vi.fn(async () => {});
  expect(await copyText('abc', { writeText } as unknown as Clipboard)).toBe(true);
  expect(writeText).toHaveBeenCalledWith('abc');

  const refuse = vi.fn(async () => {
    throw new DOMException('Not allowed', 'NotAllowedError');
  });
  expect(await copyText('abc', { writeText: refuse } as unknown as Clipboard)).toBe(false);
  expect(await copyText('abc', undefined)).toBe(false);
});
