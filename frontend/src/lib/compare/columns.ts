// Which of the comparison's tag columns the table shows. With no tag chosen the server sends a
// column for every tag (fifty or so), and in most quarters most of them hold nothing but hidden
// figures: a table that wide hides what it has. So the page leaves out the columns in which no
// area has a figure to show, keeps the mapped tag's always, and says how many it left out (a
// category or a tag chosen in the filters shows them). A tag chosen by itself is always shown.

import type { CompareFigure, Comparison, TagRef } from '../api/compare';

export interface TableColumn {
  tag: TagRef;
  /** Where its figures are in each row's `figures`. */
  index: number;
}

export interface TableColumns {
  columns: TableColumn[];
  /** How many columns were left out for holding no figure to show. */
  leftOut: number;
}

function shows(figure: CompareFigure | undefined): boolean {
  return figure !== undefined && !figure.suppressed && figure.count !== null;
}

export function tableColumns(answer: Pick<Comparison, 'columns' | 'rows' | 'tag' | 'shown_tag'>): TableColumns {
  const all = answer.columns.map((tag, index) => ({ tag, index }));
  if (answer.tag) return { columns: all, leftOut: 0 };
  const columns = all.filter(({ tag, index }) => tag.id === answer.shown_tag?.id || answer.rows.some((row) => shows(row.figures[index])));
  return { columns, leftOut: all.length - columns.length };
}

/** Said under the table when columns were left out. */
export function leftOutSentence(leftOut: number): string {
  if (leftOut === 0) return '';
  const tags = leftOut === 1 ? '1 tag is' : `${leftOut} tags are`;
  return `${tags} left out of the table because no area has a figure to show for ${leftOut === 1 ? 'it' : 'them'} in this quarter. Choose a category or a tag to see ${leftOut === 1 ? 'it' : 'them'}.`;
}
