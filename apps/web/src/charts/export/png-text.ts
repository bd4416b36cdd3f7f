/*
 * PNG text metadata: the exported PNG carries its title, description, source and URL as iTXt
 * chunks (UTF-8), so the words that are drawn in the image can also be read by software, search
 * and tests without OCR.
 */

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (ISO-HDLC), as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];
const ascii = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0x7f));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An iTXt chunk: keyword (Latin letters), uncompressed, no language, UTF-8 text. */
function itxt(keyword: string, text: string): Uint8Array {
  const key = ascii(keyword.slice(0, 79));
  const body = new TextEncoder().encode(text);
  const data = new Uint8Array(key.length + 5 + body.length);
  data.set(key, 0);
  // after the keyword: NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL
  data.set([0, 0, 0, 0, 0], key.length);
  data.set(body, key.length + 5);
  return chunk('iTXt', data);
}

/** Inserts one iTXt chunk per entry right after the IHDR chunk of `png`. Throws on a non-PNG. */
export function addPngText(png: Uint8Array, entries: Record<string, string>): Uint8Array {
  if (png.length < 33 || SIGNATURE.some((b, i) => png[i] !== b)) throw new Error('not a PNG file');
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8);
  const chunks = Object.entries(entries).map(([k, v]) => itxt(k, v));
  const size = chunks.reduce((n, c) => n + c.length, 0);
  const out = new Uint8Array(png.length + size);
  out.set(png.subarray(0, ihdrEnd), 0);
  let at = ihdrEnd;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  out.set(png.subarray(ihdrEnd), at);
  return out;
}

/** The iTXt entries of a PNG (for tests and checks): keyword → text. */
export function readPngText(png: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  while (at + 8 <= png.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (type === 'iTXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const nul = data.indexOf(0);
      const keyword = String.fromCharCode(...data.subarray(0, nul));
      let p = nul + 3;
      p = data.indexOf(0, p) + 1;
      p = data.indexOf(0, p) + 1;
      out[keyword] = new TextDecoder().decode(data.subarray(p));
    }
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return out;
}
