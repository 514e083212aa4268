import { formatCount } from '../../format.js';
import type { DynamoDesign, NosqlFinding } from '../../model/parts/nosql.js';
import type { Evidence } from '../../model/decision.js';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/** nosql/dynamodb/access-patterns.md: the item types and GSIs, then every pattern's requests with their exact key conditions. */
export function renderDynamoAccessPatterns(design: DynamoDesign, specName: string): string {
  const out: string[] = [`# ${specName}: DynamoDB single-table design`, ''];
  out.push(
    `One table, \`${design.table.TableName}\` (\`table.json\` is its CreateTable input), ${design.items.length} item types and ${design.indexes.length} GSIs. Every access pattern is a GetItem or a Query on an exact key; none is a Scan.`,
    '',
    `Key templates name columns in braces and parameters with a colon (\`{:tenant}\`); \`{=…}\` is SQL the application evaluates. Integers in sort keys are zero-padded to 20 digits and instants are ISO 8601 UTC, so text order is value order.`,
    '',
  );
  out.push(...evidenceLines(design.evidence));
  out.push('## Item types', '', '| entity | PK | SK | collection | GSI keys | size (typical / max) | items at the horizon |', '|---|---|---|---|---|---|---|');
  for (const i of design.items)
    out.push(
      `| ${i.entity} | ${code(i.pk)} | ${code(i.sk)} | ${i.collection ? `with its ${i.collection.parent} (${i.collection.patterns.join(', ')})` : ''} | ${i.gsiKeys.map((g) => `${g.index}: ${code(g.pk)} / ${code(g.sk)}`).join('<br>')} | ${i.size.typicalBytes} B / ${i.size.maxBytes} B${i.size.unbounded.length ? ` (unbounded: ${i.size.unbounded.join(', ')})` : ''} | ${formatCount(i.itemsAtHorizon)} |`,
    );
  out.push('');
  const copies = design.items.flatMap((i) => i.copies.map((c) => ({ entity: i.entity, ...c })));
  if (copies.length) {
    out.push('Copied attributes (denormalized so a pattern needs no join):', '');
    for (const c of copies)
      out.push(
        `- ${c.entity} copies ${c.parent}'s ${c.columns.map((x) => `\`${x.column}\` as \`${x.attribute}\``).join(', ')} for ${c.patterns.join(', ')}: a change to them rewrites about ${c.itemsPerParent} ${c.entity} items per ${c.parent}.`,
      );
    out.push('');
  }
  const guards = design.items.flatMap((i) => i.uniqueGuards.map((g) => ({ entity: i.entity, ...g })));
  if (guards.length) {
    out.push('Unique constraints (no index enforces them: a guard item is put with `attribute_not_exists(PK)` in the same TransactWriteItems):', '');
    for (const g of guards) out.push(`- ${g.entity} (${g.columns.join(', ')}): ${code(g.pk)} / ${code(g.sk)}`);
    out.push('');
  }
  out.push('## GSIs', '', '| index | keys | projection | item types | patterns |', '|---|---|---|---|---|');
  for (const g of design.indexes)
    out.push(
      `| ${g.name} | ${g.pk}, ${g.sk} | ${g.projection.type}${g.projection.attributes ? ` (${g.projection.attributes.join(', ')})` : ''} | ${g.entities.join(', ')} | ${g.patterns.join(', ')} |`,
    );
  out.push('', '## Access patterns', '');
  for (const p of design.patterns) {
    out.push(
      `### \`${p.pattern}\``,
      '',
      `${p.kind}, ${formatCount(p.ratePerSecond)}/s: about ${p.itemsPerCall} items a call, ${p.readUnitsPerSecond} read and ${p.writeUnitsPerSecond} write units/s.`,
      '',
    );
    if (!p.operations.length) out.push('**No key serves it**: see the findings below.', '');
    p.operations.forEach((op, n) => {
      out.push(`${n + 1}. **${op.operation}** on ${op.index === 'table' ? 'the table' : op.index} (${op.entity} items): ${code(op.keyCondition)}`);
      for (const [k, v] of Object.entries(op.values)) out.push(`   - ${code(k)} = ${code(v)}`);
      if (op.scanIndexForward !== undefined) out.push(`   - ScanIndexForward: ${op.scanIndexForward}`);
      if (op.limit !== undefined) out.push(`   - Limit: ${op.limit}`);
      if (op.perValue) out.push(`   - once per ${op.perValue.column} in (${op.perValue.values.join(', ')})`);
      if (op.filter) out.push(`   - FilterExpression ${code(op.filter.expression)}: ${op.filter.why}`);
      if (op.sets) out.push(`   - sets ${op.sets.join(', ')}`);
    });
    if (p.notes.length) out.push('', ...p.notes.map((n) => `- ${n}`));
    if (p.hottestKey)
      out.push(
        '',
        `Hottest key: ${code(p.hottestKey.key)} on ${p.hottestKey.index}, ${formatCount(p.hottestKey.distinctKeys)} values, ${p.hottestKey.unitsPerSecond >= 0.01 ? p.hottestKey.unitsPerSecond : 'under 0.01'} units/s each (a partition serves ${p.hottestKey.limit}).`,
      );
    out.push('');
  }
  out.push(
    '## Capacity',
    '',
    `- ${design.capacity.readUnitsPerSecond} read units/s and ${design.capacity.writeUnitsPerSecond} write units/s at the patterns' rates; about ${formatCount(Math.round(design.capacity.storageBytesAtHorizon / 1e9))} GB at the horizon.`,
  );
  for (const b of design.capacity.basis) out.push(`- ${b}`);
  out.push('', ...findingLines(design.findings));
  return `${out.join('\n').trimEnd()}\n`;
}

export function evidenceLines(evidence: readonly Evidence[]): string[] {
  return ['Evidence:', '', ...evidence.map((e) => `- *${e.tier}* (${e.source}): ${e.detail}`), ''];
}

export function findingLines(findings: readonly NosqlFinding[]): string[] {
  if (!findings.length) return ['## Findings', '', 'None.', ''];
  return [
    '## Findings',
    '',
    ...findings.map((f) => `- **${f.severity}** \`${f.code}\`${f.pattern ? ` (${f.pattern})` : ''}: ${cell(f.message)}. Fix: ${f.fix}.`),
    '',
  ];
}
