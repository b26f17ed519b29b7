/** The SQL of the audit log (identity.audit_entry) and identity's audit sink. */
import type { EntityManager } from 'typeorm';
import { definePage, returned, type AuditEntry, type AuditSink } from '../../../shared/src';

type Q = Pick<EntityManager, 'query'>;

export interface AuditRow {
  id: string;
  at: Date;
  subject: string | null;
  station_id: string | null;
  operation: string;
  summary: string;
  outcome: string;
  service: string;
  code: string | null;
  reason: string | null;
}

const VALUES = `($1::timestamptz, $2::text, $3::text, $4::text, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text, $12::bigint)`;
const args = (e: AuditEntry, source: string | null = null, seq: number | null = null) =>
  [e.at, e.subject, e.stationId, e.operation, e.summary, e.outcome, e.service, e.code ?? null, e.reason ?? null, e.via ?? null, source, seq];
const INSERT = `INSERT INTO identity.audit_entry (at, subject, station_id, operation, summary, outcome, service, code, reason, via, source, source_seq)`;

/** Identity's own entries go straight into its table, in the caller's transaction. */
export const identityAuditSink: AuditSink = async (tx, entry, onlyIfWritten) => {
  const rows = await tx.query(`${INSERT} SELECT * FROM (VALUES ${VALUES}) v ${onlyIfWritten ? 'WHERE txid_current_if_assigned() IS NOT NULL' : ''} RETURNING id`, args(entry));
  return returned(rows).length > 0;
};

export interface AuditPageFilters {
  stationId?: string | null;
  userId?: string | null;
  /** From this instant (inclusive) / before this one (exclusive). */
  from?: Date | null;
  to?: Date | null;
  outcome?: string | null;
  operation?: string | null;
  service?: string | null;
}

/** auditLogPage: newest first (default), or by operation / service; ties by the entry's id. */
export const auditPage = definePage<AuditPageFilters>({
  name: 'auditLog',
  from: `(SELECT id, at, subject, station_id, operation, summary, outcome, service, code, reason FROM identity.audit_entry)`,
  sorts: {
    at: { sql: 'q.at', type: 'timestamptz', direction: 'DESC' },
    operation: { sql: 'q.operation', type: 'text', direction: 'ASC' },
    service: { sql: 'q.service', type: 'text', direction: 'ASC' },
  },
  defaultSort: { field: 'at' },
  id: { sql: 'q.id', type: 'bigint' },
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::text`,
    userId: (v, bind) => `q.subject = ${bind(v)}::text`,
    from: (v, bind) => `q.at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.at < ${bind(v)}::timestamptz`,
    outcome: (v, bind) => `q.outcome = ${bind(v)}::text`,
    operation: (v, bind) => `q.operation = ${bind(v)}::text`,
    service: (v, bind) => `q.service = ${bind(v)}::text`,
  },
});

export const auditRepository = {
  /** An entry from another subgraph's outbox; redelivery is harmless. */
  async insertFrom(q: Q, source: string, seq: number, e: AuditEntry): Promise<void> {
    await q.query(`${INSERT} VALUES ${VALUES} ON CONFLICT (source, source_seq) DO NOTHING`, args(e, source, seq));
  },
  async insertMany(q: Q, entries: AuditEntry[]): Promise<void> {
    for (const e of entries) await q.query(`${INSERT} VALUES ${VALUES}`, args(e));
  },
  async page(q: Q, f: { stationId: string | null; userId: string | null; from: Date | null; to: Date | null; outcome: string | null; operation: string | null; after: string | null; first: number }): Promise<AuditRow[]> {
    return q.query(
      `SELECT id, at, subject, station_id, operation, summary, outcome, service, code, reason FROM identity.audit_entry
        WHERE ($1::text IS NULL OR station_id = $1) AND ($2::text IS NULL OR subject = $2)
          AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
          AND ($5::text IS NULL OR outcome = $5) AND ($6::text IS NULL OR operation = $6)
          AND ($7::bigint IS NULL OR id < $7)
        ORDER BY id DESC LIMIT $8`,
      [f.stationId, f.userId, f.from, f.to, f.outcome, f.operation, f.after, f.first],
    );
  },
};
