// A checked text cut into plain runs and highlights, for showing each finding in place.
// The server counts offsets in Unicode code points; JavaScript strings count UTF-16 units, in
// which an emoji such as 👍 is two. So the text is cut as an array of code points, never with
// `slice` on the string, or every highlight after an emoji would be shifted.

import type { Finding } from '../api';

export type Segment = { kind: 'plain'; text: string } | Highlight;

export interface Highlight {
  kind: 'highlight';
  text: string;
  finding: Finding;
}

/**
 * `text` as plain runs and highlights, in order; joined up, the segments give back `text`.
 * A finding that does not fit the text (past its end, overlapping the one before, or whose
 * `text` is not what is at its offsets) is left out rather than highlight the wrong words.
 */
export function segmentsOf(text: string, findings: readonly Finding[]): Segment[] {
  const points = Array.from(text);
  const segments: Segment[] = [];
  let at = 0;
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    if (finding.start < at || finding.end > points.length || finding.end <= finding.start) continue;
    const found = points.slice(finding.start, finding.end).join('');
    if (found !== finding.text) continue;
    if (finding.start > at) segments.push({ kind: 'plain', text: points.slice(at, finding.start).join('') });
    segments.push({ kind: 'highlight', text: found, finding });
    at = finding.end;
  }
  if (at < points.length) segments.push({ kind: 'plain', text: points.slice(at).join('') });
  return segments;
}

/** The highlights alone, in reading order. */
export function highlightsOf(segments: readonly Segment[]): Highlight[] {
  return segments.filter((segment): segment is Highlight => segment.kind === 'highlight');
}
