import chartCss from '../chart.css?raw';
import { composeExportSvg, DASHBOARD_NAME, FONT_STACK, type ExportMeta } from './compose-svg';
import { addPngText } from './png-text';

/*
 * Browser side of chart export, loaded only when someone exports (a dynamic import keeps it out of
 * every page's first load). The SVG is the chart's own, serialized with a header and footer added;
 * the PNG is that SVG drawn onto a canvas at twice the size. No external service is involved, and
 * the page's CSP holds: the SVG reaches the canvas as a data: URL.
 */

let context: CanvasRenderingContext2D | null = null;
const measure = (text: string, fontSize: number, bold: boolean) => {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * fontSize * 0.55;
  context.font = `${bold ? '700 ' : ''}${fontSize}px ${FONT_STACK}`;
  return context.measureText(text).width;
};

/** The standalone SVG document of the chart `svg` with `meta` around it. */
export function buildExportSvg(svg: SVGSVGElement, meta: ExportMeta, url: string) {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const el of clone.querySelectorAll('[tabindex]')) el.removeAttribute('tabindex');
  for (const el of clone.querySelectorAll('[data-mark]')) el.removeAttribute('data-mark');
  const describedBy = svg.getAttribute('aria-describedby');
  const summary = describedBy ? (document.getElementById(describedBy)?.textContent ?? '') : '';
  return composeExportSvg(
    {
      inner: clone.innerHTML,
      width: Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width,
      height: Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height,
      label: svg.getAttribute('aria-label') ?? meta.title,
      summary,
    },
    meta,
    { css: chartCss, url, date: new Date().toISOString().slice(0, 10), measure },
  );
}

/** Renders an SVG document to a PNG blob at `scale` × its size, on a white ground, with `text` as iTXt metadata. */
export async function svgToPng(
  svg: string,
  width: number,
  height: number,
  text: Record<string, string> = {},
  scale = 2,
): Promise<Blob> {
  const img = new Image(width, height);
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser cannot draw on a canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
  const bytes = addPngText(new Uint8Array(await blob.arrayBuffer()), text);
  return new Blob([bytes.buffer as ArrayBuffer], { type: 'image/png' });
}

/** The words drawn in the image, also as PNG metadata. */
const pngText = (meta: ExportMeta, url: string) => ({
  Title: meta.title,
  Description: meta.subtitle,
  Source: meta.source,
  Comment: `${DASHBOARD_NAME} · ${url}`,
});

/** Saves `blob` under `name` through a temporary link. */
export function downloadBlob(blob: Blob, name: string) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export type ExportKind = 'png' | 'svg' | 'copy';

/**
 * Exports the chart `svg`: downloads `<fileBase>.png` or `.svg`, or copies the PNG to the
 * clipboard. Resolves to what a status line should say; rejects with a reason.
 */
export async function exportChart(kind: ExportKind, svg: SVGSVGElement, meta: ExportMeta, url: string): Promise<string> {
  const doc = buildExportSvg(svg, meta, url);
  if (kind === 'svg') {
    downloadBlob(new Blob([doc.svg], { type: 'image/svg+xml;charset=utf-8' }), `${meta.fileBase}.svg`);
    return `Downloaded ${meta.fileBase}.svg`;
  }
  if (kind === 'png') {
    downloadBlob(await svgToPng(doc.svg, doc.width, doc.height, pngText(meta, url)), `${meta.fileBase}.png`);
    return `Downloaded ${meta.fileBase}.png`;
  }
  if (typeof ClipboardItem === 'undefined' || !navigator.clipboard?.write) {
    throw new Error('this browser cannot copy images; use Download PNG');
  }
  // The promise keeps the click's user activation while the PNG is drawn.
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': svgToPng(doc.svg, doc.width, doc.height, pngText(meta, url)) })]);
  return 'Copied the chart as PNG';
}
