import { resolve } from 'node:path';
import { isPostgresUrl } from '@dash/store';
import { redactUrl, type Config } from './config.js';

/** A start-up failure with a message an operator can act on (no stack trace needed). */
export class StartupError extends Error {}

interface CodedError {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The error and its causes, outermost first (migrations wrap the driver's error). */
function chain(err: unknown): CodedError[] {
  const out: CodedError[] = [];
  for (let e = err; e && typeof e === 'object' && out.length < 5; e = (e as CodedError).cause) out.push(e as CodedError);
  return out;
}

const codeOf = (err: unknown) => chain(err).map((e) => (typeof e.code === 'string' ? e.code : '')).find((c) => c !== '') ?? '';
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Why the database named by DATABASE_URL cannot be used, in words: which file or server, what is
 * wrong with it and what to do. Passwords in a PostgreSQL URL are never repeated.
 */
export function describeDatabaseError(err: unknown, url: string): string {
  const code = codeOf(err);
  const detail = chain(err).at(-1)?.message;
  const raw = typeof detail === 'string' ? detail : messageOf(err);
  if (isPostgresUrl(url)) {
    let where = redactUrl(url);
    try {
      const u = new URL(url);
      where = `${u.hostname}:${u.port || '5432'}${u.pathname}`;
    } catch {
      // keep the redacted URL
    }
    const why: Record<string, string> = {
      ECONNREFUSED: 'connection refused (is the server running and listening there?)',
      ENOTFOUND: 'no such host',
      EAI_AGAIN: 'the host name cannot be resolved right now',
      ETIMEDOUT: 'the connection timed out',
      '28P01': 'the password was refused',
      '28000': 'the user may not connect',
      '3D000': 'the database does not exist (create it first)',
    };
    return `cannot use the PostgreSQL database at ${where} (DATABASE_URL): ${why[code] ?? raw}`;
  }
  const file = resolve(url);
  const why: Array<[RegExp, string]> = [
    [/^SQLITE_NOTADB/, 'it is not an SQLite database file; point DATABASE_URL at another file, or move this one away to start afresh'],
    [/^SQLITE_CORRUPT/, 'the database file is corrupt; restore it from a backup, or move it away to start afresh'],
    [/^SQLITE_CANTOPEN/, 'the file cannot be opened (is it a directory, or is its folder missing or not writable?)'],
    [/^SQLITE_READONLY/, 'the file is read-only, and the server needs to write to it (migrations, the bundled dataset)'],
    [/^SQLITE_PERM|^EACCES|^EPERM/, 'permission denied'],
    [/^SQLITE_BUSY/, 'another process holds the database locked (an import?); try again when it is done'],
    [/^SQLITE_IOERR/, `the disk failed to read or write it (${raw})`],
    [/^SQLITE_FULL|^ENOSPC/, 'the disk is full'],
    [/^EEXIST|^ENOTDIR/, 'its folder cannot be created (a file is in the way)'],
  ];
  const reason = why.find(([re]) => re.test(code))?.[1] ?? raw;
  return `cannot use the SQLite database ${file} (DATABASE_URL): ${reason}`;
}

/** Why the server cannot listen on HOST:PORT, in words. */
export function describeListenError(err: unknown, config: Pick<Config, 'HOST' | 'PORT'>): string {
  const at = `${config.HOST}:${config.PORT}`;
  switch (codeOf(err)) {
    case 'EADDRINUSE':
      return `cannot listen on ${at}: the port is in use by another program; stop it or set PORT`;
    case 'EACCES':
      return `cannot listen on ${at}: permission denied (ports below 1024 need privileges); set PORT`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on ${at}: HOST is not an address of this machine`;
    default:
      return `cannot listen on ${at}: ${messageOf(err)}`;
  }
}
