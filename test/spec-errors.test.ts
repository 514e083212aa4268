import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSpecText } from '../src/spec/load-spec.js';
import { problemsOf, runCli, runCliProcess } from './helpers.js';

const base = `version: 1
name: shop
entities:
  customer:
    fields:
      email: email!
  order:
    fields:
      customer: ref(customer)!
      total: money!
      status: enum(open, paid)!
`;

describe('spec errors point at the exact place', () => {
  it('accepts the base spec', async () => {
    assert.deepEqual(await problemsOf(base), []);
  });

  it('YAML syntax error', async () => {
    const yaml = base.replace('      total: money!', '      total: [money!');
    const [first] = await problemsOf(yaml);
    assert.equal(first, '11:7 yaml/syntax');
  });

  it('unknown key, with did-you-mean', async () => {
    const yaml = base.replace('  customer:\n    fields:', '  customer:\n    feilds:\n      x: int\n    fields:');
    const result = await loadSpecText('spec.yaml', yaml);
    const d = result.diagnostics.find((x) => x.code === 'spec/unknown-key')!;
    assert.equal(`${d.location!.line}:${d.location!.column}`, '5:5');
    assert.equal(d.location!.path, 'entities.customer.feilds');
    assert.equal(d.fix, 'did you mean `fields`?');
  });

  it('unknown type, with did-you-mean', async () => {
    const result = await loadSpecText('spec.yaml', base.replace('total: money!', 'total: mony!'));
    assert.equal(result.diagnostics.length, 1);
    const d = result.diagnostics[0]!;
    assert.equal(d.code, 'spec/unknown-type');
    assert.equal(`${d.location!.line}:${d.location!.column}`, '10:14');
    assert.equal(d.fix, 'did you mean `money`?');
  });

  it('dangling ref, with did-you-mean', async () => {
    const result = await loadSpecText('spec.yaml', base.replace('ref(customer)!', 'ref(custommer)!'));
    const d = result.diagnostics.find((x) => x.code === 'spec/unknown-entity')!;
    assert.equal(`${d.location!.line}:${d.location!.column}`, '9:17');
    assert.equal(d.fix, 'did you mean `customer`?');
  });

  it('bad rate', async () => {
    const yaml = `${base}access_patterns:\n  - name: by_customer\n    sql: select * from "order" where customer_id = :c\n    rate: 40/sec\n`;
    assert.deepEqual(await problemsOf(yaml), ['15:11 spec/bad-rate']);
  });

  it('bad SQL points inside the SQL text in the YAML file', async () => {
    const yaml = `${base}access_patterns:\n  - name: broken\n    sql: |\n      select id\n      from "order" where and id = :id\n    rate: 1/s\n`;
    const result = await loadSpecText('spec.yaml', yaml);
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.location!.line}:${d.location!.column} ${d.code} ${d.message}`),
      ['16:26 sql/syntax syntax error at or near "and"'],
    );
  });

  it('unknown column in SQL, with did-you-mean, in a block scalar', async () => {
    const yaml = `${base}access_patterns:\n  - name: open_orders\n    sql: |\n      select id, total from "order"\n      where status = 'open' and custmer_id = :customer\n    rate: 10/s\n`;
    const result = await loadSpecText('spec.yaml', yaml);
    assert.equal(result.diagnostics.length, 1);
    const d = result.diagnostics[0]!;
    assert.equal(d.code, 'sql/unknown-column');
    assert.equal(`${d.location!.line}:${d.location!.column}`, '16:33');
    assert.equal(d.fix, 'did you mean `customer_id`?');
  });

  it('unknown table in SQL, in a plain one-line scalar', async () => {
    const yaml = `${base}access_patterns:\n  - name: q\n    sql: select x.id from orders o where o.id = :id\n    rate: 1/s\n`;
    const result = await loadSpecText('spec.yaml', yaml);
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.location!.line}:${d.location!.column} ${d.code} ${d.fix}`),
      ['14:27 sql/unknown-table did you mean `order`?'],
    );
  });

  it('unknown alias in SQL, in a quoted scalar', async () => {
    const yaml = `${base}access_patterns:\n  - name: q\n    sql: "select x.id from customer c where c.id = :id"\n    rate: 1/s\n`;
    assert.deepEqual(await problemsOf(yaml), ['14:18 sql/unknown-alias']);
  });

  it('`excluded` in INSERT … ON CONFLICT DO UPDATE is the proposed row of the target table, its columns checked', async () => {
    const upsert = (column: string) =>
      `${base}access_patterns:\n  - name: q\n    sql: "insert into customer (id, email) values (:id, :e) on conflict (id) do update set email = excluded.${column}"\n    rate: 1/s\n`;
    assert.deepEqual(await problemsOf(upsert('email')), []);
    assert.deepEqual(await problemsOf(upsert('emial')), ['14:100 sql/unknown-column']);
  });

  it('duplicate keys', async () => {
    const yaml = base.replace('      total: money!', '      total: money!\n      total: int');
    assert.deepEqual(await problemsOf(yaml), ['11:7 yaml/duplicate-key']);
  });

  it('alias bombs are refused, not expanded', async () => {
    const lines = ['version: 1', 'name: bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    lines.push('entities: {}');
    const problems = await problemsOf(lines.join('\n'));
    assert.deepEqual(problems, ['1:1 yaml/alias-expansion']);
  });

  it('reports every problem of a file in one run', async () => {
    const yaml = base
      .replace('total: money!', 'total: mony!')
      .replace('ref(customer)!', 'ref(custommer)!')
      .replace('  customer:\n    fields:', '  customer:\n    rows: lots\n    fields:');
    assert.deepEqual(await problemsOf(yaml), ['5:11 spec/bad-quantity', '10:17 spec/unknown-entity', '11:14 spec/unknown-type']);
  });

  it('missing required keys and wrong value types', async () => {
    assert.deepEqual(await problemsOf('version: 2\nentities:\n  a:\n    fields: {x: 5}\n'), [
      '1:1 spec/missing-key',
      '1:10 spec/bad-value',
      '4:17 spec/wrong-type',
    ]);
  });
});

describe('file-level problems: exit 2, a location, no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-files-'));
  const cases: [string, () => string, RegExp][] = [
    ['missing file', () => join(dir, 'nope.yaml'), /nope\.yaml:1:1: error input\/not-found/],
    [
      'a directory',
      () => {
        mkdirSync(join(dir, 'folder.yaml'));
        return join(dir, 'folder.yaml');
      },
      /folder\.yaml:1:1: error input\/is-directory/,
    ],
    ['an empty file', () => write('empty.yaml', ''), /empty\.yaml:1:1: error input\/empty/],
    ['binary junk', () => write('junk.yaml', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00])), /junk\.yaml:1:7: error input\/binary/],
    [
      'invalid UTF-8',
      () => write('latin1.yaml', Buffer.concat([Buffer.from('version: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')])),
      /latin1\.yaml:2:10: error input\/invalid-utf8/,
    ],
    ['a huge file', () => write('huge.yaml', Buffer.alloc(9 * 1024 * 1024, 0x20)), /huge\.yaml:1:1: error input\/too-large/],
    ['a list instead of a map', () => write('list.yaml', '- a\n- b\n'), /list\.yaml:1:1: error spec\/not-a-map/],
  ];
  function write(name: string, content: string | Buffer): string {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  }
  for (const [name, make, expected] of cases) {
    it(name, async () => {
      const result = await runCli(['check', make()]);
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stdout, expected);
      assert.doesNotMatch(result.stdout + result.stderr, /\n\s+at .+\(.+:\d+:\d+\)/, 'no stack trace');
    });
  }

  it('design refuses a bad spec with exit 2 and writes nothing', async () => {
    const out = join(dir, 'out');
    const result = await runCli(['design', write('bad.yaml', base.replace('money!', 'mony!')), '-o', out]);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /bad\.yaml:10:14: error spec\/unknown-type: unknown type `mony`\n {2}at entities\.order\.fields\.total\n {2}fix: did you mean `money`\?/,
    );
    assert.match(result.stderr, /nothing written/);
  });

  // the real process: exit 2 from commander's own error, through src/cli/main.ts
  it('unknown options are usage errors (exit 2)', () => {
    const result = runCliProcess(['design', '--bogus']);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /unknown option '--bogus'/);
  });
});

describe('each class of spec error exits 2 from the CLI with its file:line:column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbarchitect-classes-'));
  const patterns = (sql: string, rate = '1/s') => `${base}access_patterns:\n  - name: p\n    sql: ${sql}\n    rate: ${rate}\n`;
  const cases: [string, string, string][] = [
    ['YAML syntax', base.replace('      total: money!', '      total: [money!'), ':11:7: error yaml/syntax'],
    ['unknown key', base.replace('    fields:\n      email', '    feilds: {}\n    fields:\n      email'), ':5:5: error spec/unknown-key'],
    ['unknown type', base.replace('total: money!', 'total: mony!'), ':10:14: error spec/unknown-type'],
    ['dangling ref', base.replace('ref(customer)!', 'ref(custommer)!'), ':9:17: error spec/unknown-entity'],
    ['bad rate', patterns('select id from customer', '40/sec'), ':15:11: error spec/bad-rate'],
    ['bad SQL', patterns('select id fro customer'), ':14:24: error sql/syntax'],
    ['unknown column in SQL', patterns('select mail from customer'), ':14:17: error sql/unknown-column'],
    ['duplicate keys', base.replace('      total: money!', '      total: money!\n      total: int'), ':11:7: error yaml/duplicate-key'],
    [
      'alias bomb',
      [
        'version: 1',
        'name: bomb',
        'a: &a [x, x, x, x, x, x, x, x, x, x]',
        ...Array.from(
          { length: 9 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(', ')}]`,
        ),
        'entities: {}',
      ].join('\n'),
      ':1:1: error yaml/alias-expansion',
    ],
  ];
  for (const [name, yaml, expected] of cases) {
    it(name, async () => {
      const file = join(dir, `${name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, yaml);
      const result = await runCli(['check', file]);
      assert.equal(result.status, 2, result.stdout + result.stderr);
      assert.ok(result.stdout.startsWith(`${file}${expected}`), `expected ${file}${expected}…, got:\n${result.stdout}`);
    });
  }
});
