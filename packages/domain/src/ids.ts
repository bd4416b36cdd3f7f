import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The first 16 hex digits (64 bits) of SHA-256 over the UTF-8 bytes of `text`. Used for stable
 * ids derived from content (a source from its URL and title, a figure from what it is about), so
 * the same data always gets the same ids in every database and export; at 64 bits two different
 * statements sharing an id is not a case any code needs to handle. `@noble/hashes` rather than
 * `node:crypto`, as the browser bundle may import this module.
 */
export function hash64(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text))).slice(0, 16);
}

export const sourceIdFor = (url: string, title: string) => `s-${hash64(`${url}\n${title}`)}`;

export const figureIdFor = (parts: {
  marketId: string;
  subjectId: string;
  period: string;
  sourceId: string;
}) => `f-${hash64([parts.marketId, parts.subjectId, parts.period, parts.sourceId].join('|'))}`;
