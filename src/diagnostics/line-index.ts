import type { Position } from './diagnostic.js';

/** Turns character offsets into 1-based line:column positions (and back) for one text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  position(offset: number): { line: number; column: number } {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.lineStarts[low]! + 1 };
  }

  /** The character offset of a position; throws on one outside the text (a column may point just past a line's end). */
  offset(position: Position): number {
    const start = this.lineStarts[position.line - 1];
    const next = this.lineStarts[position.line] ?? this.text.length + 1;
    const offset = start === undefined ? -1 : start + position.column - 1;
    if (start === undefined || position.column < 1 || offset >= next)
      throw new RangeError(`no position ${position.line}:${position.column} in a text of ${this.lineStarts.length} line(s)`);
    return offset;
  }
}
