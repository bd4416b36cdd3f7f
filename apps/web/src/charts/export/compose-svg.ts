/**
 * What an exported chart carries besides the chart itself, so the image stands on its own in an
 * article or a slide: the finding as title, market, metric basis and period as subtitle, the
 * sources with their dates, notes (the events marked, a legend), and the dashboard URL of the view.
 */
export interface ExportMeta {
  title: string;
  subtitle: string;
  /** "Sources: Omdia, 2025 Q4, published 2026-02-10 (omdia.tech.informa.com); …". */
  source: string;
  notes?: string[];
  legend?: Array<{ label: string; color: string; dashed?: boolean }>;
  /** File name without extension: `china-ai-cloud_shares_2025H1`. */
  fileBase: string;
}

export interface ChartMarkup {
  /** The chart SVG's children, serialized (defs included). */
  inner: string;
  width: number;
  height: number;
  /** The chart's accessible name and text summary, kept as the file's <title>/<desc>. */
  label: string;
  summary: string;
}

export interface ComposeOptions {
  /** The CSS the chart's classes need (charts/chart.css). */
  css: string;
  /** The view's URL on the dashboard. */
  url: string;
  /** Export date, ISO day. */
  date: string;
  /** Text width in px at a font size; defaults to an average-glyph estimate. */
  measure?: (text: string, fontSize: number, bold: boolean) => number;
}

export const FONT_STACK = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', 'PingFang SC', sans-serif";
export const DASHBOARD_NAME = 'China cloud & AI market shares';
const PAD = 20;
const MIN_WIDTH = 520;

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Average glyph widths of the system sans at 1px (wide CJK glyphs count as one em). */
export function estimateWidth(text: string, fontSize: number, bold: boolean): number {
  let em = 0;
  for (const ch of text) em += /[\u2E80-\uFFFF]/.test(ch) ? 1 : /[ il.,;:'|!]/.test(ch) ? 0.3 : /[A-Z0-9%&@MW]/.test(ch) ? 0.66 : 0.54;
  return em * fontSize * (bold ? 1.06 : 1);
}

/** Greedy word wrap to `width` px at spaces (never at a no-break space); a word longer than a line (a URL) is broken where it must be. */
export function wrapText(
  text: string,
  width: number,
  fontSize: number,
  bold = false,
  measure: ComposeOptions['measure'] = estimateWidth,
): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/[ \t\n]+/).filter((w) => w !== '')) {
    const next = line ? `${line} ${word}` : word;
    if (measure(next, fontSize, bold) <= width) {
      line = next;
      continue;
    }
    if (line) lines.push(line);
    line = word;
    while (measure(line, fontSize, bold) > width && line.length > 1) {
      let cut = line.length - 1;
      while (cut > 1 && measure(line.slice(0, cut), fontSize, bold) > width) cut--;
      lines.push(line.slice(0, cut));
      line = line.slice(cut);
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * Builds a standalone SVG document: white ground, title and subtitle above the chart, legend,
 * notes and sources below, and a last line naming the dashboard, the view's URL and the export
 * date. The chart's own markup is nested unchanged; its classes are styled by `css`, inlined in a
 * <style> element, so the file renders the same anywhere (system fonts, no external resources).
 */
export function composeExportSvg(chart: ChartMarkup, meta: ExportMeta, o: ComposeOptions): { svg: string; width: number; height: number } {
  const measure = o.measure ?? estimateWidth;
  const width = Math.ceil(Math.max(MIN_WIDTH, chart.width + 2 * PAD));
  const textWidth = width - 2 * PAD;
  const parts: string[] = [];
  let y = PAD;
  const text = (lines: string[], size: number, lineHeight: number, cls: string) => {
    for (const l of lines) {
      y += lineHeight;
      parts.push(`<text x="${PAD}" y="${y - (lineHeight - size) / 2 - 2}" class="${cls}">${escapeXml(l)}</text>`);
    }
  };
  text(wrapText(meta.title, textWidth, 19, true, measure), 19, 25, 'export-title');
  y += 2;
  text(wrapText(meta.subtitle, textWidth, 13, false, measure), 13, 18, 'export-subtitle');
  y += 12;
  parts.push(
    `<svg x="${PAD}" y="${y}" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}" overflow="visible" font-size="12">${chart.inner}</svg>`,
  );
  y += chart.height + 10;
  if (meta.legend && meta.legend.length > 0) {
    let x = PAD;
    y += 16;
    for (const item of meta.legend) {
      const w = 22 + measure(item.label, 12, false) + 16;
      if (x > PAD && x + w > width - PAD) {
        x = PAD;
        y += 18;
      }
      parts.push(
        `<line x1="${x}" x2="${x + 16}" y1="${y - 4}" y2="${y - 4}" stroke="${escapeXml(item.color)}" stroke-width="4"${item.dashed ? ' stroke-dasharray="4 3"' : ''}/>`,
        `<text x="${x + 22}" y="${y}" class="export-legend">${escapeXml(item.label)}</text>`,
      );
      x += w;
    }
    y += 6;
  }
  for (const note of meta.notes ?? []) text(wrapText(note, textWidth, 11, false, measure), 11, 15, 'export-note');
  y += 4;
  text(wrapText(meta.source, textWidth, 11, false, measure), 11, 15, 'export-source');
  text(wrapText(`${DASHBOARD_NAME} · ${o.url} · exported\u00a0${o.date}`, textWidth, 11, false, measure), 11, 15, 'export-url');
  const height = Math.ceil(y + PAD);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="export-title export-desc" font-family="${escapeXml(FONT_STACK)}">`,
    `<title id="export-title">${escapeXml(meta.title)}</title>`,
    `<desc id="export-desc">${escapeXml(`${meta.subtitle}. ${chart.summary} ${meta.source}`)}</desc>`,
    `<style>${o.css}</style>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
  return { svg, width, height };
}

/** `china-ai-cloud`, `shares`, `2025H1` → `china-ai-cloud_shares_2025H1`: file names that say what is inside. */
export function exportFileBase(...parts: Array<string | null | undefined>): string {
  return parts
    .filter((p): p is string => typeof p === 'string' && p.trim() !== '')
    .map((p) =>
      p
        .trim()
        .replace(/[^A-Za-z0-9.]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter((p) => p !== '')
    .join('_');
}
