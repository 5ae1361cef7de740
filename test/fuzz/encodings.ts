/**
 * Text in the wrong encoding, as a user's spreadsheet export may give it: GBK (the usual Chinese
 * Windows code page), UTF-16 with a byte-order mark, Latin-1. Node has GBK decoding (ICU) but no
 * encoder, so the GBK table is built once by decoding every two-byte sequence.
 */

let gbkTable: Map<string, [number, number]> | undefined;

function gbk(): Map<string, [number, number]> {
  if (gbkTable) return gbkTable;
  const pairs: [number, number][] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push([lead, trail]);
  const bytes = new Uint8Array(pairs.length * 2);
  pairs.forEach(([a, b], i) => {
    bytes[2 * i] = a;
    bytes[2 * i + 1] = b;
  });
  const chars = [...new TextDecoder('gbk').decode(bytes)];
  gbkTable = new Map();
  // every pair decodes to one character (U+FFFD where the pair is unassigned)
  if (chars.length !== pairs.length) throw new Error(`GBK table: ${chars.length} characters for ${pairs.length} pairs`);
  chars.forEach((c, i) => {
    if (c !== '\ufffd' && !gbkTable!.has(c)) gbkTable!.set(c, pairs[i]!);
  });
  return gbkTable;
}

/**
 * Encodes text as GBK; a character GBK lacks becomes `?`.
 * @example encodeGbk('北京') // => Uint8Array [0xb1, 0xb1, 0xbe, 0xa9]
 */
export function encodeGbk(text: string): Uint8Array {
  const table = gbk();
  const out: number[] = [];
  for (const c of text) {
    const cp = c.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else {
      const p = table.get(c);
      if (p) out.push(p[0], p[1]);
      else out.push(0x3f);
    }
  }
  return Uint8Array.from(out);
}

/** UTF-16 little-endian with a byte-order mark (what Excel's "Unicode text" gives). */
export function encodeUtf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const u = text.charCodeAt(i);
    out[2 + 2 * i] = u & 0xff;
    out[3 + 2 * i] = u >> 8;
  }
  return out;
}

/** Latin-1: one byte per character, `?` beyond U+00FF. */
export function encodeLatin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((c) => (c.codePointAt(0)! < 0x100 ? c.codePointAt(0)! : 0x3f)));
}
