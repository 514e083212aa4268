import type { Design } from '../../model/design.js';
import type { VerifyReport } from '../../model/parts/verify-report.js';
import { buildReportSections } from './report-sections.js';

/** README.md of the design folder: what a reviewer reads first. */
export function renderMarkdownReport(design: Design, files: { readonly ddl: string; readonly erd: string }, verification?: VerifyReport): string {
  return buildReportSections(design, files, verification)
    .flatMap((section) => [`${'#'.repeat(section.level)} ${section.heading}`, '', ...section.lines])
    .join('\n');
}
