import type { TextEdit } from './diagnostic.js';
import { LineIndex } from './line-index.js';

/** The edit replacing `text` from character offset `start` up to `end` with `newText`: rules over parsed SQL know offsets. */
export function textEditAt(file: string, text: string | LineIndex, start: number, end: number, newText: string): TextEdit {
  if (end < start) throw new RangeError(`edit ends (${end}) before it starts (${start})`);
  const index = typeof text === 'string' ? new LineIndex(text) : text;
  return { file, start: index.position(start), end: index.position(end), newText };
}

/**
 * The text after the edits (those of one file), applied as one change: positions refer to the text
 * before any edit. Overlapping edits are refused, as no order would make them mean one thing.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const ranges = edits
    .map((e) => ({ from: index.offset(e.start), to: index.offset(e.end), newText: e.newText }))
    .sort((a, b) => a.from - b.from || a.to - b.to);
  for (let i = 1; i < ranges.length; i++) if (ranges[i]!.from < ranges[i - 1]!.to) throw new RangeError(`edits overlap at character ${ranges[i]!.from}`);
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += text.slice(at, r.from) + r.newText;
    at = r.to;
  }
  return out + text.slice(at);
}
