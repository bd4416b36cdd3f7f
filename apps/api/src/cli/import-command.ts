import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { formatPercent, type PlannedChange, type RowIssue } from '@dash/domain';
import { importShareFigures, recordAudit, type ShareWrite, type ShareWriteResult } from '@dash/store';
import { parseShareFile, shareReference, validateShareRows } from '../data/share-import.js';
import type { CliContext } from './context.js';
import { renderTable } from './table.js';

export interface ImportOptions {
  dryRun: boolean;
  by: string;
  all: boolean;
}

const SHOWN = 100;

/** The row/column problems of a file as a table; rows count from the first data row. */
export function renderIssues(file: string, issues: readonly RowIssue[]): string {
  const table = renderTable(
    ['row', 'column', 'problem'],
    issues.map((i) => [i.row === null ? '(file)' : String(i.row), i.column ?? '', i.message]),
  );
  return `${file}: ${issues.length} problem(s); nothing was imported.\n(rows are numbered from the first data row; the header is not counted)\n\n${table}\n`;
}

function describeValue(c: PlannedChange): string {
  if (c.kind === 'revised' || c.kind === 'conflict') {
    const value =
      c.before!.sharePctText === c.after!.sharePctText
        ? formatPercent(c.after!.sharePctText)
        : `${formatPercent(c.before!.sharePctText)} → ${formatPercent(c.after!.sharePctText)}`;
    return `${value} (${c.fields.join(', ')})`;
  }
  return formatPercent((c.after ?? c.before)!.sharePctText);
}

/** The changes a write makes (or would make), as a table: added and revised first, unchanged only counted. */
export function renderChanges(result: ShareWriteResult, write: ShareWrite, all: boolean): string {
  const figures = new Map(write.figures.map((f) => [f.id, f]));
  const listed = result.changes.filter((c) => c.kind !== 'unchanged');
  const shown = all ? listed : listed.slice(0, SHOWN);
  const rows = shown.map((c) => {
    const f = figures.get(c.figureId);
    const state = (c.after ?? c.before)!;
    return [
      c.kind,
      c.row === null ? '' : String(c.row),
      c.figureId,
      f ? `${f.marketId} ${f.period.label}` : '',
      state.subjectName,
      state.publisher,
      describeValue(c),
    ];
  });
  if (rows.length === 0) return '';
  const more = listed.length - shown.length;
  return `${renderTable(['change', 'row', 'figure', 'market and period', 'subject', 'publisher', 'share'], rows)}\n${more > 0 ? `… and ${more} more (--all lists every change)\n` : ''}`;
}

const summary = (r: ShareWriteResult) =>
  `${r.counts.added} added, ${r.counts.revised} revised, ${r.counts.unchanged} unchanged`;

/**
 * `data import FILE`: validates every row against the database's vendors and markets, then writes
 * the file as one change set in one transaction (nothing at all when any row is bad; nothing
 * when the file changes nothing). `--dry-run` prints the same plan and writes nothing.
 */
export async function importCommand(path: string, options: ImportOptions, ctx: CliContext): Promise<number> {
  const { io } = ctx;
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    io.err(
      `cannot read ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}\n`,
    );
    return 1;
  }
  const file = basename(path);
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const store = await ctx.openPreparedStore();
  try {
    const parsed = parseShareFile(file, bytes.toString('utf8'));
    const { write, issues } = validateShareRows(parsed, await shareReference(store));
    const audit = {
      actor: options.by,
      action: 'import',
      target: file,
      detail: { sha256: digest, rows: parsed.rows.length },
    };
    if (issues.length > 0) {
      io.out(renderIssues(file, issues));
      if (!options.dryRun)
        await recordAudit(store.db, {
          ...audit,
          outcome: 'rejected',
          detail: { ...audit.detail, problems: issues.length },
        });
      return 1;
    }
    const bar = progress(ctx, options.dryRun);
    const result = await importShareFigures(store.db, write, {
      mode: 'import',
      dryRun: options.dryRun,
      changeset: { kind: 'import', actor: options.by, description: `import of ${file} (sha256 ${digest})` },
      onProgress: bar.update,
      audit,
    });
    bar.stop();
    if (result.issues.length > 0) {
      io.out(renderIssues(file, result.issues));
      if (!options.dryRun)
        await recordAudit(store.db, {
          ...audit,
          outcome: 'rejected',
          detail: { ...audit.detail, problems: result.issues.length },
        });
      return 1;
    }
    const table = renderChanges(result, write, options.all);
    if (options.dryRun) {
      io.out(`dry run of ${file} (${parsed.rows.length} rows): would write ${summary(result)}. Nothing was written.\n`);
    } else if (result.changesetId === null) {
      io.out(`${file} (${parsed.rows.length} rows): nothing to change; ${summary(result)}.\n`);
    } else {
      io.out(
        `imported ${file} (${parsed.rows.length} rows): ${summary(result)}; change set ${result.changesetId}, recorded ${result.recordedAt} by ${options.by}.\n`,
      );
    }
    if (table !== '') io.out(`\n${table}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** A progress bar on a terminal; on a pipe, a line at the start and at every tenth. */
function progress(ctx: CliContext, dryRun: boolean) {
  if (dryRun) return { update: () => {}, stop: () => {} };
  if (ctx.io.errIsTTY) {
    const bar = new cliProgress.SingleBar(
      { format: 'writing revisions [{bar}] {value}/{total} ({percentage}%)', stream: process.stderr, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done: number, total: number) => {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  let nextTenth = 0;
  return {
    update: (done: number, total: number) => {
      if (total === 0 || (done < total && done / total < nextTenth / 10)) return;
      ctx.io.err(`progress: ${done}/${total} revisions written\n`);
      nextTenth = Math.floor((done / total) * 10) + 1;
    },
    stop: () => {},
  };
}
