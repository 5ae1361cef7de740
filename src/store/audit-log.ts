/** Reading the audit log: every write the store has seen, oldest first. */
import { asNumber, type Store } from './db.ts';

/** One entry of the audit log. */
export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  vintage: number | null;
  run: number | null;
  detail: Record<string, unknown> | null;
}

/** The audit log, oldest first. */
export async function auditLog(store: Store): Promise<AuditEntry[]> {
  const r = await store.connection.runAndReadAll(`SELECT id, strftime(at_time AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ'), action, vintage, run, detail FROM audit ORDER BY id`);
  return r.getRowsJS().map((x) => ({
    id: asNumber(x[0]),
    at: x[1] as string,
    action: x[2] as string,
    vintage: x[3] === null ? null : asNumber(x[3]),
    run: x[4] === null ? null : asNumber(x[4]),
    detail: x[5] === null ? null : (JSON.parse(x[5] as string) as Record<string, unknown>),
  }));
}
