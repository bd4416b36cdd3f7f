/**
 * Compares text by UTF-16 code units ("AWS" before "Alibaba Cloud"). Lists are sorted with this in
 * JavaScript rather than with SQL `order by` on text, whose result depends on the database's
 * collation (SQLite compares bytes; PostgreSQL follows its locale), so every dialect returns the
 * same order.
 */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Sorts `items` in place by the text keys `keysOf` returns, first key first. */
export function sortByText<T>(items: T[], keysOf: (item: T) => readonly string[]): T[] {
  return items.sort((a, b) => {
    const ka = keysOf(a);
    const kb = keysOf(b);
    for (let i = 0; i < ka.length; i++) {
      const c = compareText(ka[i]!, kb[i]!);
      if (c !== 0) return c;
    }
    return 0;
  });
}
