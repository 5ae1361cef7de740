/**
 * Subsets of the CJK font for PNG rendering. resvg reads a font's whole file again for every
 * text element it lays out (thx/resvg-js#367), and Noto Sans CJK's collection is 20 MB: a chart
 * with 100 labels read 2 GB and took seconds. Rendering with a subset holding only the
 * characters of the SVG (a few kilobytes, made by HarfBuzz's hb-subset in WebAssembly) draws
 * the same glyphs at a fraction of the cost.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** A face of a font file: the file and the face's index in a collection (.ttc). */
export interface FontFace {
  file: string;
  index: number;
}

/**
 * The faces subsetted for PNG rendering: Noto Sans CJK SC regular and bold, where Debian's
 * `fonts-noto-cjk` installs them (index 2 of each collection is SC: `fc-list -f '%{file} %{index} %{family[0]}\n'`).
 */
export const CJK_FACES: FontFace[] = [
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', index: 2 },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', index: 2 },
];

// the HarfBuzz calls this module makes (harfbuzzjs' harfbuzz-subset.wasm exports)
interface Hb {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(b: number): void;
  hb_blob_get_data(b: number, length: number): number;
  hb_blob_get_length(b: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(f: number): void;
  hb_face_reference_blob(f: number): number;
  hb_set_add(s: number, v: number): void;
  hb_set_clear(s: number): void;
  hb_set_invert(s: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(i: number): void;
  hb_subset_input_unicode_set(i: number): number;
  hb_subset_input_set(i: number, which: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;

let hb: Hb | undefined;
function harfbuzz(): Hb {
  if (!hb) {
    const wasm = readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    // Node's WebAssembly (the project's TypeScript lib has no DOM/WebAssembly types)
    const WA = (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object; Instance: new (m: object, imports: object) => { exports: object } } }).WebAssembly;
    const instance = new WA.Instance(new WA.Module(wasm), {});
    hb = instance.exports as unknown as Hb;
    hb._initialize();
  }
  return hb;
}

// faces stay loaded in the WebAssembly memory for the process: reading 20 MB once, not per chart
const faces = new Map<string, number>();
function face(f: FontFace): number {
  const key = `${f.file}#${f.index}`;
  let h = faces.get(key);
  if (h === undefined) {
    const h2 = harfbuzz();
    const bytes = readFileSync(f.file);
    const ptr = h2.malloc(bytes.byteLength);
    new Uint8Array(h2.memory.buffer).set(bytes, ptr);
    const blob = h2.hb_blob_create(ptr, bytes.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
    h = h2.hb_face_create(blob, f.index);
    h2.hb_blob_destroy(blob);
    faces.set(key, h);
  }
  return h;
}

/**
 * A font file (OpenType) with only the glyphs of `text`'s characters from one face, layout
 * features kept. Null when the face's file is missing or HarfBuzz cannot subset it (the caller
 * renders with the full system fonts instead).
 */
export function subsetFace(f: FontFace, text: string): Uint8Array | null {
  if (!existsSync(f.file)) return null;
  const h = harfbuzz();
  const fc = face(f);
  const input = h.hb_subset_input_create_or_fail();
  if (!input) return null;
  let sub = 0;
  try {
    // all layout features (as hb-subset --layout-features='*')
    const features = h.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    h.hb_set_clear(features);
    h.hb_set_invert(features);
    const unicodes = h.hb_subset_input_unicode_set(input);
    for (const ch of new Set(text)) h.hb_set_add(unicodes, ch.codePointAt(0)!);
    sub = h.hb_subset_or_fail(fc, input);
  } finally {
    h.hb_subset_input_destroy(input);
  }
  if (!sub) return null;
  const blob = h.hb_face_reference_blob(sub);
  try {
    const offset = h.hb_blob_get_data(blob, 0);
    const length = h.hb_blob_get_length(blob);
    return length ? new Uint8Array(h.memory.buffer).slice(offset, offset + length) : null;
  } finally {
    h.hb_blob_destroy(blob);
    h.hb_face_destroy(sub);
  }
}
