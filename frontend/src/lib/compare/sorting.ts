// Sorting the comparison table by its column headers: the server sorts (so that the page, the
// address and the evidence agree); a header's button says which sort it sets, and the
// header says how the table is sorted now (`aria-sort`), as the APG sortable table does.

import type { CompareSort, SortOrder } from '../api/compare';
import { DEFAULT_ORDER } from './filters';

export interface SortState {
  sort: CompareSort;
  order: SortOrder;
}

/** What pressing `column`'s button does: the other way round if the table is sorted by it, else its own default. */
export function sortAfterPressing(current: SortState, column: CompareSort): SortState {
  if (current.sort === column) return { sort: column, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { sort: column, order: DEFAULT_ORDER[column] };
}

/** `aria-sort` for `column`'s header: only the column the table is sorted by has one. */
export function ariaSort(current: SortState, column: CompareSort): 'ascending' | 'descending' | undefined {
  if (current.sort !== column) return undefined;
  return current.order === 'asc' ? 'ascending' : 'descending';
}

const ORDER_WORDS: Readonly<Record<CompareSort, Record<SortOrder, string>>> = {
  area: { asc: 'A to Z', desc: 'Z to A' },
  families: { asc: 'fewest first', desc: 'most first' },
  rate: { asc: 'lowest first', desc: 'highest first' },
};

/** "A to Z", "most first", "highest first"… */
export function orderWords(state: SortState): string {
  return ORDER_WORDS[state.sort][state.order];
}

/** The hidden words on a header's button: what pressing it does. */
export function sortButtonLabel(current: SortState, column: CompareSort): string {
  return `sort ${orderWords(sortAfterPressing(current, column))}`;
}
