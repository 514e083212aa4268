/**
 * Thousands separators without Intl: `Number.prototype.toLocaleString` builds a formatter per call
 * and dominated report rendering for large designs.
 */
export function formatCount(n: number): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A count for prose: whole, with separators, from 10 up; two significant digits below. */
export function formatAmount(n: number): string {
  if (n >= 10 || n === 0) return formatCount(Math.round(n));
  return String(Number(n.toPrecision(2)));
}

/** `1,500/s`, `2.5/s`, and slower rates per minute or hour (`1/min`, `12/h`), as a spec writes them. */
export function formatRate(perSecond: number): string {
  if (perSecond >= 1 || perSecond === 0) return `${formatAmount(perSecond)}/s`;
  if (perSecond * 60 >= 1) return `${formatAmount(perSecond * 60)}/min`;
  return `${formatAmount(perSecond * 3600)}/h`;
}

/** Bytes in binary units as PostgreSQL's pg_size_pretty prints them: `14.5 GB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 100 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
