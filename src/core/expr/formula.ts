import { FormulaError } from '../errors.ts';
import { combine, formatDims, powUnit, sameDims, sameScale, type Unit } from '../units/unit.ts';

/**
 * Formulas for derived indicators: arithmetic over variable codes and numbers.
 * Grammar: expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ;
 * factor := unary ('^' number)? ; unary := '-' unary | number | identifier | '(' expr ')'.
 * `×` and `÷` are accepted for `*` and `/`; numbers may be written `1e4` or `10^4`.
 *
 * Limits (so that no formula can exhaust the stack or the memory): a formula has at most
 * {@link MAX_FORMULA_LENGTH} characters and nests parentheses and unary minus signs at most
 * {@link MAX_FORMULA_DEPTH} deep. Long sums and products are fine: every walk over a parsed
 * formula ({@link postOrder}) is iterative.
 */
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'pow'; base: Expr; exp: number };

/** The longest formula accepted, in characters. */
export const MAX_FORMULA_LENGTH = 10_000;
/** How deep parentheses, unary minus signs and powers may nest in a formula. */
export const MAX_FORMULA_DEPTH = 64;

interface Token {
  t: 'num' | 'id' | 'op';
  v: string;
  pos: number;
}

/** A formula as messages quote it: whole when short, else its start. */
export function quoteFormula(src: string): string {
  return src.length <= 80 ? `"${src}"` : `"${src.slice(0, 60)}…" (${src.length} characters)`;
}

const NUM_RE = /(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/y;
const ID_RE = /[A-Za-z_][A-Za-z0-9_.]*/y;
const SPACE_RE = /\s/;
const OPS: Record<string, string> = { '+': '+', '-': '-', '*': '*', '/': '/', '^': '^', '(': '(', ')': ')', '×': '*', '÷': '/', '·': '*' };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (SPACE_RE.test(c)) {
      i++;
      continue;
    }
    NUM_RE.lastIndex = i;
    const num = NUM_RE.exec(src);
    if (num) {
      if (!Number.isFinite(Number(num[0]))) throw new FormulaError(`Formula ${quoteFormula(src)}: the number ${num[0]} at position ${i + 1} is too large`);
      out.push({ t: 'num', v: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    ID_RE.lastIndex = i;
    const id = ID_RE.exec(src);
    if (id) {
      out.push({ t: 'id', v: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = Object.hasOwn(OPS, c) ? OPS[c] : undefined;
    if (op) {
      out.push({ t: 'op', v: op, pos: i });
      i++;
      continue;
    }
    const shown = c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
    throw new FormulaError(`Formula ${quoteFormula(src)}: unexpected character "${shown}" at position ${i + 1}`);
  }
  return out;
}

/**
 * Parses a formula into an expression tree.
 * @example formulaVariables(parseFormula('R22 / GDP * 100')) // => ['R22', 'GDP']
 * @example evaluateFormula(parseFormula('R22 / GDP * 100'), (v) => ({ R22: 5, GDP: 250 })[v]) // => 2
 * @throws FormulaError with the position of the problem; for a formula longer than
 *   {@link MAX_FORMULA_LENGTH} characters or nested deeper than {@link MAX_FORMULA_DEPTH}
 */
export function parseFormula(src: string): Expr {
  if (src.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError(`Formula "${src.slice(0, 60)}…" is too long: ${src.length} characters, at most ${MAX_FORMULA_LENGTH} (MAX_FORMULA_LENGTH)`);
  }
  const toks = tokenize(src);
  let p = 0;
  let depth = 0;
  const peek = (): Token | undefined => toks[p];
  const fail = (msg: string): never => {
    const at = peek();
    throw new FormulaError(`Formula ${quoteFormula(src)}: ${msg}${at ? ` at position ${at.pos + 1}` : ' at the end'}`);
  };
  const deeper = (): void => {
    if (++depth > MAX_FORMULA_DEPTH) fail(`parentheses and minus signs nest more than ${MAX_FORMULA_DEPTH} deep (MAX_FORMULA_DEPTH)`);
  };
  const expect = (v: string): void => {
    const t = peek();
    if (!t || t.t !== 'op' || t.v !== v) fail(`expected "${v}"`);
    p++;
  };
  function expr(): Expr {
    let left = term();
    for (let t = peek(); t && t.t === 'op' && (t.v === '+' || t.v === '-'); t = peek()) {
      p++;
      left = { kind: 'bin', op: t.v as '+' | '-', left, right: term() };
    }
    return left;
  }
  function term(): Expr {
    let left = factor();
    for (let t = peek(); t && t.t === 'op' && (t.v === '*' || t.v === '/'); t = peek()) {
      p++;
      left = { kind: 'bin', op: t.v as '*' | '/', left, right: factor() };
    }
    return left;
  }
  function factor(): Expr {
    const base = unary();
    const t = peek();
    if (t && t.t === 'op' && t.v === '^') {
      p++;
      let sign = 1;
      const s = peek();
      if (s && s.t === 'op' && s.v === '-') {
        sign = -1;
        p++;
      }
      const n = peek();
      if (!n || n.t !== 'num') fail('expected a number after "^"');
      p++;
      const exp = sign * Number(n!.v);
      if (base.kind === 'num') return { kind: 'num', value: Math.pow(base.value, exp) };
      return { kind: 'pow', base, exp };
    }
    return base;
  }
  function unary(): Expr {
    const t = peek();
    if (!t) return fail('expected a number, a variable or "("');
    if (t.t === 'op' && t.v === '-') {
      deeper();
      p++;
      const arg = unary();
      depth--;
      return { kind: 'neg', arg };
    }
    if (t.t === 'num') {
      p++;
      return { kind: 'num', value: Number(t.v) };
    }
    if (t.t === 'id') {
      p++;
      return { kind: 'var', name: t.v };
    }
    if (t.t === 'op' && t.v === '(') {
      deeper();
      p++;
      const e = expr();
      expect(')');
      depth--;
      return e;
    }
    return fail(`unexpected "${t.v}"`);
  }
  if (toks.length === 0) throw new FormulaError('Formula is empty (expected e.g. "R18 / POP")');
  const e = expr();
  if (p < toks.length) fail(`unexpected "${toks[p]!.v}"`);
  return e;
}

const POST_ORDER = new WeakMap<Expr, readonly Expr[]>();

/**
 * The nodes of a formula in post-order (operands before their operator), found without
 * recursion and kept per tree: evaluating them in this order with a stack of operands gives the
 * value of the formula, however long its sums or products.
 * @example postOrder(parseFormula('a - 2')).map((x) => x.kind) // => ['var', 'num', 'bin']
 */
export function postOrder(e: Expr): readonly Expr[] {
  let out = POST_ORDER.get(e);
  if (out) return out;
  const list: Expr[] = [];
  // a node is pushed, then its children; reversing a pre-order that visits the right child
  // before the left gives the post-order
  const stack: Expr[] = [e];
  while (stack.length) {
    const x = stack.pop()!;
    list.push(x);
    if (x.kind === 'neg') stack.push(x.arg);
    else if (x.kind === 'pow') stack.push(x.base);
    else if (x.kind === 'bin') stack.push(x.left, x.right);
  }
  out = list.reverse();
  POST_ORDER.set(e, out);
  return out;
}

/** The variable codes a formula reads, in order of first appearance. */
export function formulaVariables(e: Expr): string[] {
  const seen = new Set<string>();
  for (const x of postOrder(e)) if (x.kind === 'var') seen.add(x.name);
  return [...seen];
}

/**
 * Evaluates a formula. Returns `null` when an input is missing or the result is not finite
 * (division by zero): a derived value is never NaN or Infinity.
 */
export function evaluateFormula(e: Expr, get: (name: string) => number | null | undefined): number | null {
  // NaN stands for a missing operand on the stack
  const stack: number[] = [];
  for (const x of postOrder(e)) {
    switch (x.kind) {
      case 'num':
        stack.push(x.value);
        break;
      case 'var': {
        const v = get(x.name);
        stack.push(v === undefined || v === null || !Number.isFinite(v) ? NaN : v);
        break;
      }
      case 'neg':
        stack.push(-stack.pop()!);
        break;
      case 'pow': {
        const a = stack.pop()!;
        stack.push(a !== a ? NaN : Math.pow(a, x.exp));
        break;
      }
      case 'bin': {
        const b = stack.pop()!;
        const a = stack.pop()!;
        if (a !== a || b !== b) stack.push(NaN);
        else if (x.op === '+') stack.push(a + b);
        else if (x.op === '-') stack.push(a - b);
        else if (x.op === '*') stack.push(a * b);
        else stack.push(b === 0 ? NaN : a / b);
        break;
      }
    }
  }
  const r = stack.pop()!;
  return Number.isFinite(r) ? r : null;
}

/** An operand during unit inference: a unit, or a constant number (a conversion factor). */
type Operand = { unit: Unit; num?: undefined } | { num: number; unit?: undefined };

const DIMENSIONLESS: Unit = { dims: {}, scale: 1 };

/**
 * Infers the unit of a formula. Numbers that multiply or divide are unit-conversion factors:
 * `R22 / GDP * 100` with R22 in 件 and GDP in 亿元 has the unit 件/百亿元.
 * Terms that are added or subtracted must have the same unit. A formula whose value cannot carry
 * its unit is refused: one that multiplies by 0, divides by 0, raises to the power 0, or whose
 * scale factor overflows to 0 or infinity (`R18 / POP * 0`, `R18 / POP * 1e300 * 1e300`), and
 * one that subtracts a term from itself (`R18 / (POP - POP)` is always undefined).
 * @throws FormulaError when terms of a sum do not share a unit, a variable has no unit, or the
 *   scale factor is zero or infinite
 */
export function inferFormulaUnit(e: Expr, unitOf: (name: string) => Unit | undefined, src = ''): Unit {
  const where = `Formula ${quoteFormula(src)}`;
  const order = postOrder(e);
  const selfSubtraction = findSelfSubtraction(order);
  if (selfSubtraction) throw new FormulaError(`${where}: subtracts ${selfSubtraction} from itself, so it is always 0 (check the formula)`);
  const asUnit = (o: Operand): Unit => (o.unit ? o.unit : { dims: {}, scale: 1 / Math.abs(o.num) });
  const checked = (u: Unit): Unit => {
    if (!(u.scale > 0 && Number.isFinite(u.scale))) {
      throw new FormulaError(`${where}: its scale factor ${u.scale === 0 ? 'underflows to 0' : 'overflows to infinity'} (a conversion constant too large or too small)`);
    }
    return u;
  };
  const stack: Operand[] = [];
  for (const x of order) {
    switch (x.kind) {
      case 'num':
        stack.push({ num: x.value });
        break;
      case 'var': {
        const u = unitOf(x.name);
        if (!u) throw new FormulaError(`${where}: variable ${x.name} has no unit`);
        stack.push({ unit: u });
        break;
      }
      case 'neg': {
        const a = stack.pop()!;
        stack.push(a.unit ? a : { num: -a.num });
        break;
      }
      case 'pow': {
        const a = stack.pop()!;
        if (x.exp === 0) throw new FormulaError(`${where}: raises to the power 0, which is always 1`);
        stack.push(a.unit ? { unit: checked(powUnit(a.unit, x.exp)) } : { num: Math.pow(a.num, x.exp) });
        break;
      }
      case 'bin': {
        const b = stack.pop()!;
        const a = stack.pop()!;
        if (a.unit === undefined && b.unit === undefined) {
          // constant arithmetic: folded, so that (2 - 2) is seen to be 0
          const v = x.op === '+' ? a.num + b.num : x.op === '-' ? a.num - b.num : x.op === '*' ? a.num * b.num : a.num / b.num;
          if (!Number.isFinite(v)) throw new FormulaError(`${where}: a constant part ${x.op === '/' && b.num === 0 ? 'divides by 0' : 'overflows to infinity'}`);
          stack.push({ num: v });
          break;
        }
        if (x.op === '*' || x.op === '/') {
          if (a.num === 0 || (x.op === '*' && b.num === 0)) throw new FormulaError(`${where}: multiplies by 0, so it is always 0`);
          if (x.op === '/' && b.num === 0) throw new FormulaError(`${where}: divides by 0, so it is never defined`);
          stack.push({ unit: checked(combine(asUnit(a), asUnit(b), x.op === '*' ? 1 : -1)) });
          break;
        }
        if (a.unit && b.unit) {
          if (!sameDims(a.unit, b.unit) || !sameScale(a.unit.scale, b.unit.scale)) {
            throw new FormulaError(`${where}: cannot ${x.op === '+' ? 'add' : 'subtract'} ${formatDims(a.unit)} (scale ${a.unit.scale}) and ${formatDims(b.unit)} (scale ${b.unit.scale})`);
          }
          stack.push(a);
        } else stack.push((a.unit ? a : b) as Operand);
        break;
      }
    }
  }
  const r = stack.pop()!;
  return r.unit ?? DIMENSIONLESS;
}

/**
 * The text of the first subtraction of a subtree from an identical one (`POP - POP`,
 * `(A + B) - (A + B)`), or undefined. Subtrees are compared by a hash made in post-order, and
 * equal hashes are confirmed node by node.
 */
function findSelfSubtraction(order: readonly Expr[]): string | undefined {
  const hash = new Map<Expr, number>();
  const size = new Map<Expr, number>();
  const mix = (h: number, x: number): number => Math.imul(h ^ x, 0x9e3779b1) >>> 0;
  const strHash = (s: string): number => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
    return h;
  };
  for (const x of order) {
    let h: number;
    let n = 1;
    if (x.kind === 'num') h = mix(1, strHash(String(x.value)));
    else if (x.kind === 'var') h = mix(2, strHash(x.name));
    else if (x.kind === 'neg') {
      h = mix(3, hash.get(x.arg)!);
      n += size.get(x.arg)!;
    } else if (x.kind === 'pow') {
      h = mix(mix(4, hash.get(x.base)!), strHash(String(x.exp)));
      n += size.get(x.base)!;
    } else {
      h = mix(mix(mix(5, strHash(x.op)), hash.get(x.left)!), hash.get(x.right)!);
      n += size.get(x.left)! + size.get(x.right)!;
      if (x.op === '-' && hash.get(x.left) === hash.get(x.right) && size.get(x.left) === size.get(x.right) && sameTree(x.left, x.right)) return exprText(x.right);
    }
    hash.set(x, h);
    size.set(x, n);
  }
  return undefined;
}

/** Whether two formula trees are identical (iteratively). */
function sameTree(a: Expr, b: Expr): boolean {
  const stack: [Expr, Expr][] = [[a, b]];
  while (stack.length) {
    const [x, y] = stack.pop()!;
    if (x.kind !== y.kind) return false;
    if (x.kind === 'num') {
      if (x.value !== (y as typeof x).value) return false;
    } else if (x.kind === 'var') {
      if (x.name !== (y as typeof x).name) return false;
    } else if (x.kind === 'neg') stack.push([x.arg, (y as typeof x).arg]);
    else if (x.kind === 'pow') {
      if (x.exp !== (y as typeof x).exp) return false;
      stack.push([x.base, (y as typeof x).base]);
    } else {
      const z = y as typeof x;
      if (x.op !== z.op) return false;
      stack.push([x.left, z.left], [x.right, z.right]);
    }
  }
  return true;
}

/** A short text of a subtree for messages (fully parenthesised, cut at 60 characters). */
function exprText(e: Expr): string {
  const parts: string[] = [];
  for (const x of postOrder(e)) {
    if (x.kind === 'num') parts.push(String(x.value));
    else if (x.kind === 'var') parts.push(x.name);
    else if (x.kind === 'neg') parts.push(`-${parts.pop()!}`);
    else if (x.kind === 'pow') parts.push(`${parts.pop()!}^${x.exp}`);
    else {
      const r = parts.pop()!;
      const l = parts.pop()!;
      parts.push(`(${l} ${x.op} ${r})`);
    }
    if (parts[parts.length - 1]!.length > 200) parts[parts.length - 1] = parts[parts.length - 1]!.slice(0, 200);
  }
  const s = parts.pop()!.replace(/^\((.*)\)$/, '$1');
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
