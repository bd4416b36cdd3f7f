import type { DumbbellLayout } from './dumbbell-layout';

const ink = (color: string) => (color === '#F0E442' ? '#6b6300' : color);

/**
 * Renders a {@link DumbbellLayout}: per row the market name and period, a grey line joining the
 * entities, a dot per entity (a bar where its sources disagree) and its labelled value. Each dot
 * is focusable and announces entity, value and source. `describedBy` points at the generated
 * summary sentence.
 */
export function DumbbellChart({
  layout,
  label,
  describedBy,
}: {
  layout: DumbbellLayout;
  label: string;
  describedBy?: string;
}) {
  return (
    <div className="chart">
      <svg
        width={layout.width}
        height={layout.height}
        role="group"
        aria-label={label}
        aria-describedby={describedBy}
        className="dumbbell-chart"
      >
        {layout.axis
          ? layout.axis.ticks.map((t) => (
              <g key={t.label} aria-hidden="true">
                <line x1={t.x} x2={t.x} y1={0} y2={layout.axis!.y} className="grid" />
                <text x={t.x} y={layout.axis!.y + 14} textAnchor="middle" className="tick">
                  {t.label}
                </text>
              </g>
            ))
          : null}
        {layout.rows.map((row) => (
          <g key={row.key} className="dumbbell-row" data-market={row.key}>
            <text x={layout.plotLeft} y={row.labelY} className="bar-name">
              {row.label}
            </text>
            <text x={layout.plotLeft} y={row.sublabelY} className="bar-note">
              {row.sublabel}
            </text>
            <line
              x1={layout.plotLeft}
              x2={layout.plotRight}
              y1={row.y}
              y2={row.y}
              className="grid"
              aria-hidden="true"
            />
            <line x1={row.x0} x2={row.x1} y1={row.y} y2={row.y} stroke="#9a9a9a" strokeWidth={3} aria-hidden="true" />
            {row.points.map((p) => (
              <g
                key={p.key}
                className="dumbbell-point"
                tabIndex={0}
                role="img"
                aria-label={p.description}
                data-entity={p.key}
              >
                {p.cx1 > p.cx0 ? (
                  <rect
                    x={p.cx0}
                    y={row.y - 5}
                    width={p.cx1 - p.cx0}
                    height={10}
                    rx={5}
                    fill={p.color}
                    fillOpacity={0.45}
                    stroke={ink(p.color)}
                  />
                ) : null}
                <circle cx={p.cx0} cy={row.y} r={7} fill={p.color} stroke={ink(p.color)} strokeWidth={1.5} />
                {p.cx1 > p.cx0 ? (
                  <circle cx={p.cx1} cy={row.y} r={7} fill={p.color} stroke={ink(p.color)} strokeWidth={1.5} />
                ) : null}
                {row.listed ? (
                  <circle
                    cx={p.labelX - 8}
                    cy={p.labelY - 4}
                    r={4.5}
                    fill={p.color}
                    stroke={ink(p.color)}
                    aria-hidden="true"
                  />
                ) : null}
                <text x={p.labelX} y={p.labelY} textAnchor={p.anchor} className="dumbbell-label">
                  {p.name} <tspan className="num dumbbell-value">{p.valueText}</tspan>
                </text>
              </g>
            ))}
          </g>
        ))}
      </svg>
    </div>
  );
}
