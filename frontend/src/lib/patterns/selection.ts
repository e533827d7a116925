// The tags an author has chosen: a list of ids, in the order they were chosen, each once.

/** `selected` with `tagId` in it (at the end, if new) when `chosen`, without it otherwise. */
export function setChosen(selected: readonly string[], tagId: string, chosen: boolean): string[] {
  const without = selected.filter((id) => id !== tagId);
  return chosen ? (selected.includes(tagId) ? [...selected] : [...without, tagId]) : without;
}
