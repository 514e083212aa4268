/** The words of a name, lower-case: `orderTotal` and `order_total` both give [order, total]. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** The name's last word: what it is (`shipping_status` is a status). */
export const lastWord = (name: string): string => wordsOf(name).at(-1) ?? '';
