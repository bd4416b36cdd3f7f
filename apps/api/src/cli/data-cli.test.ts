import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  findShares,
  latestChangeset,
  listAudit,
  listChanges,
  listFigureRevisions,
  listPricePoints,
  listRecordRevisions,
  listReleases,
  loadBundledDataset,
  migrate,
  openStore,
} from '@dash/store';
import { TEST_DIALECTS } from '../../../../packages/store/src/testing/dialects.js';
import { syntheticShareCsv } from '../testing/synthetic.js';
import { bundledDataset } from '../testing/test-app.js';
import { runCli } from './program.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/canalys-2020q4-as-published.csv', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli/data.js', import.meta.url));
// Canalys China cloud 2020Q4 (The Register's table): Alibaba Cloud, recorded as 40.3, printed as 40.30.
const ALIBABA_2020Q4 = bundledDataset().figures.find(
  (f) => f.marketId === 'china-cloud-infra' && f.period.label === '2020Q4' && f.subjectId === 'alibaba-cloud',
)!;

let dir: string;
let dbPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dash-cli-'));
  dbPath = join(dir, 'db.sqlite');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const status = await runCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    errIsTTY: false,
    cwd: dir,
    env: { DATABASE_URL: dbPath },
  });
  return { status, out, err };
}

async function withStore<T>(fn: (store: ReturnType<typeof openStore>) => Promise<T>): Promise<T> {
  const store = openStore(dbPath);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const HEADER = [
  'vendor',
  'parent_company',
  'market',
  'region',
  'period',
  'period_start',
  'period_end',
  'metric',
  'value_percent',
  'publisher',
  'report_title',
  'published_date',
  'url',
  'quote',
  'source_quality',
];
const exampleLines = () => readFileSync(EXAMPLE, 'utf8').trimEnd().split('\r\n');

describe('npm run data -- import', () => {
  it('dry run: says what would be revised and unchanged, and writes nothing', async () => {
    const { status, out } = await run('import', EXAMPLE, '--dry-run');
    expect(status).toBe(0);
    expect(out.split('\n')).toEqual([
      'dry run of canalys-2020q4-as-published.csv (4 rows): would write 0 added, 1 revised, 3 unchanged. Nothing was written.',
      '',
      'change   row  figure              market and period         subject        publisher  share',
      '-------  ---  ------------------  ------------------------  -------------  ---------  --------------------------',
      `revised  1    ${ALIBABA_2020Q4.id}  china-cloud-infra 2020Q4  Alibaba Cloud  Canalys    40.3% → 40.30% (share_pct)`,
      '',
    ]);
    await withStore(async (store) => {
      expect((await listFigureRevisions(store.db, ALIBABA_2020Q4.id)).map((r) => r.figure.sharePctText)).toEqual([
        '40.3',
      ]);
      expect((await latestChangeset(store.db))?.id).toBe(1);
    });
  });

  it('imports with one command, attributed to --by; the same file again changes nothing', async () => {
    const first = await run('import', 'apps-relative-path-is-resolved-against-cwd.csv');
    expect(first.status).toBe(1);
    expect(first.err).toContain('no such file');

    copyFileSync(EXAMPLE, join(dir, 'q.csv'));
    const imported = await run('import', 'q.csv', '--by', 'Jane Analyst');
    expect(imported.status).toBe(0);
    expect(imported.out).toMatch(
      /^imported q\.csv \(4 rows\): 0 added, 1 revised, 3 unchanged; change set 2, recorded \S+ by Jane Analyst\.\n/,
    );
    const again = await run('import', 'q.csv');
    expect(again.status).toBe(0);
    expect(again.out).toBe('q.csv (4 rows): nothing to change; 0 added, 0 revised, 4 unchanged.\n');
    await withStore(async (store) => {
      const history = await listFigureRevisions(store.db, ALIBABA_2020Q4.id);
      expect(history.map((r) => [r.figure.sharePctText, r.changeset.actor])).toEqual([
        ['40.3', `bundled dataset ${bundledDataset().version}`],
        ['40.30', 'Jane Analyst'],
      ]);
      expect(history[1]!.changeset.description).toMatch(/^import of q\.csv \(sha256 [0-9a-f]{12}\)$/);
      expect((await latestChangeset(store.db))?.id).toBe(2);
      const audit = await listAudit(store.db, { limit: 10, action: 'import' });
      expect(audit.map((a) => [a.outcome, a.actor, a.changesetId])).toEqual([
        ['ok', expect.any(String), null],
        ['ok', 'Jane Analyst', 2],
      ]);
    });
  });

  it('refuses a bad file, naming each row, column and problem, and writes nothing', async () => {
    const lines = exampleLines();
    const cells = (l: string) => l.split(',');
    const bad = [
      lines[0],
      lines[1]!.replace(',40.30,', ',forty,'),
      lines[2]!.replace('Huawei Cloud,', 'Huawai Cloud,'),
      lines[3]!.replace(',2020Q4,', ',2020Q5,'),
      lines[4],
      cells(lines[4]!).slice(0, 5).join(','),
    ].join('\r\n');
    writeFileSync(join(dir, 'bad.csv'), bad);
    const { status, out } = await run('import', 'bad.csv');
    expect(status).toBe(1);
    expect(out.split('\n')).toEqual([
      'bad.csv: 4 problem(s); nothing was imported.',
      '(rows are numbered from the first data row; the header is not counted)',
      '',
      'row  column         problem',
      '---  -------------  --------------------------------------------------------------------',
      '1    value_percent  "forty" is not a percentage (expected a number like 35.8)',
      '2    vendor         unknown vendor "Huawai Cloud"; add it or an alias to the vendor list',
      '3    period         "2020Q5" is not a period (expected 2025Q1, 2025H1 or 2025)',
      '5                   has 5 cells, expected 15',
      '',
    ]);
    await withStore(async (store) => {
      expect((await latestChangeset(store.db))?.id).toBe(1);
      expect((await listAudit(store.db, { limit: 5, action: 'import' })).map((a) => [a.outcome, a.target])).toEqual([
        ['rejected', 'bad.csv'],
      ]);
    });
  });

  it('refuses a file whose header is wrong, before reading any row', async () => {
    writeFileSync(join(dir, 'h.csv'), `${HEADER.filter((h) => h !== 'quote').join(',')},notes\r\n`);
    const { status, out } = await run('import', 'h.csv');
    expect(status).toBe(1);
    expect(out).toContain('(file)  quote   missing column(s): quote\n(file)  notes   unknown column(s): notes\n');
  });

  it('refuses a whole file when row 3 would push a market-period over 100% with the figures held, though rows 1-2 are fine', async () => {
    const lines = exampleLines();
    const row = (vendor: string, pct: string) =>
      lines[1]!
        .replace('Alibaba Cloud,Alibaba Group,', `${vendor},,`)
        .replace(',40.30,', `,${pct},`)
        .replace('theregister.com/2021', 'example.com/other-canalys-page/2021');
    // Canalys 2020Q4 already holds 40.3 + 17.4 + 14.6 + 8.4 = 80.7; another page of Canalys's
    // giving AWS 5 and Microsoft 5 is fine alone, and Google 12 on top is not.
    writeFileSync(
      join(dir, 'over.csv'),
      [lines[0], row('AWS', '5'), row('Microsoft Azure', '5'), row('Google Cloud', '12')].join('\r\n'),
    );
    const { status, out } = await run('import', 'over.csv');
    expect(status).toBe(1);
    expect(out).toContain('over.csv: 1 problem(s); nothing was imported.');
    expect(out).toMatch(/\n1 +value_percent +Canalys's figures for china-cloud-infra 2020Q4 would sum to/);
    await withStore(async (store) => {
      expect(await findShares(store.db, {})).toHaveLength(112);
    });
  });

  it('imports JSON rows with the same columns (numbers as written)', async () => {
    const rows = (parse(readFileSync(EXAMPLE), { columns: true }) as Array<Record<string, string>>).map((r) => ({
      ...r,
      value_percent: Number(r.value_percent),
      period_start: null,
    }));
    writeFileSync(join(dir, 'q.json'), JSON.stringify({ rows: [{ ...rows[1], quote: 'Huawei 17.4 (as quoted)' }] }));
    const { status, out } = await run('import', 'q.json', '--dry-run');
    expect(status).toBe(0);
    expect(out).toContain('would write 0 added, 1 revised, 0 unchanged');
    expect(out).toContain('17.4% (quote)');
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([{ ...rows[1], value_percent: [17.4], colour: 'red' }]));
    const bad = await run('import', 'bad.json');
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('1    value_percent  must be text, a number or null, not a list');
    expect(bad.out).toContain('1    colour         is not a column; expected: vendor, parent_company');
  });
});

describe('npm run data -- import of licensing and price files', () => {
  const DATA = fileURLToPath(new URL('../../../../packages/dataset/data/', import.meta.url));
  const firstRows = (name: string, n: number) =>
    readFileSync(join(DATA, name), 'utf8')
      .split(/\r?\n/)
      .slice(0, n + 1);

  it('recognizes a licensing file by its columns; a corrected quote becomes a revision, a bad grade refuses the file', async () => {
    const [header, first, second] = firstRows('licensing.csv', 2);
    writeFileSync(join(dir, 'same.csv'), [header, first, second].join('\r\n'));
    const same = await run('import', 'same.csv', '--dry-run');
    expect(same.status).toBe(0);
    expect(same.out).toBe(
      'dry run of same.csv (2 licensing rows): would write 0 added, 0 revised, 2 unchanged. Nothing was written.\n',
    );

    const fixed = first!.replace(
      /,"?Qwen3 is released under the Apache 2\.0 license, allowing free commercial use"?,/,
      ',"Qwen3 is released under the Apache 2.0 license, allowing free commercial use (checked)",',
    );
    expect(fixed).not.toBe(first);
    writeFileSync(join(dir, 'fix.csv'), [header, fixed].join('\r\n'));
    const imported = await run('import', 'fix.csv', '--by', 'Jane Analyst');
    expect(imported.status).toBe(0);
    expect(imported.out).toMatch(
      /^imported fix\.csv \(1 licensing rows\): 0 added, 1 revised, 0 unchanged; change set 2, recorded \S+ by Jane Analyst\.\n/,
    );
    expect(imported.out).toMatch(/\nrevised +1 +r-[0-9a-f]{16} +alibaba: Qwen3 open-weight family .* +quote\n/);
    const id = /(r-[0-9a-f]{16})/.exec(imported.out)![1]!;
    await withStore(async (store) => {
      const history = await listRecordRevisions(store.db, 'release', id);
      expect(history.map((h) => [h.revision, h.changeset.actor])).toEqual([
        [1, `bundled dataset ${bundledDataset().version}`],
        [2, 'Jane Analyst'],
      ]);
      expect((await listReleases(store.db)).find((r) => r.id === id)!.quote).toMatch(/\(checked\)$/);
    });

    writeFileSync(join(dir, 'bad.csv'), [header, first!.replace(',open-weight,', ',semi-open,')].join('\r\n'));
    const history = await run('history', id);
    expect(history.status).toBe(0);
    expect(history.out.split('\n')[3]).toMatch(/^2 +revised +quote +\S+Z +\(current\) +Jane Analyst$/);

    const bad = await run('import', 'bad.csv');
    expect(bad.status).toBe(1);
    expect(bad.out).toContain('1    openness  "semi-open" is not one of open-weight, closed, mixed, unreleased');
  });

  it('recognizes a price file by its columns; re-importing the bundled rows changes nothing, a bad price refuses the file', async () => {
    const [header, ...rows] = firstRows('model-pricing.csv', 3);
    writeFileSync(join(dir, 'p.csv'), [header, ...rows].join('\r\n'));
    const same = await run('import', 'p.csv');
    expect(same.status).toBe(0);
    expect(same.out).toBe('p.csv (3 price rows): nothing to change; 0 added, 0 revised, 3 unchanged.\n');
    const cells = parse(`${header}\r\n${rows[0]}`, { columns: true }) as Array<Record<string, string>>;
    const bad = { ...cells[0]!, input_price: '0,8' };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify([bad]));
    const refused = await run('import', 'bad.json');
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/\n1 +input_price +.*0,8/);
    await withStore(async (store) => {
      expect(await listPricePoints(store.db)).toHaveLength(bundledDataset().pricing.points.length);
    });
  });
});

describe('npm run data -- history, token, audit', () => {
  it('history lists every revision of a figure with its value, time and author', async () => {
    await run('import', EXAMPLE, '--by', 'Jane Analyst');
    const { status, out } = await run('history', ALIBABA_2020Q4.id);
    expect(status).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe(
      `${ALIBABA_2020Q4.id}: Alibaba Cloud, china-cloud-infra 2020Q4, Canalys (https://www.theregister.com/2021/12/09/china_cloud_market/?td=amp-keepreading-btm)`,
    );
    expect(lines[4]).toMatch(
      new RegExp(`^1 +added +40\\.3% +\\S+Z +\\S+Z +bundled dataset ${bundledDataset().version}$`),
    );
    expect(lines[5]).toMatch(/^2 +revised +40\.30% +share_pct +\S+Z +\(current\) +Jane Analyst$/);
    expect((await run('history', 'f-00000000')).status).toBe(1);
  });

  it('token create prints the token once; only its hash is stored; list and revoke never show it', async () => {
    const created = await run('token', 'create', '--name', 'alice', '--by', 'admin');
    expect(created.status).toBe(0);
    const token = created.out.match(/dash_[0-9a-f]{8}_[A-Za-z0-9_-]{43}/)![0];
    const id = token.slice(5, 13);
    const listed = await run('token', 'list');
    expect(listed.out).toContain(`${id}  alice  shares:write`);
    expect(listed.out).not.toContain(token.slice(14));
    await withStore(async (store) => {
      const row = await store.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
      expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(token.slice(14));
    });
    expect((await run('token', 'revoke', id)).status).toBe(0);
    expect((await run('token', 'revoke', id)).status).toBe(1);
    const audit = await run('audit');
    expect(audit.out).toMatch(/ok +token\.revoke +[0-9a-f]{8}/);
    expect(audit.out).toMatch(/ok +token\.create +[0-9a-f]{8} .*"name":"alice"/);
    expect(audit.out).not.toContain(token.slice(14));
    expect((await run('token', 'create', '--name', 'bob', '--scope', 'everything')).status).toBe(2);
  });
});

// Killing the process while it writes leaves the database as it was: on SQLite the uncommitted
// WAL frames are discarded, on PostgreSQL the server rolls back the dead connection's transaction.
describe.each(TEST_DIALECTS)('an import killed mid-write on $name', (dialect) => {
  it('leaves no partial data, and the next import works', async () => {
    const { store, url, cleanup } = await dialect.open();
    try {
      await migrate(store.db);
      await loadBundledDataset(store.db, bundledDataset());
      const file = join(dir, 'big.csv');
      writeFileSync(file, syntheticShareCsv(20_000));
      const child = spawn(process.execPath, [CLI, 'import', file], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          ...(dialect.poolSize ? { DATABASE_POOL_SIZE: String(dialect.poolSize) } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      const killedAt = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /progress: (\d+)\/20000/.exec(
            err
              .split('\n')
              .filter((l) => l.startsWith('progress:'))
              .pop() ?? '',
          );
          if (m && Number(m[1]) > 0 && Number(m[1]) < 20_000 && child.exitCode === null) {
            child.kill('SIGKILL');
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`import finished (${code}) before it could be killed:\n${err}`)));
      });
      await new Promise((r) => child.once('close', r));
      expect(child.signalCode).toBe('SIGKILL');
      expect(Number(killedAt)).toBeGreaterThan(0);
      expect(await findShares(store.db, {})).toHaveLength(112);
      expect((await latestChangeset(store.db))?.id).toBe(1);
      expect(await listChanges(store.db, { limit: 500 })).toHaveLength(112);
      // Nothing is left locked: a small import goes through.
      const small = join(dir, 'small.csv');
      writeFileSync(small, syntheticShareCsv(3));
      const next = spawn(process.execPath, [CLI, 'import', small], {
        env: {
          ...process.env,
          DATABASE_URL: url,
          ...(dialect.poolSize ? { DATABASE_POOL_SIZE: String(dialect.poolSize) } : {}),
        },
      });
      expect(await new Promise((r) => next.once('exit', r))).toBe(0);
      expect(await findShares(store.db, {})).toHaveLength(115);
    } finally {
      await cleanup();
    }
  });
});
