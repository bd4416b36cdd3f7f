import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_COLUMNS, type Company, type MarketEvent, type RowIssue, type Vendor } from '@dash/domain';
import { normalizeEvents } from '@dash/domain/schemas';
import { parseCsvRecords } from './csv.js';

export interface EventData {
  events: MarketEvent[];
  /** Rows of `events.csv` that did not become events, with the reason. */
  issues: RowIssue[];
  rowCount: number;
}

/** Loads `events.csv`: dated market events, each vendor resolved to its parent company. */
export function loadEvents(dir: string, companies: readonly Company[], vendors: readonly Vendor[]): EventData {
  const parsed = parseCsvRecords(readFileSync(join(dir, 'events.csv'), 'utf8'), EVENT_COLUMNS);
  const { events, issues } = normalizeEvents(parsed.rows, { companies, vendors });
  return { events, issues: [...parsed.issues, ...issues], rowCount: parsed.rows.length };
}
