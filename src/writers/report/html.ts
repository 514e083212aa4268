import type { Design } from '../../model/design.js';
import { formatBytes } from '../../format.js';
import type { VerifyReport } from '../../model/parts/verify-report.js';
import { escapeHtml as escape, inlineHtml, markdownLinesToHtml } from './markdown-html.js';
import { mermaidBundle } from './mermaid-asset.js';
import { buildReportSections } from './report-sections.js';

/**
 * report.html: one self-contained page (no network) with every section of README.md, from the same
 * list (report-sections.ts), plus what a browser adds: the ERD drawn by the bundled Mermaid and a
 * chart of the capacity growth.
 */
export function renderHtmlReport(design: Design, files: { readonly ddl: string; readonly erd: string }, verification?: VerifyReport): string {
  const { spec, capacity } = design;
  const chart = capacityChart(capacity.months.map((m) => ({ month: m.month, bytes: m.totalBytes })));
  const erdAsDiagram = (language: string, code: string) => (language === 'mermaid' ? `<pre class="mermaid" id="erd">${escape(code)}</pre>` : undefined);
  const body = buildReportSections(design, files, verification).map((section) => {
    const heading = `<h${section.level}>${inlineHtml(section.heading)}</h${section.level}>`;
    const extra = section.level === 2 && section.heading === 'Capacity' ? `\n${chart}` : '';
    return `<section>\n${heading}${extra}\n${markdownLinesToHtml(section.lines, erdAsDiagram)}\n</section>`;
  });

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(spec.name)}: database design</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 1100px; margin: 2rem auto; padding: 0 1rem; color: #1d2430; }
table { border-collapse: collapse; } td, th { border: 1px solid #ccd; padding: 0.2rem 0.6rem; text-align: left; }
pre { background: #f5f7fa; padding: 0.6rem; overflow-x: auto; } code { font-size: 0.9em; }
blockquote { color: #4a5568; margin-left: 0; padding-left: 1rem; border-left: 3px solid #ccd; }
</style>
</head>
<body>
${body.join('\n')}
<script>${mermaidBundle()}</script>
<script>mermaid.initialize({ startOnLoad: true, securityLevel: 'strict', er: { useMaxWidth: true } });</script>
</body>
</html>
`;
}

/** An SVG line of total size by month: drawn here, so the page needs no chart library. */
function capacityChart(points: readonly { month: number; bytes: number }[]): string {
  if (points.length === 0) return '';
  const width = 640;
  const height = 220;
  const pad = 40;
  const maxMonth = Math.max(1, ...points.map((p) => p.month));
  const maxBytes = Math.max(1, ...points.map((p) => p.bytes));
  const x = (m: number) => pad + ((width - 2 * pad) * m) / maxMonth;
  const y = (b: number) => height - pad - ((height - 2 * pad) * b) / maxBytes;
  const line = points.map((p) => `${x(p.month).toFixed(1)},${y(p.bytes).toFixed(1)}`).join(' ');
  return `<svg id="capacity-chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="total size by month">
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#889"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#889"/>
<polyline fill="none" stroke="#2b6cb0" stroke-width="2" points="${line}"/>
<text x="${pad}" y="${pad - 8}" font-size="12">${escape(formatBytes(maxBytes))}</text>
<text x="${width - pad}" y="${height - pad + 16}" font-size="12" text-anchor="end">month ${maxMonth}</text>
</svg>`;
}
