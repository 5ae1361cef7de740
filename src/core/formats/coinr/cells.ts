/** Cell helpers shared by the iMeta and iData halves of the COINr format (internal). */

/** Whether a cell is COINr's missing value: empty, NA, NaN or null (any case). */
export const isNA = (s: string | undefined): boolean => s === undefined || ['', 'na', 'nan', 'null'].includes(s.trim().toLowerCase());
/** A trimmed cell, or undefined for a missing one. */
export const text = (s: string | undefined): string | undefined => (isNA(s) ? undefined : s!.trim());

/** Column index by name (case-insensitive), or undefined. */
export function columnIndex(header: string[], name: string): number | undefined {
  const i = header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : i;
}
