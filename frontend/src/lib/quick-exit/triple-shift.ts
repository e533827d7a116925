// Triple-Shift: the keyboard way out of the GOV.UK "Exit this page" pattern.
// Three presses of Shift, each within a second of the one before, mean "leave now".
// Pure: it sees only the key, whether the key is held (auto-repeat) and when it happened,
// so it can be tested without a browser.

/** The part of a `KeyboardEvent` the detector needs. */
export interface KeyPress {
  /** `KeyboardEvent.key`; both Shift keys report 'Shift'. */
  key: string;
  /** True for the auto-repeats of a held key: holding Shift is not pressing it. */
  repeat: boolean;
  /** Milliseconds, e.g. `KeyboardEvent.timeStamp`. */
  at: number;
}

export interface ShiftCount {
  /** Shift presses so far in the current run. */
  presses: number;
  /** When the last of them happened. */
  lastAt: number;
}

export const PRESSES_TO_EXIT = 3;
export const MAX_GAP_MS = 1000;

export const NO_PRESSES: ShiftCount = { presses: 0, lastAt: Number.NEGATIVE_INFINITY };

export interface Step {
  count: ShiftCount;
  /** True when this key press completes the run: leave the page. */
  exit: boolean;
}

/** Counts one keydown. Any other key, or too long a pause, starts the count again. */
export function countShift(count: ShiftCount, press: KeyPress): Step {
  if (press.key !== 'Shift') return { count: NO_PRESSES, exit: false };
  if (press.repeat) return { count, exit: false };

  const continues = count.presses > 0 && press.at - count.lastAt <= MAX_GAP_MS;
  const presses = continues ? count.presses + 1 : 1;
  if (presses >= PRESSES_TO_EXIT) return { count: NO_PRESSES, exit: true };
  return { count: { presses, lastAt: press.at }, exit: false };
}

/** What to tell a screen reader user after a Shift press, or '' to say nothing. */
export function progressMessage(count: ShiftCount): string {
  const left = PRESSES_TO_EXIT - count.presses;
  if (count.presses === 0 || left <= 0) return '';
  return `Shift, press ${left} more ${left === 1 ? 'time' : 'times'} to exit.`;
}
