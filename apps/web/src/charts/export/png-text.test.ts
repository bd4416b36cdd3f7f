import { describe, expect, it } from 'vitest';
import { addPngText, crc32, readPngText } from './png-text';

/** A 1×1 PNG's chunks without pixel data: signature, IHDR, IEND (enough to test chunk placement). */
function tinyPng(): Uint8Array {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  const ihdr = [0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89];
  const iend = [0, 0, 0, 0, 73, 69, 78, 68, 0xae, 0x42, 0x60, 0x82];
  return Uint8Array.from([...sig, ...ihdr, ...iend]);
}

describe('png text metadata', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    // The IHDR of tinyPng carries the CRC PNG expects.
    expect(crc32(tinyPng().subarray(12, 29))).toBe(0x1f15c489);
  });

  it('inserts UTF-8 iTXt chunks after IHDR and reads them back', () => {
    const png = addPngText(tinyPng(), { Title: 'Qwen-Long input price: ¥20 → ¥0.5 per 1M tokens', Source: 'Source: Omdia' });
    expect(readPngText(png)).toEqual({ Title: 'Qwen-Long input price: ¥20 → ¥0.5 per 1M tokens', Source: 'Source: Omdia' });
    expect(String.fromCharCode(...png.subarray(37, 41))).toBe('iTXt');
    // Still ends with IEND, and each chunk's CRC is right.
    expect(String.fromCharCode(...png.subarray(png.length - 8, png.length - 4))).toBe('IEND');
    const view = new DataView(png.buffer);
    const len = view.getUint32(33);
    expect(view.getUint32(33 + 8 + len)).toBe(crc32(png.subarray(37, 41 + len)));
  });

  it('refuses something that is not a PNG', () => {
    expect(() => addPngText(new Uint8Array(40), { Title: 'x' })).toThrow('not a PNG file');
  });
});
