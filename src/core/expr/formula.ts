import { FormulaError } from '../errors.ts';
import { combine, formatDims, powUnit, sameDims, sameScale, type Unit } from '../units/unit.ts';

/**
 * Formulas for derived indicators: arithmetic over variable codes and numbers.
 * Grammar: expr := term (('+'|'-') term)* ; term := factor (('*'|'/') factor)* ;
 * factor := unary ('^' number)? ; unary := '-' unary | number | identifier | '(' expr ')'.
 * `×` and `÷` are accepted for `*` and `/`; numbers may be written `1e4` or `10^4`.
 */
export type Expr =
  | { kind: 'num'; value: number }
  | { kind: 'var'; name: string }
  | { kind: 'neg'; arg: Expr }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Expr; right: Expr }
  | { kind: 'pow'; base: Expr; exp: number };

interface Token {
  t: 'num' | 'id' | 'op';
  v: string;
  pos: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const num = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ t: 'num', v: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (id) {
      out.push({ t: 'id', v: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const map: Record<string, string> = { '×': '*', '÷': '/', '·': '*' };
    if ('+-*/^()'.includes(c) || map[c]) {
      out.push({ t: 'op', v: map[c] ?? c, pos: i });
      i++;
      continue;
    }
    throw new FormulaError(`Formula "${src}": unexpected character "${c}" at position ${i + 1}`);
  }
  return out;
}

/**
 * Parses a formula into an expression tree.
 * @example formulaVariables(parseFormula('R22 / GDP * 100')) // => ['R22', 'GDP']
 * @example evaluateFormula(parseFormula('R22 / GDP * 100'), (v) => ({ R22: 5, GDP: 250 })[v]) // => 2
 * @throws FormulaError with the position of the problem
 */
export function parseFormula(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token | undefined => toks[p];
  const fail = (msg: string): never => {
    const at = peek();
    throw new FormulaError(`Formula "${src}": ${msg}${at ? ` at position ${at.pos + 1}` : ' at the end'}`);
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
      p++;
      return { kind: 'neg', arg: unary() };
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
      p++;
      const e = expr();
      expect(')');
      return e;
    }
    return fail(`unexpected "${t.v}"`);
  }
  if (toks.length === 0) throw new FormulaError('Formula is empty (expected e.g. "R18 / POP")');
  const e = expr();
  if (p < toks.length) fail(`unexpected "${toks[p]!.v}"`);
  return e;
}

/** The variable codes a formula reads, in order of first appearance. */
export function formulaVariables(e: Expr): string[] {
  const out: string[] = [];
  const walk = (x: Expr): void => {
    if (x.kind === 'var') {
      if (!out.includes(x.name)) out.push(x.name);
    } else if (x.kind === 'neg') walk(x.arg);
    else if (x.kind === 'bin') {
      walk(x.left);
      walk(x.right);
    } else if (x.kind === 'pow') walk(x.base);
  };
  walk(e);
  return out;
}

/**
 * Evaluates a formula. Returns `null` when an input is missing or the result is not finite
 * (division by zero): a derived value is never NaN or Infinity.
 */
export function evaluateFormula(e: Expr, get: (name: string) => number | null | undefined): number | null {
  const ev = (x: Expr): number | null => {
    switch (x.kind) {
      case 'num':
        return x.value;
      case 'var': {
        const v = get(x.name);
        return v === undefined || v === null || !Number.isFinite(v) ? null : v;
      }
      case 'neg': {
        const a = ev(x.arg);
        return a === null ? null : -a;
      }
      case 'pow': {
        const a = ev(x.base);
        return a === null ? null : Math.pow(a, x.exp);
      }
      case 'bin': {
        const a = ev(x.left);
        const b = ev(x.right);
        if (a === null || b === null) return null;
        switch (x.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            return b === 0 ? null : a / b;
        }
      }
    }
  };
  const r = ev(e);
  return r === null || !Number.isFinite(r) ? null : r;
}

/**
 * Infers the unit of a formula. Numbers that multiply or divide are unit-conversion factors:
 * `R22 / GDP * 100` with R22 in 件 and GDP in 亿元 has the unit 件/百亿元.
 * Terms that are added or subtracted must have the same unit.
 * @throws FormulaError when terms of a sum do not share a unit or a variable has no unit
 */
export function inferFormulaUnit(e: Expr, unitOf: (name: string) => Unit | undefined, src = ''): Unit {
  const inf = (x: Expr): Unit => {
    switch (x.kind) {
      case 'num':
        // a multiplicative constant converts units: value × k means unit ÷ k
        return { dims: {}, scale: 1 / x.value };
      case 'var': {
        const u = unitOf(x.name);
        if (!u) throw new FormulaError(`Formula "${src}": variable ${x.name} has no unit`);
        return u;
      }
      case 'neg':
        return inf(x.arg);
      case 'pow':
        return powUnit(inf(x.base), x.exp);
      case 'bin': {
        if (x.op === '*' || x.op === '/') {
          return combine(inf(x.left), inf(x.right), x.op === '*' ? 1 : -1);
        }
        const a = x.left.kind === 'num' ? undefined : inf(x.left);
        const b = x.right.kind === 'num' ? undefined : inf(x.right);
        if (a && b) {
          if (!sameDims(a, b) || !sameScale(a.scale, b.scale)) {
            throw new FormulaError(
              `Formula "${src}": cannot ${x.op === '+' ? 'add' : 'subtract'} ${formatDims(a)} (scale ${a.scale}) and ${formatDims(b)} (scale ${b.scale})`,
            );
          }
          return a;
        }
        return a ?? b ?? { dims: {}, scale: 1 };
      }
    }
  };
  return inf(e);
}
