/**
 * Warnings are values, never console output: every computation returns the warnings it raised.
 */
export interface Warning {
  /** Stable machine-readable code, e.g. `zero-spread`, `carried-forward`. */
  code: string;
  /** Where: node/indicator code, unit, year, joined as a path. */
  path: string;
  /** Human-readable message. */
  message: string;
}

/** Collects warnings without duplicates. */
export class WarningSink {
  readonly list: Warning[] = [];
  private readonly seen = new Set<string>();
  add(code: string, path: string, message: string): void {
    const key = `${code}|${path}|${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, path, message });
  }
}
