/**
 * Orders ISO dates and ids by UTF-16 code units (as the server sorts them). For these ASCII keys
 * it is the same order as `localeCompare`, without the locale collation, which costs tens of
 * milliseconds on a phone when a page sorts its data for the first render.
 */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * English short month name of a 0-based month ("May"), as `toLocaleString('en-US', { month:
 * 'short' })` writes it, without building an `Intl.DateTimeFormat` per call (each one costs
 * milliseconds on a phone; a chart formats dozens of labels).
 */
export const shortMonth = (month: number): string => MONTHS[month] ?? String(month + 1);
