import { describe, expect, it } from 'vitest';
import { composeExportSvg, escapeXml, estimateWidth, exportFileBase, wrapText } from './compose-svg';

const chart = {
  inner: '<g><rect class="bar" width="120" height="16" fill="#E69F00"/></g>',
  width: 640,
  height: 220,
  label: 'Bar chart',
  summary: '2 bars, largest first: Alibaba Cloud 35.8% and Others / not reported 64.2%.',
};
const meta = {
  title: 'Alibaba Cloud leads China AI cloud services with 35.8% (Omdia, 2025 H1)',
  subtitle: 'China AI cloud services · Revenue / spend share · China · 2025 H1',
  source: 'Source: Omdia, 2025 H1, published 2025-09-10 (sentifin.ai, secondary source).',
  notes: ['Events marked: 1 · 15 May 2024 · ByteDance launches Doubao <pro> & cuts prices'],
  fileBase: 'china-ai-cloud_shares_2025H1',
};
const options = { css: '.bar{fill:red}', url: 'https://dash.example/?market=china-ai-cloud&period=2025H1', date: '2026-05-01' };

describe('composeExportSvg', () => {
  it('puts title, subtitle, notes, source, URL and date around the chart, escaped', () => {
    const { svg, width, height } = composeExportSvg(chart, meta, options);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title id="export-title">Alibaba Cloud leads China AI cloud services with 35.8% (Omdia, 2025 H1)</title>');
    expect(svg).toContain('class="export-subtitle">China AI cloud services · Revenue / spend share · China · 2025 H1</text>');
    expect(svg).toContain('ByteDance launches Doubao &lt;pro&gt; &amp; cuts prices');
    expect(svg).toContain('Source: Omdia, 2025 H1, published 2025-09-10');
    expect(svg).toContain('https://dash.example/?market=china-ai-cloud&amp;period=2025H1');
    expect(svg).toContain('exported\u00a02026-05-01');
    expect(svg).toContain('<style>.bar{fill:red}</style>');
    expect(svg).toContain(`<svg x="20" y="`);
    expect(svg).toContain(chart.inner);
    expect(width).toBe(680);
    // Header, chart and footer all fit.
    expect(height).toBeGreaterThan(chart.height + 120);
    expect(svg).toContain(`viewBox="0 0 ${width} ${height}"`);
  });

  it('is at least 520 px wide so a phone-width chart still gets a readable header', () => {
    expect(composeExportSvg({ ...chart, width: 300 }, meta, options).width).toBe(520);
  });

  it('wraps a long title onto several lines within the width', () => {
    const long = { ...meta, title: `${meta.title} ${meta.title} ${meta.title}` };
    const { svg } = composeExportSvg({ ...chart, width: 400 }, long, options);
    expect(svg.match(/class="export-title"/g)!.length).toBeGreaterThan(2);
  });
});

describe('wrapText', () => {
  it('keeps every word, breaks between words, and no line exceeds the width', () => {
    const text = 'Alibaba Cloud leads China cloud infrastructure services with 37% (Omdia, 2025 Q4)';
    const lines = wrapText(text, 200, 13);
    expect(lines.join(' ')).toBe(text);
    for (const l of lines) expect(estimateWidth(l, 13, false)).toBeLessThanOrEqual(200);
  });
  it('breaks a word longer than a line (a URL) rather than overflowing', () => {
    const lines = wrapText('https://example.org/a/very/long/path/that/does/not/fit/in/one/line', 120, 11);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe('https://example.org/a/very/long/path/that/does/not/fit/in/one/line');
  });
});

describe('exportFileBase', () => {
  it('names files after what is inside', () => {
    expect(exportFileBase('china-ai-cloud', 'shares', '2025H1')).toBe('china-ai-cloud_shares_2025H1');
    expect(exportFileBase('compare', 'alibaba-vs-bytedance', 'revenue', null)).toBe('compare_alibaba-vs-bytedance_revenue');
    expect(exportFileBase('price-history', 'qwen-max', 'china', 'CNY')).toBe('price-history_qwen-max_china_CNY');
    expect(exportFileBase('a b/c', '', undefined)).toBe('a-b-c');
  });
  it('escapes XML', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
