import { describe, expect, test } from 'vitest';
import { countShift, NO_PRESSES, progressMessage, type KeyPress, type ShiftCount } from './triple-shift';

function run(presses: KeyPress[]): { exits: boolean[]; count: ShiftCount } {
  let count = NO_PRESSES;
  const exits: boolean[] = [];
  for (const press of presses) {
    const step = countShift(count, press);
    count = step.count;
    exits.push(step.exit);
  }
  return { exits, count };
}

const shift = (at: number, repeat = false): KeyPress => ({ key: 'Shift', repeat, at });
const key = (k: string, at: number): KeyPress => ({ key: k, repeat: false, at });

describe('countShift', () => {
  test('three quick Shift presses exit on the third', () => {
    expect(run([shift(0), shift(300), shift(600)]).exits).toEqual([false, false, true]);
  });

  test('a gap of exactly one second still counts', () => {
    expect(run([shift(0), shift(1000), shift(2000)]).exits).toEqual([false, false, true]);
  });

  test('a gap of more than one second starts again', () => {
    const { exits, count } = run([shift(0), shift(500), shift(1501)]);
    expect(exits).toEqual([false, false, false]);
    expect(count).toEqual({ presses: 1, lastAt: 1501 });
  });

  test('after a slow start, three quick presses still exit', () => {
    expect(run([shift(0), shift(5000), shift(5400), shift(5800)]).exits).toEqual([false, false, false, true]);
  });

  test('holding Shift down (auto-repeat) is one press, not three', () => {
    const { exits, count } = run([shift(0), shift(30, true), shift(60, true), shift(90, true)]);
    expect(exits).toEqual([false, false, false, false]);
    expect(count.presses).toBe(1);
  });

  test('a repeat between real presses neither counts nor breaks the run', () => {
    expect(run([shift(0), shift(50, true), shift(400), shift(800)]).exits).toEqual([false, false, false, true]);
  });

  test('any other key starts the count again, so typing capitals never exits', () => {
    const typing = [shift(0), key('H', 80), shift(300), key('I', 380), shift(600), key('!', 680)];
    expect(run(typing).exits).toEqual([false, false, false, false, false, false]);
  });

  test('only the Shift key counts', () => {
    expect(run([key('Control', 0), key('Control', 100), key('Control', 200)]).exits).toEqual([false, false, false]);
  });

  test('the count starts again after an exit', () => {
    const { exits } = run([shift(0), shift(100), shift(200), shift(300)]);
    expect(exits).toEqual([false, false, true, false]);
  });
});

describe('progressMessage', () => {
  test('tells how many presses are left', () => {
    expect(progressMessage({ presses: 1, lastAt: 0 })).toBe('Shift, press 2 more times to exit.');
    expect(progressMessage({ presses: 2, lastAt: 0 })).toBe('Shift, press 1 more time to exit.');
  });

  test('says nothing when no run is under way', () => {
    expect(progressMessage(NO_PRESSES)).toBe('');
  });
});
