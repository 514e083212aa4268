/**
 * Thousands separators without Intl: `Number.prototype.toLocaleString` builds a formatter per call
 * and dominated report rendering for large designs.
 */
export function formatCount(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
