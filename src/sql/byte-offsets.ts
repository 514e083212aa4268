/**
 * libpg-query reports offsets (token starts and ends, node locations) in UTF-8 bytes; JavaScript
 * strings index UTF-16 code units. This maps one to the other for a text, at no cost when it is ASCII.
 */
export function byteToCharOffsets(text: string): (byteOffset: number) => number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range is the point
  if (/^[\u0000-\u007f]*$/.test(text)) return (b) => b;
  const map: number[] = [];
  let char = 0;
  for (const symbol of text) {
    const bytes = Buffer.byteLength(symbol, 'utf8');
    for (let i = 0; i < bytes; i++) map.push(char);
    char += symbol.length;
  }
  map.push(char);
  return (b) => map[Math.max(0, Math.min(b, map.length - 1))]!;
}
