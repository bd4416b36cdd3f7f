import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { formatPercent, type ModelRelease, type PlannedChange, type RecordChange, type RowIssue } from '@dash/domain';
import {
  importRecords,
  importShareFigures,
  recordAudit,
  type PriceRecord,
  type ShareWrite,
  type ShareWriteResult,
} from '@dash/store';
import {
  detectFileKind,
  parseRowsFile,
  validatePriceRows,
  validateReleaseRows,
  type FileKind,
} from '../data/record-import.js';
import { parseShareFile, shareReference, validateShareRows } from '../data/share-import.js';
import type { CliContext } from './context.js';
import { renderTable } from './table.js';

export interface ImportOptions {
  dryRun: boolean;
  by: string;
  all: boolean;
  /** What the file holds; detected from its columns when not given. */
  kind?: FileKind;
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
  const text = bytes.toString('utf8');
  const kind = options.kind ?? detectFileKind(file, text);
  if (kind !== 'shares') return importRecordsFile(kind, file, text, digest, options, ctx);
  const store = await ctx.openPreparedStore();
  try {
    const parsed = parseShareFile(file, text);
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

const describeRecord = (r: ModelRelease | PriceRecord): string =>
  'familyId' in r
    ? `${r.companyId}: ${r.name} (${r.grade ?? 'strategy statement'}, ${r.licence})`
    : `${r.modelId} ${r.region} ${r.currency}${r.tier ? ` tier ${r.tier.minInputTokens}-${r.tier.maxInputTokens ?? '∞'}` : ''} from ${r.effective.text}: ` +
      `in ${r.inputPerMTok}, out ${r.outputPerMTok ?? '-'} per 1M`;

/** `data import` of a licensing or price file: the same validation, plan, transaction and audit as shares. */
async function importRecordsFile(
  kind: Exclude<FileKind, 'shares'>,
  file: string,
  text: string,
  digest: string,
  options: ImportOptions,
  ctx: CliContext,
): Promise<number> {
  const { io } = ctx;
  const store = await ctx.openPreparedStore();
  try {
    const parsed = parseRowsFile(kind, file, text);
    const { records, issues } =
      kind === 'licences' ? await validateReleaseRows(store, parsed) : await validatePriceRows(store, parsed);
    const audit = {
      actor: options.by,
      action: 'import',
      target: file,
      detail: { sha256: digest, rows: parsed.rows.length, kind },
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
    const recordKind = kind === 'licences' ? 'release' : 'price';
    const result = await importRecords(store.db, recordKind, records as Array<ModelRelease & PriceRecord>, {
      dryRun: options.dryRun,
      changeset: { kind: 'import', actor: options.by, description: `import of ${file} (sha256 ${digest}, ${kind})` },
      audit,
    });
    const summaryText = `${result.counts.added} added, ${result.counts.revised} revised, ${result.counts.unchanged} unchanged`;
    const what = kind === 'licences' ? 'licensing rows' : 'price rows';
    if (options.dryRun)
      io.out(`dry run of ${file} (${parsed.rows.length} ${what}): would write ${summaryText}. Nothing was written.\n`);
    else if (result.changesetId === null)
      io.out(`${file} (${parsed.rows.length} ${what}): nothing to change; ${summaryText}.\n`);
    else
      io.out(
        `imported ${file} (${parsed.rows.length} ${what}): ${summaryText}; change set ${result.changesetId}, recorded ${result.recordedAt} by ${options.by}.\n`,
      );
    const listed = (result.changes as Array<RecordChange<ModelRelease | PriceRecord>>).filter(
      (c) => c.kind !== 'unchanged',
    );
    const shown = options.all ? listed : listed.slice(0, SHOWN);
    if (shown.length > 0) {
      const table = renderTable(
        ['change', 'row', 'id', kind === 'licences' ? 'release' : 'price', 'fields'],
        shown.map((c) => [
          c.kind,
          c.row === null ? '' : String(c.row),
          c.id,
          describeRecord((c.after ?? c.before)!),
          c.fields.join(', '),
        ]),
      );
      io.out(
        `\n${table}\n${listed.length > shown.length ? `… and ${listed.length - shown.length} more (--all lists every change)\n` : ''}`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}
