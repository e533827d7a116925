// Short pieces of wording about stories, shared by the composer and "My stories".

/** How much of a story a summary shows. */
export const EXCERPT_CHARS = 300;

/** The story's start, cut at a word near `max` characters, with "…" when cut. */
export function excerptOf(text: string, max: number = EXCERPT_CHARS): string {
  const trimmed = text.trim();
  const chars = [...trimmed];
  if (chars.length <= max) return trimmed;
  const cut = chars.slice(0, max).join('');
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

/** A story's title, or words saying it has none yet. */
export function titleOrUntitled(title: string): string {
  return title.trim() === '' ? 'Untitled draft' : title;
}
