import type { StepLayout } from './step-layout';

/**
 * Renders a {@link StepLayout}: gridlines, dated markers, each price as a focusable horizontal
 * segment (dashed where its start is unknown), risers at price changes (dashed where the change
 * date is approximate), and end labels for prices still in force.
 */
export function StepChart({ layout, label }: { layout: StepLayout; label: string }) {
  const { margin, width, height } = layout;
  const bottom = height - margin.bottom;
  const right = width - margin.right;
  return (
    <div className="chart">
      <svg width={width} height={height} role="group" aria-label={label} className="step-chart">
        <g aria-hidden="true">
          {layout.yTicks.map((tk) => (
            <g key={tk.label}>
              <line x1={margin.left} x2={right} y1={tk.y} y2={tk.y} className="grid" />
              <text x={margin.left - 6} y={tk.y + 4} textAnchor="end" className="tick">
                {tk.label}
              </text>
            </g>
          ))}
          {layout.xTicks.map((tk) => (
            <text key={`${tk.x}`} x={tk.x} y={bottom + 16} textAnchor="middle" className="tick">
              {tk.label}
            </text>
          ))}
          <line x1={margin.left} x2={right} y1={bottom} y2={bottom} className="axis" />
          {layout.markers.map((m) => (
            <g key={m.date} className="step-marker">
              <line x1={m.x} x2={m.x} y1={margin.top - 4} y2={bottom} />
              <text x={m.anchor === 'end' ? m.x - 3 : m.x + 3} y={margin.top - 8} textAnchor={m.anchor}>
                {m.label}
              </text>
            </g>
          ))}
        </g>
        {layout.series.map((s) => (
          <g key={s.key} data-series={s.key}>
            {s.risers.map((r) => (
              <line
                key={`${r.x}-${r.y1}`}
                x1={r.x}
                x2={r.x}
                y1={r.y1}
                y2={r.y2}
                stroke={s.color}
                strokeWidth={1.5}
                strokeDasharray={r.approximate ? '3 3' : undefined}
                aria-hidden="true"
              />
            ))}
            {s.marks.map((m) => (
              <line
                key={m.key}
                x1={m.x1}
                x2={m.x2}
                y1={m.y}
                y2={m.y}
                stroke={s.color}
                strokeWidth={3}
                strokeDasharray={m.openStart || s.dashed ? '6 4' : undefined}
                tabIndex={0}
                role="img"
                aria-label={m.description}
                className="step"
              >
                <title>{m.description}</title>
              </line>
            ))}
            {s.marks.map((m) =>
              m.openStart ? null : (
                <circle
                  key={`${m.key}-start`}
                  cx={m.x1}
                  cy={m.y}
                  r={3.5}
                  fill={m.approximate ? '#ffffff' : s.color}
                  stroke={s.color}
                  strokeWidth={1.5}
                  aria-hidden="true"
                />
              ),
            )}
            {s.label ? (
              <text x={s.label.x} y={s.label.y + 4} className="series-label" aria-hidden="true">
                {s.label.text}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
    </div>
  );
}
