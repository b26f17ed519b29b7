/** The audit entries the other subgraphs write into their outboxes (shared/audit.ts), applied to identity's log. */
import { AUDIT_EVENT, type ConsumerDefinition } from '../../../shared/src';
import { auditRepository } from './audit.repository';

export const AUDITED_SOURCES = ['catalog', 'stock', 'procurement', 'workshop'] as const;

/**
 * The log lags the change by up to AUDIT_SETTLE_MS more than the relay: every
 * requisition writes two entries (workshop's and stock's), and fetching them
 * one by one was identity's whole share of a requisition's CPU.
 */
export const AUDIT_SETTLE_MS = 250;

export const auditConsumers = (): ConsumerDefinition[] =>
  AUDITED_SOURCES.map((source) => ({
    source,
    settleMs: AUDIT_SETTLE_MS,
    handlers: { [AUDIT_EVENT]: (tx, e) => auditRepository.insertFrom(tx, source, e.seq, e.payload) },
  }));
