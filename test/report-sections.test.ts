import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { designFromFile } from '../src/api/design.js';
import { inlineHtml, markdownLinesToHtml } from '../src/writers/report/markdown-html.js';
import { REFERENCE_SPEC } from './helpers.js';

const IOT_SPEC = fileURLToPath(new URL('../examples/iot-telemetry.yaml', import.meta.url));

const decode = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

/** The Markdown lines outside fenced code, and how many fenced blocks there are. */
function outsideFences(markdown: string) {
  const lines: string[] = [];
  let inFence = false;
  let fences = 0;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) {
      if (!inFence) fences++;
      inFence = !inFence;
    } else if (!inFence) lines.push(line);
  }
  return { lines, fences };
}

const markdownHeadings = (lines: readonly string[]) =>
  lines.flatMap((l) => (/^(#{1,6}) (.+)$/.exec(l) ? [`h${l.indexOf(' ')} ${l.slice(l.indexOf(' ') + 1).replace(/`|\*\*/g, '')}`] : []));
const htmlHeadings = (html: string) => [...html.matchAll(/<h([1-6])>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${decode(m[2]!)}`);

for (const [name, spec] of [
  ['the reference spec', REFERENCE_SPEC],
  ['examples/iot-telemetry.yaml', IOT_SPEC],
] as const) {
  describe(`report.html carries everything README.md does: ${name}`, async () => {
    const result = await designFromFile(spec);
    assert.ok(result.ok, `${name} designs`);
    const markdown = result.artifacts.find((a) => a.path === 'README.md')!.content;
    const html = result.artifacts.find((a) => a.path === 'report.html')!.content;
    const page = html.slice(html.indexOf('<body>'), html.indexOf('<script>'));
    const { lines, fences } = outsideFences(markdown);

    it('the same section headings, in the same order', () => {
      const headings = markdownHeadings(lines);
      for (const section of [
        'Summary',
        'Technology',
        'Caching',
        'Scaling',
        'Security and compliance',
        'Availability and recovery',
        'Capacity',
        'Decisions',
        'Tables',
        'Entity-relationship diagram',
        'DDL (PostgreSQL)',
      ])
        assert.ok(headings.includes(`h2 ${section}`), section);
      assert.deepEqual(htmlHeadings(page), headings);
    });

    it('every table row, list item and code block', () => {
      const rows = lines.filter((l) => l.startsWith('|') && !/^\|(-+\|)+$/.test(l)).length;
      assert.equal((page.match(/<tr>/g) ?? []).length, rows, 'table rows');
      assert.equal((page.match(/<li>/g) ?? []).length, lines.filter((l) => l.startsWith('- ')).length, 'list items');
      assert.equal((page.match(/<pre[ >]/g) ?? []).length, fences, 'code blocks');
    });

    it('the technology, caching and alert tables, the alternatives, the DDL and the warnings', () => {
      const { technology, caching, availability, decisions, diagnostics } = result.design;
      const first = technology.ranking[0]!;
      assert.ok(markdown.includes(`| 1 | ${first.name} | ${first.family} | ${first.score} |`));
      assert.ok(page.includes(`<tr><td>1</td><td>${first.name}</td><td>${first.family}</td><td>${first.score}</td>`), 'technology row');
      for (const c of caching.cached) assert.ok(page.includes(`<tr><td>${c.pattern}</td><td>${c.layer}</td>`), `caching row ${c.pattern}`);
      for (const a of availability.alerts) assert.ok(decode(page).includes(a.name) && markdown.includes(`| ${a.name} |`), `alert ${a.name}`);
      const alternative = decisions.flatMap((d) => d.alternatives)[0]!;
      assert.ok(markdown.includes(`- ${alternative.option}: rejected, `));
      assert.ok(decode(page).includes(`${alternative.option}: rejected, `), 'an alternative');
      const ddl = result.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content;
      const createTable = ddl.split('\n').find((l) => l.startsWith('CREATE TABLE'))!;
      assert.ok(markdown.includes(createTable));
      assert.ok(page.includes(createTable.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')), 'the DDL');
      const warnings = diagnostics.filter((d) => d.severity !== 'info');
      for (const w of warnings) {
        assert.ok(markdown.includes(`- \`${w.code}\``), `README warning ${w.code}`);
        assert.ok(page.includes(`<li><code>${w.code}</code>`), `HTML warning ${w.code}`);
      }
      if (spec === REFERENCE_SPEC)
        assert.ok(
          warnings.some((w) => w.code === 'design/fold-over-expiring-events'),
          'the reference spec has a warning to show',
        );
      assert.ok(page.includes('<pre class="mermaid" id="erd">erDiagram'), 'the ERD as a diagram');
      assert.equal((page.match(/id="capacity-chart"/g) ?? []).length, 1, 'the capacity chart');
    });
  });
}

describe('the Markdown forms the sections use, as HTML', () => {
  it('inline code, bold, italic and links; markup inside code spans and unsafe links stay text', () => {
    assert.equal(
      inlineHtml('**Choice:** `a <b> **c**` and *executed* (x)'),
      '<strong>Choice:</strong> <code>a &lt;b&gt; **c**</code> and <em>executed</em> (x)',
    );
    assert.equal(
      inlineHtml('[MADR](https://adr.github.io/madr/) and [x](javascript:alert(1))'),
      '<a href="https://adr.github.io/madr/">MADR</a> and [x](javascript:alert(1))',
    );
    assert.equal(inlineHtml('2 * 3 * 4'), '2 * 3 * 4');
  });

  it('tables with escaped pipes, lists, quotes, line breaks and fenced code', () => {
    const html = markdownLinesToHtml([
      '> a quote',
      '',
      '| a | b |',
      '|---|---|',
      '| x \\| y | `z` |',
      '',
      '- one',
      '- two',
      '',
      '**Choice:** c  ',
      '**Evidence:** d',
      '',
      '```sql',
      'SELECT "a" < 1;',
      '```',
      '### `t`',
    ]);
    assert.equal(
      html,
      [
        '<blockquote><p>a quote</p></blockquote>',
        '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody>\n<tr><td>x | y</td><td><code>z</code></td></tr>\n</tbody></table>',
        '<ul><li>one</li><li>two</li></ul>',
        '<p><strong>Choice:</strong> c<br>\n<strong>Evidence:</strong> d</p>',
        '<pre><code class="language-sql">SELECT &quot;a&quot; &lt; 1;</code></pre>',
        '<h3><code>t</code></h3>',
      ].join('\n'),
    );
  });
});
