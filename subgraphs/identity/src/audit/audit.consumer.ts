/** The audit entries the other subgraphs write into their outboxes (shared/audit.ts), applied to identity's log. */
import { AUDIT_EVENT, type ConsumerDefinition } from '../../../shared/src';
import { auditRepository } from './audit.repository';

export const AUDITED_SOURCES = ['catalog', 'stock', 'procurement', 'workshop'] as const;

export const auditConsumers = (): ConsumerDefinition[] =>
  AUDITED_SOURCES.map((source) => ({
    source,
    handlers: { [AUDIT_EVENT]: (tx, e) => auditRepository.insertFrom(tx, source, e.seq, e.payload) },
  }));
