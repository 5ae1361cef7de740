/**
 * Reading and making files safely: only regular files are read, up to a size limit, as strict
 * UTF-8; an error says what the file system said (permission denied, read-only file system…),
 * never a bare code or a misleading "no such file".
 */
import { closeSync, constants, fstatSync, lstatSync, mkdirSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { getHeapStatistics } from 'node:v8';
import { basename, dirname, resolve } from 'node:path';
import { IpIndexError } from '../core/errors.ts';

/**
 * Size limits of the files ipindex reads (bytes), and the most data rows of one run. A larger
 * file is refused with a message naming the file and the limit, before it is read. Change them
 * here (or set them from a script: `READ_LIMITS.dataBytes = …`) for larger inputs.
 */
export const READ_LIMITS = {
  /** A tidy CSV data file: read in chunks, never whole (2 GiB). */
  dataBytes: 2 * 1024 ** 3,
  /** A JSON data file: parsed whole (256 MiB). */
  jsonDataBytes: 256 * 1024 ** 2,
  /**
   * A framework, recipe, groupings, specification or reference file (4 MiB; the CNIPA frameworks
   * are 35 KB): YAML of some shapes parses at about 0.5 MB/s, so a larger definition could take
   * longer than any user would wait.
   */
  textBytes: 4 * 1024 ** 2,
  /**
   * Rows over all data files of one run: 5 million, or fewer when the JavaScript heap is small —
   * reading takes about 270 bytes of heap a row (half the heap at 400 bytes a row is the cap), so
   * that a large file is refused with a message rather than aborting out of memory.
   */
  dataRows: Math.min(5_000_000, Math.floor(getHeapStatistics().heap_size_limit / 2 / 400)),
};

/** A file that cannot be read or written as asked: missing, not a regular file, too large, not UTF-8, not permitted. */
export class FileError extends IpIndexError {}

/**
 * What a file-system error means, in words, with its code: "permission denied (EACCES)".
 * @example fsErrorText(Object.assign(new Error('x'), { code: 'EROFS' })) // => 'read-only file system (EROFS)'
 */
export function fsErrorText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    ENOENT: 'no such file or folder',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EFBIG: 'file too large for the file system',
    EISDIR: 'is a folder',
    ENOTDIR: 'a part of the path is not a folder',
    ENAMETOOLONG: 'name too long',
    ELOOP: 'too many levels of symbolic links',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files in the system',
    EIO: 'input/output error (a failing disk or network drive?)',
    EBUSY: 'busy (in use by another program?)',
    EEXIST: 'already exists',
    ENOTEMPTY: 'folder not empty',
    EXDEV: 'on another file system',
    EINVAL: 'invalid argument',
    ETXTBSY: 'busy (in use by another program?)',
    EAGAIN: 'temporarily unavailable (try again)',
  };
  if (code && Object.hasOwn(words, code)) return `${words[code]} (${code})`;
  return (e as Error | undefined)?.message ?? String(e);
}

/** The kind of a file that is not a regular file, in words. */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'folder';
  if (st.isFIFO()) return 'named pipe (FIFO)';
  if (st.isCharacterDevice()) return 'character device';
  if (st.isBlockDevice()) return 'block device';
  if (st.isSocket()) return 'socket';
  return 'special file';
}

/** "2 GiB", "50 MiB", "512 B". */
export function sizeText(n: number): string {
  for (const [unit, f] of [['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) if (n >= f) return `${+(n / f).toFixed(1)} ${unit}`;
  return `${n} B`;
}

/** Options of {@link readFileBytes} and {@link readChunks}. */
export interface ReadOptions {
  /** Largest size accepted, in bytes (default {@link READ_LIMITS}.textBytes). */
  limit?: number;
  /** What the file is, for messages ("Framework file", "Data file"; default "File"). */
  what?: string;
  /** Name of the limit in {@link READ_LIMITS}, for messages. */
  limitName?: keyof typeof READ_LIMITS;
}

const CHUNK = 1 << 20;

/**
 * Opens a file for reading and checks it is a regular file within the limit. The file is opened
 * without blocking (a named pipe without a writer would otherwise hang the open) and checked on
 * the open descriptor, so what is checked is what is read.
 */
function openChecked(file: string, o: ReadOptions): { fd: number; size: number } {
  const what = o.what ?? 'File';
  const limit = o.limit ?? READ_LIMITS.textBytes;
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new FileError(`${file} is a folder; expected a file`);
    throw new FileError(`Cannot read ${what.toLowerCase()} ${file}: ${code === 'ENOENT' ? 'no such file' : fsErrorText(e)}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new FileError(`${file} is a folder; expected a file`);
    if (!st.isFile()) throw new FileError(`${what} ${file} is a ${kindOf(st)}, not a regular file; ipindex reads only regular files (save the content to a file first)`);
    if (st.size > limit) throw tooLarge(file, what, st.size, limit, o.limitName);
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

function tooLarge(file: string, what: string, size: number | undefined, limit: number, limitName?: string): FileError {
  return new FileError(`${what} ${file} is ${size === undefined ? 'larger than' : `${sizeText(size)}, over`} the limit of ${sizeText(limit)}${limitName ? ` (READ_LIMITS.${limitName})` : ''}; split it, or raise the limit if the file is meant to be this large`);
}

/**
 * Reads a regular file in chunks of up to 1 MiB, refusing it once it grows past the limit (a file
 * whose size the file system does not report, such as /proc files, is still bounded).
 * @throws FileError
 */
export function readChunks(file: string, o: ReadOptions, onChunk: (bytes: Buffer) => void): number {
  const what = o.what ?? 'File';
  const limit = o.limit ?? READ_LIMITS.textBytes;
  const { fd } = openChecked(file, o);
  let total = 0;
  try {
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, 0, CHUNK, null);
      } catch (e) {
        throw new FileError(`Cannot read ${what.toLowerCase()} ${file}: ${fsErrorText(e)}`);
      }
      if (n === 0) break;
      total += n;
      if (total > limit) throw tooLarge(file, what, undefined, limit, o.limitName);
      onChunk(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return total;
}

/** The bytes of a regular file within the limit. @throws FileError */
export function readFileBytes(file: string, o: ReadOptions = {}): Buffer {
  const parts: Buffer[] = [];
  readChunks(file, o, (b) => parts.push(Buffer.from(b)));
  return Buffer.concat(parts);
}

/**
 * Offset of the first byte that is not part of valid UTF-8 in `b` (or -1). Overlong forms,
 * surrogates and code points above U+10FFFF are invalid, as for `TextDecoder({fatal: true})`.
 * A sequence cut off by the end of `b` is invalid unless `partialEnd` (more bytes follow).
 */
export function firstInvalidUtf8(b: Uint8Array, partialEnd = false): number {
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return partialEnd ? -1 : i;
      const d = b[i + k]!;
      if (d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Position of a byte in a file: 1-based line and byte column. */
function positionOf(b: Uint8Array, offset: number, lineBefore = 1, lineStart = 0): { line: number; column: number; lineStart: number } {
  let line = lineBefore;
  let start = lineStart;
  for (let i = 0; i < offset; i++) {
    if (b[i] === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1, lineStart: start };
}

const hex = (c: number): string => `0x${c.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * What to say about bytes that are not UTF-8: whether they look like UTF-16 or GBK/GB18030 (what
 * Chinese Excel and WPS save by default), judged on the line with the first bad byte.
 */
export function encodingHint(b: Uint8Array, lineStart: number, file = 'file.csv'): string {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return ' The file looks like UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8.';
  let end = Math.min(b.length, lineStart + 4096);
  const nl = b.lastIndexOf(10, end - 1);
  if (nl > lineStart && end < b.length) end = nl;
  const window = b.subarray(lineStart, end);
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(window);
    if (/[\u3400-\u9fff]/.test(text)) {
      const first = text.split(/\r?\n/)[0]!.slice(0, 60);
      const name = basename(file);
      const dot = name.lastIndexOf('.');
      const converted = dot > 0 ? `${name.slice(0, dot)}-utf8${name.slice(dot)}` : `${name}-utf8`;
      const excel = /\.(csv|txt)$/i.test(name) ? 'in Excel: Save As → “CSV UTF-8”, in WPS: 另存为 UTF-8; or ' : '';
      return ` The file looks like GBK/GB18030 (the usual encoding of Chinese Excel and WPS files): read as GB18030 this line is “${first}”. Save it as UTF-8 (${excel}iconv -f GB18030 -t UTF-8 ${name} > ${converted}).`;
    }
  } catch {
    // not GB18030 either
  }
  return ' Save the file as UTF-8.';
}

/** The error for bytes that are not UTF-8 text, naming the file, the byte, its line and a likely encoding. */
export function notUtf8Error(file: string, what: string, b: Uint8Array, offset: number, base = { offset: 0, line: 1 }): FileError {
  const pos = positionOf(b, offset, base.line);
  const byte = b[offset];
  // a lead byte followed only by continuation bytes up to the end: the last character is cut off
  const need = byte === undefined ? 0 : byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc2 ? 1 : 0;
  const cut = byte === undefined || (need > 0 && offset + need >= b.length && [...b.subarray(offset + 1)].every((c) => (c & 0xc0) === 0x80));
  const label = cut ? 'a character cut off at the end of the file' : `byte ${hex(byte!)}`;
  const hint = cut ? ' The file is probably truncated (copied or saved incompletely).' : encodingHint(b, pos.lineStart, file);
  return new FileError(`${what} ${file} is not valid UTF-8 text: ${label} at byte offset ${base.offset + offset} (line ${pos.line}, byte ${pos.column} of the line).${hint}`, [
    { file, line: pos.line, message: `invalid UTF-8 at byte offset ${base.offset + offset}` },
  ]);
}

/** The error for text that holds a NUL byte (a binary file, or UTF-16 without a byte-order mark). */
function nulError(file: string, what: string, b: Uint8Array, offset: number, base = { offset: 0, line: 1 }): FileError {
  const pos = positionOf(b, offset, base.line);
  return new FileError(`${what} ${file} is not a text file: it holds a NUL byte at byte offset ${base.offset + offset} (line ${pos.line}) — a binary file (XLSX, ZIP…), or UTF-16 text; save it as UTF-8 text (CSV, YAML or JSON)`, [
    { file, line: pos.line, message: `NUL byte at byte offset ${base.offset + offset}` },
  ]);
}

/**
 * Decodes bytes as strict UTF-8 (a leading byte-order mark is dropped).
 * @throws FileError naming the file, the first bad byte and its line, and GBK/GB18030 or UTF-16 when the bytes look like it
 */
export function decodeUtf8(b: Uint8Array, file: string, what = 'File'): string {
  if (!isUtf8(b)) throw notUtf8Error(file, what, b, Math.max(0, firstInvalidUtf8(b)));
  const nul = b.indexOf(0);
  if (nul >= 0) throw nulError(file, what, b, nul);
  return new TextDecoder('utf-8', { fatal: true }).decode(b);
}

/**
 * Reads a regular file within the size limit as strict UTF-8 text.
 * @throws FileError (missing, a folder, not a regular file, too large, not UTF-8, not permitted)
 */
export function readTextFile(file: string, o: ReadOptions = {}): string {
  return decodeUtf8(readFileBytes(file, o), file, o.what ?? 'File');
}

/**
 * Reads a regular file as strict UTF-8 text in pieces (each ends on a whole character), for a
 * parser that takes text in chunks; `onBytes` sees the raw bytes too (for a hash).
 * @returns the size in bytes
 * @throws FileError
 */
export function readTextChunks(file: string, o: ReadOptions, onText: (text: string) => void, onBytes?: (bytes: Buffer) => void): number {
  const what = o.what ?? 'File';
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let carry: Buffer | undefined;
  let offset = 0; // file offset of the piece
  let line = 1;
  let first = true;
  const piece = (b: Buffer, last: boolean): void => {
    // validate the whole characters (natively); keep an incomplete one for the next chunk
    let end = b.length;
    if (!last) {
      let k = end - 1;
      while (k >= 0 && k > end - 4 && (b[k]! & 0xc0) === 0x80) k--;
      if (k >= 0 && b[k]! >= 0xc0) {
        const len = b[k]! >= 0xf0 ? 4 : b[k]! >= 0xe0 ? 3 : 2;
        if (k + len > end) end = k;
      }
    }
    const whole = b.subarray(0, end);
    if (!isUtf8(whole)) {
      const bad = firstInvalidUtf8(whole, false);
      throw notUtf8Error(file, what, whole, Math.max(0, bad), { offset, line });
    }
    const nul = whole.indexOf(0);
    if (nul >= 0) throw nulError(file, what, whole, nul, { offset, line });
    let text = decoder.decode(whole, { stream: true });
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (text) onText(text);
    for (let i = whole.indexOf(10); i >= 0; i = whole.indexOf(10, i + 1)) line++;
    offset += end;
    carry = end < b.length ? Buffer.from(b.subarray(end)) : undefined;
  };
  const size = readChunks(file, o, (b) => {
    onBytes?.(b);
    piece(carry ? Buffer.concat([carry, b]) : b, false);
  });
  if (carry) piece(carry, true);
  decoder.decode();
  return size;
}

/**
 * Makes a folder and its missing parents, one at a time, so that each failure is reported as
 * what it is. (`mkdirSync(…, {recursive: true})` in Node 20 reports a read-only file system as
 * "no such file" and loops for ever under /proc.)
 * @throws FileError naming the folder and the reason
 */
export function makeFolder(dir: string, what = 'folder'): void {
  const target = resolve(dir);
  const missing: string[] = [];
  let p = target;
  for (;;) {
    let st: Stats | undefined;
    try {
      st = statSync(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new FileError(`Cannot make ${what} ${dir}: ${p}: ${fsErrorText(e)}`);
    }
    if (st) {
      if (!st.isDirectory()) throw new FileError(`Cannot make ${what} ${dir}: ${p} is ${lstatKind(p)}, not a folder`);
      break;
    }
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && statSync(m).isDirectory()) continue;
      throw new FileError(`Cannot make ${what} ${dir}: ${mkdirErrorText(e)}${m !== target ? ` (making ${m})` : ''}`);
    }
  }
}

/**
 * Why a folder could not be made. "No such file" for a folder whose parent exists means the file
 * system refuses new entries there (/proc, /sys): said so, not reported as a missing file.
 */
export function mkdirErrorText(e: unknown): string {
  if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'the file system refuses to make it (ENOENT, though the folder that would hold it exists: a virtual or read-only file system such as /proc?)';
  return fsErrorText(e);
}

function lstatKind(p: string): string {
  try {
    const st = lstatSync(p);
    return st.isFile() ? 'a file' : `a ${kindOf(st)}`;
  } catch {
    return 'not a folder';
  }
}

/** The text encodings a data file may have, as {@link decodeDataText} reports them. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be';

/**
 * Decodes the bytes of a data file: UTF-8 (with or without a byte-order mark), UTF-16 with a
 * byte-order mark, or — when `encoding` is `auto` (default) — GBK/GB18030, what Chinese Excel
 * and WPS write, recognised by decoding strictly as GB18030 (`TextDecoder('gb18030', {fatal})`)
 * and finding Chinese text; the encoding found is returned, never guessed silently. `utf-8`
 * refuses anything else, `gb18030` decodes as GB18030 only.
 * @throws FileError naming the file, the first bad byte, its line and the encodings tried
 */
export function decodeDataText(b: Uint8Array, file: string, o: { encoding?: 'auto' | 'utf-8' | 'gb18030'; what?: string } = {}): { text: string; encoding: TextEncoding } {
  const what = o.what ?? 'Data file';
  const enc = o.encoding ?? 'auto';
  if (enc !== 'gb18030') {
    if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le' };
    if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be' };
    if (isUtf8(b)) {
      const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
      return { text: decodeUtf8(b, file, what).replace(/^\ufeff/, ''), encoding: bom ? 'utf-8-bom' : 'utf-8' };
    }
    if (enc === 'utf-8') return { text: decodeUtf8(b, file, what), encoding: 'utf-8' }; // throws, naming GBK when it looks like it
  }
  let text: string | undefined;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(b);
  } catch {
    text = undefined;
  }
  if (text !== undefined && (enc === 'gb18030' || /[\u3400-\u9fff]/.test(text))) {
    const nul = text.indexOf('\0');
    if (nul >= 0) throw new FileError(`${what} ${file} is not a text file: it holds a NUL byte (a binary file, or UTF-16 without a byte-order mark); save it as CSV (UTF-8 or GBK)`);
    return { text, encoding: 'gb18030' };
  }
  if (enc === 'gb18030') throw new FileError(`${what} ${file} is not valid GB18030/GBK text (decoded strictly as GB18030, as asked); save it as UTF-8 or GBK CSV`);
  const offset = Math.max(0, firstInvalidUtf8(b));
  const base = notUtf8Error(file, what, b, offset);
  throw new FileError(`${base.message.replace(/ (The file looks like GBK\/GB18030|Save the file as UTF-8|The file looks like UTF-16).*$/s, '')} Tried UTF-8 and GB18030/GBK: it is neither; save it as UTF-8 (or GBK) CSV.`, base.problems);
}
