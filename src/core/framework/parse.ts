import { LineCounter, parseDocument, isNode, visit, type Alias } from 'yaml';
import { FrameworkError } from '../errors.ts';
import { buildFramework } from './build.ts';
import type { Framework } from './types.ts';

/**
 * How many alias nodes (`*name`) a framework file may resolve. A handful is plenty for a real
 * file; a "billion laughs" file, whose aliases nest to expand exponentially, is refused.
 */
export const MAX_YAML_ALIASES = 100;

/**
 * Parses a framework definition from YAML (or JSON, which is YAML) text, with line numbers in
 * every message.
 * @throws FrameworkError for YAML syntax errors, unresolved aliases, aliases that expand past
 *   {@link MAX_YAML_ALIASES}, and every validation problem — each naming the file
 */
export function parseFramework(text: string, file?: string): Framework {
  const lc = new LineCounter();
  const label = `Framework ${file ?? ''}`.trimEnd();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    throw new FrameworkError(`${label} is not valid YAML: ${e instanceof RangeError ? 'it nests too deeply to read' : firstLine(e)}`);
  }
  if (doc.errors.length) {
    throw new FrameworkError(
      `${label} is not valid YAML`,
      doc.errors.slice(0, 20).map((e) => ({ file, line: lc.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! })),
    );
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (e) {
    // yaml throws ReferenceError for an unresolved alias and for excessive alias expansion
    const msg = firstLine(e);
    const unresolved = /unresolved alias/i.test(msg);
    const bomb = /excessive alias count/i.test(msg);
    const why =
      e instanceof RangeError && !bomb
        ? 'It nests too deeply to read'
        : bomb
          ? `Its aliases (*name) expand more than ${MAX_YAML_ALIASES} times (MAX_YAML_ALIASES), as in a "billion laughs" file; write the values out instead`
          : unresolved
            ? `${msg} (define &name before using *name)`
            : msg;
    // an unresolved alias is named with its line, an alias bomb with its first alias's
    let line: number | undefined;
    if (unresolved || bomb) {
      visit(doc, {
        Alias(_, node: Alias) {
          if ((unresolved && node.resolve(doc) !== undefined) || !node.range) return undefined;
          line = lc.linePos(node.range[0]).line;
          return visit.BREAK;
        },
      });
    }
    throw new FrameworkError(`${label} cannot be read`, [{ file, ...(line !== undefined ? { line } : {}), message: why }]);
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let k = path.length; k >= 0; k--) {
      const n = doc.getIn(path.slice(0, k), true);
      if (isNode(n) && n.range) return lc.linePos(n.range[0]).line;
    }
    return undefined;
  };
  return buildFramework(raw, { file, lineOf });
}

function firstLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const line = m.split('\n')[0]!;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
