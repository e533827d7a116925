// Recovery codes as a text file the person keeps. There is no email to reset a passphrase
// with, so these codes are the only way back in: the file says so, and what each code is for.

import { formatDate } from '../format/date';

export interface RecoveryCodesFile {
  handle: string;
  forumName: string;
  /** The forum's address, so the person knows where the codes work. */
  forumUrl: string;
  codes: readonly string[];
  /** YYYY-MM-DD */
  madeOn: string;
}

export function recoveryCodesFileName(handle: string): string {
  return `commonthread-recovery-codes-${handle}.txt`;
}

export function recoveryCodesText(file: RecoveryCodesFile): string {
  return [
    `Recovery codes for ${file.handle} on ${file.forumName}`,
    file.forumUrl,
    `Made on ${formatDate(file.madeOn)}.`,
    '',
    'If you forget your passphrase, use one of these codes to get back in.',
    'Each code works once. Keep this file somewhere safe and private.',
    '',
    ...file.codes.map((code, i) => `${i + 1}. ${code}`),
    '',
  ].join('\n');
}

/** Today as YYYY-MM-DD, in the person's own time zone. */
export function today(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** When so few codes are left, we suggest making new ones. */
export const FEW_CODES_LEFT = 3;
