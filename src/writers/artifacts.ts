import type { Design } from '../model/design.js';
import type { VerifyReport } from '../model/parts/verify-report.js';
import type { AdrNumbers } from './adr/adr-numbers.js';
import { renderAdrs } from './adr/render-adrs.js';
import { renderMermaidErd } from './erd/mermaid.js';
import { renderMarkdownReport } from './report/markdown.js';
import { renderHtmlReport } from './report/html.js';

/** One file of a design folder, relative path and content. */
export interface Artifact {
  readonly path: string;
  readonly content: string;
}

/** Every file of the design folder, in a stable order. Pure: the same design gives the same bytes. */
export function renderArtifacts(design: Design, ddlFiles: Readonly<Record<string, string>>, verification?: VerifyReport, adrNumbers?: AdrNumbers): Artifact[] {
  const erd = renderMermaidErd(design.schema);
  // The report shows the design's own schema script (the first check), not the security, erasure and jobs scripts or other dialects'.
  const ddl = ddlFiles[design.ddl[0]?.file ?? ''] ?? '';
  const artifacts: Artifact[] = [
    // README.md and report.html render the same sections (report-sections.ts).
    { path: 'README.md', content: renderMarkdownReport(design, { ddl, erd }, verification) },
    { path: 'design.json', content: JSON.stringify(design, null, 2) + '\n' },
    { path: 'erd.mmd', content: erd },
    { path: 'report.html', content: renderHtmlReport(design, { ddl, erd }, verification) },
    ...Object.entries(ddlFiles).map(([path, content]) => ({ path, content })),
    ...renderAdrs(design, adrNumbers),
    ...(verification ? [{ path: 'verify.json', content: JSON.stringify(verification, null, 2) + '\n' }] : []),
  ];
  return artifacts.sort((a, b) => (a.path < b.path ? -1 : 1));
}
