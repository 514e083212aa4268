import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let cached: string | undefined;

/**
 * Mermaid's browser bundle, inlined into report.html so the page renders its ERD offline. A static
 * file of an installed package: reading it does not make the writer depend on anything but the
 * package version. `</script` is escaped so the bundle cannot end its own script element.
 */
export function mermaidBundle(): string {
  cached ??= readFileSync(createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  return cached;
}
