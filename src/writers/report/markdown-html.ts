/**
 * HTML for the Markdown lines the report sections are written in: exactly the forms those
 * sections use (### headings, paragraphs with two-space line breaks, `- ` lists, `> ` quotes, pipe
 * tables, fenced code; inline code, **bold**, *italic* and [links](…)), not Markdown at large. A
 * full renderer (marked) would need a dependency of its own; the test in
 * test/report-sections.test.ts holds the two renderings of every section to the same headings and
 * contents.
 */

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A fenced code block of a language: the caller may render it its own way (the ERD as a diagram). */
export type CodeRenderer = (language: string, code: string) => string | undefined;

export function markdownLinesToHtml(lines: readonly string[], renderCode: CodeRenderer = () => undefined): string {
  const out: string[] = [];
  let i = 0;
  const collect = (test: (line: string) => boolean) => {
    const block: string[] = [];
    while (i < lines.length && test(lines[i]!)) block.push(lines[i++]!);
    return block;
  };
  while (i < lines.length) {
    const line = lines[i]!;
    const fence = /^```(\w*)$/.exec(line);
    if (fence) {
      i++;
      const code = collect((l) => l !== '```').join('\n');
      i++; // the closing fence
      out.push(renderCode(fence[1]!, code) ?? `<pre><code${fence[1] ? ` class="language-${fence[1]}"` : ''}>${escapeHtml(code)}</code></pre>`);
      continue;
    }
    const heading = /^(#{1,6}) (.+)$/.exec(line);
    if (heading) {
      i++;
      out.push(`<h${heading[1]!.length}>${inlineHtml(heading[2]!)}</h${heading[1]!.length}>`);
    } else if (line.startsWith('|')) {
      out.push(tableHtml(collect((l) => l.startsWith('|'))));
    } else if (line.startsWith('- ')) {
      out.push(
        `<ul>${collect((l) => l.startsWith('- '))
          .map((l) => `<li>${inlineHtml(l.slice(2))}</li>`)
          .join('')}</ul>`,
      );
    } else if (line.startsWith('> ')) {
      out.push(
        `<blockquote><p>${collect((l) => l.startsWith('> '))
          .map((l) => inlineHtml(l.slice(2)))
          .join(' ')}</p></blockquote>`,
      );
    } else if (line === '') {
      i++;
    } else {
      const paragraph = collect((l) => l !== '' && !/^(#{1,6} |\||- |> |```)/.test(l));
      out.push(`<p>${paragraph.map((l) => inlineHtml(l.replace(/ {2}$/, '')) + (l.endsWith('  ') ? '<br>' : '')).join('\n')}</p>`);
    }
  }
  return out.join('\n');
}

function tableHtml(rows: readonly string[]): string {
  // Cells split at pipes that are not escaped (`\|` is a pipe inside a cell).
  const cells = (row: string) =>
    row
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
  const [head, separator, ...body] = rows;
  const hasHead = separator !== undefined && /^\|(\s*:?-+:?\s*\|)+$/.test(separator);
  const headCells = hasHead ? cells(head!) : [];
  const bodyRows = hasHead ? body : rows;
  const th = headCells.map((c) => `<th>${inlineHtml(c)}</th>`).join('');
  const trs = bodyRows
    .map(
      (r) =>
        `<tr>${cells(r)
          .map((c) => `<td>${inlineHtml(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('\n');
  return `<table>${th ? `<thead><tr>${th}</tr></thead>` : ''}<tbody>\n${trs}\n</tbody></table>`;
}

/** Inline forms: code spans first (nothing inside them is markup), then links, bold and italic. */
export function inlineHtml(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) => {
      if (/^`[^`]+`$/.test(part)) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return (
        escapeHtml(part)
          // Only web and relative links: a spec's text must not smuggle in `javascript:`.
          .replace(/\[([^\]]+)\]\(((?:https?:\/\/|[\w.-]+(?:\/|$))[^)\s]*)\)/g, (_, label: string, href: string) => `<a href="${href}">${label}</a>`)
          .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
          .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>')
      );
    })
    .join('');
}
