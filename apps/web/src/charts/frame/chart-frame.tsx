import { useContext, useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { embedUrlFor, iframeCode, useEmbed } from '../../lib/embed';
import { markFirstChart, PageShownContext } from '../../lib/first-chart';
import type { ExportMeta } from '../export/compose-svg';
import { DataTable, type DataTableSpec } from './data-table';

export type { DataTableSpec } from './data-table';
export type { ExportMeta } from '../export/compose-svg';

/**
 * The frame every chart sits in. It gives the chart
 * - a text summary (the data-driven sentence) as its accessible description,
 * - the same numbers as data tables, one button away,
 * - PNG and SVG downloads and a PNG copy that carry title, subtitle, sources, notes and the view's
 *   URL (the export code loads on first use),
 * - an embed code: an iframe of this chart alone in the current view.
 * In embed mode (`/embed/…?chart=<id>`) the frame of that id shows its title, subtitle and source
 * itself, since the page around it is hidden.
 */
export function ChartFrame({
  id,
  meta,
  summary,
  describedBy,
  tables,
  children,
}: {
  /** Stable within the page: the embed URL names it (`chart=shares`). */
  id: string;
  meta: ExportMeta;
  /** The chart's text summary; omit when `describedBy` points at one already on the page. */
  summary?: string;
  describedBy?: string;
  tables: DataTableSpec[];
  children: (describedBy: string) => ReactNode;
}) {
  const reactId = useId().replace(/:/g, '');
  const summaryId = `${reactId}-summary`;
  const embed = useEmbed();
  const chartRef = useRef<HTMLDivElement>(null);
  const [panel, setPanel] = useState<'table' | 'embed' | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const target = embed.chart === id;
  const describer = describedBy ?? summaryId;
  const shown = useContext(PageShownContext);
  // The first chart drawn with data (its SVG is in the DOM) in a shown page marks the load's time
  // to first chart; before the browser paints, after React has committed it.
  useLayoutEffect(() => {
    if (shown && chartRef.current?.querySelector('svg[role="group"]')) markFirstChart();
  });

  const run = async (kind: 'png' | 'svg' | 'copy') => {
    const svg = chartRef.current?.querySelector<SVGSVGElement>('svg[role="group"]');
    if (!svg) {
      setStatus('Nothing to export yet: the chart has not been drawn.');
      return;
    }
    setBusy(true);
    setStatus(kind === 'copy' ? 'Copying…' : 'Preparing the file…');
    try {
      const { exportChart } = await import('../export/export-chart');
      setStatus(await exportChart(kind, svg, meta, window.location.href));
    } catch (e) {
      setStatus(`Could not ${kind === 'copy' ? 'copy' : 'export'} the chart: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  };

  const tablePanel = (
    <div id={`${reactId}-table`} className="chart-panel" hidden={panel !== 'table'}>
      {panel === 'table' ? tables.map((t) => <DataTable key={t.caption} spec={t} />) : null}
    </div>
  );
  const tableButton = (
    <button
      type="button"
      className="tool"
      aria-expanded={panel === 'table'}
      aria-controls={`${reactId}-table`}
      onClick={() => setPanel(panel === 'table' ? null : 'table')}
    >
      Data table
    </button>
  );

  if (target) {
    const full = new URL(window.location.href);
    full.pathname = full.pathname.replace(/^\/embed/, '') || '/';
    full.searchParams.delete('chart');
    return (
      <div className="chart-frame embed-frame" data-chart-id={id} data-embed-target="">
        <header className="embed-head">
          <h1>{meta.title}</h1>
          <p className="subtitle">{meta.subtitle}</p>
        </header>
        {summary !== undefined ? (
          <p id={summaryId} className="visually-hidden">
            {summary}
          </p>
        ) : null}
        <div ref={chartRef}>{children(describer)}</div>
        {meta.notes?.map((n) => (
          <p key={n} className="chart-note">
            {n}
          </p>
        ))}
        <p className="source-line">{meta.source}</p>
        <p className="embed-foot">
          {tableButton}{' '}
          <a href={full.toString()} target="_blank" rel="noopener">
            Open in China cloud &amp; AI market shares
          </a>
        </p>
        {tablePanel}
      </div>
    );
  }

  const embedUrl = typeof window === 'undefined' ? '' : embedUrlFor(id, window.location);
  // Measured only while the embed panel is open: reading a size in render forces a layout, on
  // every render of every chart.
  const code = panel === 'embed' ? iframeCode(embedUrl, meta.title, (chartRef.current?.getBoundingClientRect().height ?? 360) + 190) : '';
  return (
    <div className="chart-frame" data-chart-id={id}>
      {summary !== undefined ? (
        <p id={summaryId} className="visually-hidden">
          {summary}
        </p>
      ) : null}
      <div ref={chartRef}>{children(describer)}</div>
      <div className="chart-tools" role="group" aria-label={`Chart tools: ${meta.title}`}>
        {tableButton}
        <button type="button" className="tool" disabled={busy} onClick={() => void run('png')}>
          Download PNG
        </button>
        <button type="button" className="tool" disabled={busy} onClick={() => void run('svg')}>
          Download SVG
        </button>
        <button type="button" className="tool" disabled={busy} onClick={() => void run('copy')}>
          Copy PNG
        </button>
        <button
          type="button"
          className="tool"
          aria-expanded={panel === 'embed'}
          aria-controls={`${reactId}-embed`}
          onClick={() => setPanel(panel === 'embed' ? null : 'embed')}
        >
          Embed
        </button>
        <span className="tool-status" role="status">
          {status}
        </span>
      </div>
      {tablePanel}
      <div id={`${reactId}-embed`} className="chart-panel embed-code" hidden={panel !== 'embed'}>
        {panel === 'embed' ? (
          <>
            <label className="field">
              <span>Embed code for this chart in this view (an iframe)</span>
              <textarea readOnly rows={3} value={code} onFocus={(e) => e.currentTarget.select()} />
            </label>
            <p className="chart-note">
              <button
                type="button"
                className="tool"
                onClick={() =>
                  void navigator.clipboard
                    ?.writeText(code)
                    .then(() => setStatus('Copied the embed code'))
                    .catch(() => setStatus('Could not copy: select the code and copy it'))
                }
              >
                Copy embed code
              </button>{' '}
              <a href={embedUrl} target="_blank" rel="noopener">
                Preview the embedded chart
              </a>
            </p>
          </>
        ) : null}
      </div>
    </div>
  );
}
