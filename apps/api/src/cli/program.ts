import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { formatPercent } from '@dash/domain';
import {
  listAudit,
  listFigureRevisions,
  listRecordRevisions,
  listTokens,
  openStore,
  recordAudit,
  revokeToken,
  type Store,
} from '@dash/store';
import { createToken, RIGHTS, type Right } from '../auth/tokens.js';
import { readConfig } from '../config.js';
import { prepareDatabase } from '../data/bundled.js';
import { describeDatabaseError } from '../startup-errors.js';
import type { FileKind } from '../data/record-import.js';
import type { CliContext, CliIo } from './context.js';
import { importCommand } from './import-command.js';
import { renderTable } from './table.js';

function defaultActor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}

/**
 * Runs the data CLI (`npm run data -- <command>`) and returns its exit status: 0 done, 1 the
 * input was refused (nothing written) or something failed, 2 a usage error.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx: CliContext = {
    io,
    async openPreparedStore() {
      const config = readConfig(io.env);
      let store: Store;
      try {
        store = openStore(config.DATABASE_URL, { poolSize: config.DATABASE_POOL_SIZE });
      } catch (e) {
        throw new Error(describeDatabaseError(e, config.DATABASE_URL), { cause: e });
      }
      try {
        const { messages } = await prepareDatabase(store);
        for (const m of messages) io.err(`${m}\n`);
      } catch (e) {
        await store.close().catch(() => undefined);
        throw new Error(describeDatabaseError(e, config.DATABASE_URL), { cause: e });
      }
      return store;
    },
  };
  let status = 0;
  const program = new Command('data')
    .description('Data operations on the dashboard database (DATABASE_URL): imports, history, tokens, audit log.')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError();
  const by = () =>
    new Option('--by <name>', 'who is writing, recorded with every revision and in the audit log').default(
      defaultActor(),
    );

  program
    .command('import')
    .description(
      'validate a CSV or JSON file of share figures, licensing rows or prices and write it as one change set (all or nothing)',
    )
    .argument(
      '<file>',
      'a .csv with the columns of market-shares.csv, licensing.csv or model-pricing.csv, or a .json array of rows with those keys',
    )
    .option('--dry-run', 'show what would be added and revised, write nothing', false)
    .option('--all', 'list every change, not only the first 100', false)
    .addOption(
      new Option('--kind <kind>', 'what the file holds (default: detected from its columns)').choices([
        'shares',
        'licences',
        'prices',
      ]),
    )
    .addOption(by())
    .action(async (file: string, o: { dryRun: boolean; all: boolean; by: string; kind?: FileKind }) => {
      status = await importCommand(resolve(io.cwd, file), o, ctx);
    });

  program
    .command('history')
    .description('every revision of one figure: value, source, when it entered the database and by whom')
    .argument('<id>', 'a figure (f-1a2b3c4d5e6f7a8b), licensing release (r-…) or price point (p-…) id')
    .action(async (id: string) => {
      const store = await ctx.openPreparedStore();
      try {
        if (/^[rp]-/.test(id)) {
          const revisions = await listRecordRevisions(store.db, id.startsWith('r-') ? 'release' : 'price', id);
          if (revisions.length === 0) {
            io.err(`no ${id.startsWith('r-') ? 'licensing release' : 'price point'} "${id}"\n`);
            status = 1;
            return;
          }
          io.out(
            `${renderTable(
              ['rev', 'change', 'fields', 'valid from', 'valid to', 'by'],
              revisions.map((r) => [
                String(r.revision),
                r.change,
                r.changedFields.join(', '),
                r.validFrom,
                r.validTo ?? '(current)',
                r.changeset.actor,
              ]),
            )}\n`,
          );
          return;
        }
        const revisions = await listFigureRevisions(store.db, id);
        if (revisions.length === 0) {
          io.err(`no figure "${id}"\n`);
          status = 1;
          return;
        }
        const f = revisions[revisions.length - 1]!.figure;
        io.out(
          `${f.id}: ${f.subjectName}, ${f.marketId} ${f.period.label}, ${f.source.publisher} (${f.source.url})\n\n`,
        );
        io.out(
          `${renderTable(
            ['rev', 'change', 'share', 'fields', 'valid from', 'valid to', 'by'],
            revisions.map((r) => [
              String(r.revision),
              r.change,
              formatPercent(r.figure.sharePctText),
              r.changedFields.join(', '),
              r.validFrom,
              r.validTo ?? '(current)',
              r.changeset.actor,
            ]),
          )}\n`,
        );
      } finally {
        await store.close();
      }
    });

  const token = program.command('token').description('bearer tokens for the write API (only their hashes are stored)');
  token
    .command('create')
    .description('create a token and print it once; it cannot be shown again')
    .requiredOption('--name <name>', "whose token this is, e.g. an editor's name")
    .addOption(
      new Option('--scope <right...>', 'rights the token carries').choices([...RIGHTS]).default(['shares:write']),
    )
    .addOption(by())
    .action(async (o: { name: string; scope: Right[]; by: string }) => {
      const store = await ctx.openPreparedStore();
      try {
        const { token: secret, stored } = await createToken(store, { name: o.name, scopes: o.scope, createdBy: o.by });
        await recordAudit(store.db, {
          actor: o.by,
          action: 'token.create',
          target: stored.id,
          outcome: 'ok',
          tokenId: stored.id,
          detail: { name: o.name, scopes: o.scope },
        });
        io.out(
          `token ${stored.id} for ${o.name} (${o.scope.join(', ')}):\n\n  ${secret}\n\nGive it to ${o.name} now: only its hash is stored. Use it as: Authorization: Bearer <token>\n`,
        );
      } finally {
        await store.close();
      }
    });
  token
    .command('list')
    .description('list tokens (never their secrets)')
    .action(async () => {
      const store = await ctx.openPreparedStore();
      try {
        const tokens = await listTokens(store.db);
        io.out(
          `${renderTable(
            ['id', 'name', 'rights', 'created', 'by', 'revoked'],
            tokens.map((t) => [t.id, t.name, t.scopes.join(' '), t.createdAt, t.createdBy, t.revokedAt ?? '']),
          )}\n`,
        );
      } finally {
        await store.close();
      }
    });
  token
    .command('revoke')
    .description('revoke a token: requests with it are refused from now on')
    .argument('<id>', 'the token id (the 8 hex digits after dash_)')
    .addOption(by())
    .action(async (id: string, o: { by: string }) => {
      const store = await ctx.openPreparedStore();
      try {
        const done = await revokeToken(store.db, id, new Date().toISOString());
        if (!done) {
          io.err(`no active token "${id}"\n`);
          status = 1;
          return;
        }
        await recordAudit(store.db, { actor: o.by, action: 'token.revoke', target: id, outcome: 'ok', tokenId: id });
        io.out(`token ${id} revoked\n`);
      } finally {
        await store.close();
      }
    });

  program
    .command('audit')
    .description('the audit log, newest first: every write and refused write attempt')
    .option('--limit <n>', 'how many entries', (v) => Number.parseInt(v, 10), 50)
    .action(async (o: { limit: number }) => {
      const store = await ctx.openPreparedStore();
      try {
        const entries = await listAudit(store.db, { limit: Number.isFinite(o.limit) && o.limit > 0 ? o.limit : 50 });
        io.out(
          `${renderTable(
            ['at', 'outcome', 'action', 'target', 'change set', 'actor', 'detail'],
            entries.map((e) => [
              e.at,
              e.outcome,
              e.action,
              e.target ?? '',
              e.changesetId === null ? '' : String(e.changesetId),
              e.actor,
              e.detail ? JSON.stringify(e.detail) : '',
            ]),
          )}\n`,
        );
      } finally {
        await store.close();
      }
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    io.err(`data: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  return status;
}
