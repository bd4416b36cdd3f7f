/**
 * The outline colour for a mark filled with `color`: the fill itself for the Okabe–Ito colours,
 * which stand out against the page, and a darker or lighter edge for those that would not
 * (Microsoft's yellow on white, very dark greys on the dark theme's paper), so every mark keeps
 * a visible edge (WCAG 1.4.11, 3:1 for graphics) without changing the vendor's colour.
 */
export function inkOf(color: string): string {
  const c = color.toUpperCase();
  if (c === '#F0E442') return '#6b6300';
  return c;
}

/** Relative luminance of a #RRGGBB colour (WCAG 2.x). */
export function luminance(color: string): number {
  const ch = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16) / 255);
  const [r, g, b] = ch.map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two #RRGGBB colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The dark theme's paper (styles/themes.css `--chart-paper` in dark mode). */
export const DARK_PAPER = '#161616';

/**
 * Class for marks whose colour would fall below 3:1 against the dark theme's paper (very dark
 * greys, black): the dark theme gives them a light stroke. Empty for every other colour.
 */
export const darkClass = (color: string) => (/^#[0-9a-f]{6}$/i.test(color) && contrast(color, DARK_PAPER) < 3 ? 'low-on-dark' : '');
