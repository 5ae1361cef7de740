import { LineCounter, parseDocument, isNode } from 'yaml';
import { FrameworkError } from '../errors.ts';
import { buildFramework } from './build.ts';
import type { Framework } from './types.ts';

/**
 * Parses a framework definition from YAML (or JSON, which is YAML) text, with line numbers in
 * every message.
 * @throws FrameworkError for YAML syntax errors and every validation problem
 */
export function parseFramework(text: string, file?: string): Framework {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    throw new FrameworkError(
      `Framework ${file ?? ''} is not valid YAML`.replace('  ', ' '),
      doc.errors.map((e) => ({ file, line: lc.linePos(e.pos[0]).line, message: e.message.split('\n')[0]! })),
    );
  }
  const lineOf = (path: (string | number)[]): number | undefined => {
    for (let k = path.length; k >= 0; k--) {
      const n = doc.getIn(path.slice(0, k), true);
      if (isNode(n) && n.range) return lc.linePos(n.range[0]).line;
    }
    return undefined;
  };
  return buildFramework(doc.toJS(), { file, lineOf });
}
