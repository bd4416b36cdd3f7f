/** A table that states what a chart shows, for readers who cannot see it or want exact numbers. */
export interface DataTableSpec {
  caption: string;
  columns: Array<{ label: string; numeric?: boolean }>;
  rows: string[][];
}

export function DataTable({ spec }: { spec: DataTableSpec }) {
  return (
    <div className="table-scroll" role="region" aria-label={spec.caption} tabIndex={0}>
      <table className="data-table">
        <caption>{spec.caption}</caption>
        <thead>
          <tr>
            {spec.columns.map((c) => (
              <th key={c.label} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {spec.rows.map((r, i) => (
            <tr key={i}>
              {r.map((cell, j) =>
                j === 0 ? (
                  <th key={j} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={j} className={spec.columns[j]?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
