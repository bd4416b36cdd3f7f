import type { QueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CheckAnswer, CheckRequest } from './response-check.worker';
import type { RESPONSE_SCHEMAS } from './response-schemas';

/*
 * Every API answer is checked against its shared `@dash/domain` schema, but off the page's
 * critical path: the page uses the answer as received (the server already serializes every
 * answer through the same schema, and no response schema transforms: tests/e2e checks that parsing
 * a real answer returns it unchanged), and a worker parses it with zod once the page is shown. So
 * zod and the schemas (about 30 KB gzip, and tens of milliseconds of schema construction and
 * parsing on a phone) are neither downloaded nor run before the first chart. An answer that does
 * not conform is withdrawn: the queries holding it turn into errors (the page shows its error
 * state in place of the figures) and the console says which field is wrong.
 */

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;
export type ResponseOf<N extends ResponseSchemaName> = z.output<(typeof RESPONSE_SCHEMAS)[N]>;
/** Resolves to null when `text` conforms to the named schema, else a line naming the failing fields. */
export type ResponseChecker = (name: ResponseSchemaName, text: string) => Promise<string | null>;

/** An answer whose shape is not the one the shared schema promises. */
export class ResponseShapeError extends Error {
  readonly code = 'unexpected_response';
}

interface Pending {
  url: string;
  name: ResponseSchemaName;
  text: string;
  body: unknown;
}

let checker: ResponseChecker | null = null;
let client: QueryClient | null = null;
let started = false;
let queue: Pending[] = [];

function workerChecker(): ResponseChecker {
  const worker = new Worker(new URL('./response-check.worker.ts', import.meta.url), {
    type: 'module',
    name: 'response-check',
  });
  const waiting = new Map<number, (problem: string | null) => void>();
  let next = 0;
  worker.onmessage = (e: MessageEvent<CheckAnswer>) => {
    waiting.get(e.data.id)?.(e.data.problem);
    waiting.delete(e.data.id);
  };
  // A worker that cannot run says nothing about the answers: say so loudly, withdraw nothing.
  worker.onerror = (e) => {
    console.error(`answers could not be checked against their schemas: the response-check worker failed (${e.message})`);
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  return (name, text) =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      const request: CheckRequest = { id, name, text };
      worker.postMessage(request);
    });
}

function ensureChecker(): ResponseChecker {
  checker ??= workerChecker();
  return checker;
}

function withdraw(item: Pending, problem: string) {
  const error = new ResponseShapeError(
    `the server's answer to ${item.url} does not have the expected shape (${problem})`,
  );
  console.error(error.message);
  for (const query of client?.getQueryCache().findAll() ?? []) {
    if (query.state.data !== item.body) continue;
    query.setState({
      ...query.state,
      status: 'error',
      fetchStatus: 'idle',
      data: undefined,
      error,
      errorUpdatedAt: Date.now(),
    });
  }
}

function check(item: Pending) {
  void ensureChecker()(item.name, item.text).then((problem) => {
    if (problem !== null) withdraw(item, problem);
  });
}

/** Runs `fn` when the main thread is idle (starting a worker takes a few milliseconds of it). */
function whenIdle(fn: () => void) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 2000 });
  else setTimeout(fn, 200);
}

/**
 * Starts checking answers, once the main thread is next idle: those received so far, then each
 * as it arrives. Called once the first page is shown (PageReveal); `use` replaces the worker
 * (tests run where there is none) and starts at once.
 */
export function startResponseChecks(queryClient: QueryClient, use?: ResponseChecker) {
  if (client !== null) return;
  client = queryClient;
  const begin = () => {
    if (use) checker = use;
    started = true;
    const waiting = queue;
    queue = [];
    for (const item of waiting) check(item);
  };
  if (use) begin();
  else whenIdle(begin);
}

/** Checks an answer the page already uses: now if checks have started, else once they do. */
export function checkLater(url: string, name: ResponseSchemaName, text: string, body: unknown) {
  const item = { url, name, text, body };
  if (started) check(item);
  else queue.push(item);
}

/** Checks an answer before it is used (error answers: rare, off the path to the first chart). */
export function checkNow(name: ResponseSchemaName, text: string): Promise<string | null> {
  return ensureChecker()(name, text);
}

/** For tests: forget the client, the checker and the queue. */
export function resetResponseChecks() {
  checker = null;
  client = null;
  started = false;
  queue = [];
}
