/**
 * 32-bit FNV-1a over the UTF-16 code units of `text`, as 8 hex digits. Used for short, stable ids
 * derived from content (a source from its URL and title, a figure from what it is about), so the
 * same data always gets the same ids in every database and export.
 */
export function hash32(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

export const sourceIdFor = (url: string, title: string) => `s-${hash32(`${url}\n${title}`)}`;

export const figureIdFor = (parts: {
  marketId: string;
  subjectId: string;
  period: string;
  sourceId: string;
}) => `f-${hash32([parts.marketId, parts.subjectId, parts.period, parts.sourceId].join('|'))}`;
