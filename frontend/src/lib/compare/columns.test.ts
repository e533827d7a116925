import { expect, test } from 'vitest';
import { leftOutSentence, tableColumns } from './columns';
import { comparison, hidden, shown } from './test-comparison';

function withThirdTag() {
  const answer = comparison();
  answer.columns.push({ id: 'outnumbered', label: 'Outnumbered', category: 'meetings' });
  answer.rows[0]!.figures.push(hidden('outnumbered'));
  answer.rows[1]!.figures.push(hidden('outnumbered'));
  return answer;
}

test('columns with no figure to show in any area are left out, and counted', () => {
  const answer = withThirdTag();
  const { columns, leftOut } = tableColumns(answer);
  expect(columns.map((c) => [c.tag.id, c.index])).toEqual([
    ['minutes-withheld', 0],
    ['bedroom-inspected', 1],
  ]);
  expect(leftOut).toBe(1);
});

test('one area’s figure is enough to keep a column', () => {
  const answer = withThirdTag();
  answer.rows[1]!.figures[2] = shown('outnumbered', 5);
  expect(tableColumns(answer).leftOut).toBe(0);
});

test('the mapped tag’s column, and a tag chosen by itself, are always shown', () => {
  const answer = withThirdTag();
  expect(tableColumns({ ...answer, shown_tag: answer.columns[2]! }).columns.map((c) => c.tag.id)).toContain('outnumbered');
  const chosen = { ...answer, tag: 'outnumbered', columns: [answer.columns[2]!], rows: answer.rows.map((r) => ({ ...r, figures: [r.figures[2]!] })) };
  expect(tableColumns(chosen)).toEqual({ columns: [{ tag: answer.columns[2], index: 0 }], leftOut: 0 });
});

test('what the page says about them', () => {
  expect(leftOutSentence(0)).toBe('');
  expect(leftOutSentence(1)).toBe(
    '1 tag is left out of the table because no area has a figure to show for it in this quarter. Choose a category or a tag to see it.',
  );
  expect(leftOutSentence(47)).toBe(
    '47 tags are left out of the table because no area has a figure to show for them in this quarter. Choose a category or a tag to see them.',
  );
});
