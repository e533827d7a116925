import { expect, test } from 'vitest';
import { ApiError, messageFor } from '../api';
import { errorFor, errorsFrom, wholeNumberBetween } from './errors';

test('a server code is tied to the field it is about', () => {
  const errors = errorsFrom(new ApiError('handle_taken', 409, null), { handle_taken: 'handle' });
  expect(errors).toEqual([{ field: 'handle', message: 'Someone already uses that handle. Please choose another.' }]);
  expect(errorFor(errors, 'handle')).toBe('Someone already uses that handle. Please choose another.');
  expect(errorFor(errors, 'passphrase')).toBeUndefined();
});

test('a code about no field goes in the summary only', () => {
  expect(errorsFrom(new ApiError('network', null, null), { handle_taken: 'handle' })).toEqual([
    { field: null, message: 'We couldn’t reach the forum. Please check your internet connection and try again.' },
  ]);
});

test('anything else is "unexpected"', () => {
  expect(errorsFrom(new Error('boom'))[0]?.message).toBe(
    'The forum sent an answer we didn’t understand. It isn’t your fault. Please try again later.',
  );
});

test('whole numbers in a range', () => {
  expect(wholeNumberBetween(' 7 ', 1, 90)).toBe(7);
  expect(wholeNumberBetween('90', 1, 90)).toBe(90);
  expect(wholeNumberBetween('0', 1, 90)).toBeNull();
  expect(wholeNumberBetween('91', 1, 90)).toBeNull();
  expect(wholeNumberBetween('1.5', 1, 90)).toBeNull();
  expect(wholeNumberBetween('-3', 1, 90)).toBeNull();
  expect(wholeNumberBetween('', 1, 90)).toBeNull();
  expect(wholeNumberBetween('seven', 1, 90)).toBeNull();
});

test('a form can say a code in its own words, e.g. its own length limit', () => {
  const tooLong = new ApiError('text_too_long', 422, null);
  expect(errorsFrom(tooLong, { text_too_long: 'note' }, { text_too_long: 'Up to 1,000 characters.' })).toEqual([
    { field: 'note', message: 'Up to 1,000 characters.' },
  ]);
  expect(errorsFrom(tooLong, { text_too_long: 'note' })).toEqual([{ field: 'note', message: messageFor('text_too_long') }]);
});
