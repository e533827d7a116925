import { expect, test } from 'vitest';
import { recoveryCodesFileName, recoveryCodesText, today } from './recovery-codes';

test('the file names the person, the forum and every code, numbered', () => {
  const text = recoveryCodesText({
    handle: 'rowan',
    forumName: 'Testshire Parent Carer Forum',
    forumUrl: 'https://forum.example/',
    codes: ['aaaa-1111', 'bbbb-2222'],
    madeOn: '2026-11-22',
  });
  expect(text).toBe(
    [
      'Recovery codes for rowan on Testshire Parent Carer Forum',
      'https://forum.example/',
      'Made on 22 November 2026.',
      '',
      'If you forget your passphrase, use one of these codes to get back in.',
      'Each code works once. Keep this file somewhere safe and private.',
      '',
      '1. aaaa-1111',
      '2. bbbb-2222',
      '',
    ].join('\n'),
  );
});

test('file name and date', () => {
  expect(recoveryCodesFileName('rowan')).toBe('commonthread-recovery-codes-rowan.txt');
  expect(today(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
});
