/** Procurement migrations, in order. Add new ones at the end (one line each); never edit one that has shipped. */
import { outboxMigration } from '../../../shared/src';
import { ProcurementInitial1763856000000 } from './1763856000000-procurement-initial';
import { ProcurementOrdering1763857000000 } from './1763857000000-procurement-ordering';
import { ProcurementDemand1763930000000 } from './1763930000000-procurement-demand';
import { ProcurementDepot1764200000000 } from '../depot/depot.migration';
import { ProcurementPurchasing1764700000000 } from './1764700000000-procurement-purchasing';
import { ProcurementHistoryChanges1764800000000 } from './1764800000000-procurement-history-changes';
import { ProcurementDamageReturnCommand1765000000000 } from './1765000000000-procurement-damage-return-command';
import { ProcurementReceiptFingerprint1765100000000 } from './1765100000000-procurement-receipt-fingerprint';
import { ProcurementListIndexes1765500000000 } from './1765500000000-procurement-list-indexes';

export const migrations = [
  outboxMigration('procurement', 1763855000000),
  ProcurementInitial1763856000000,
  ProcurementOrdering1763857000000,
  ProcurementDemand1763930000000,
  ProcurementDepot1764200000000,
  ProcurementPurchasing1764700000000,
  ProcurementHistoryChanges1764800000000,
  ProcurementDamageReturnCommand1765000000000,
  ProcurementReceiptFingerprint1765100000000,
  ProcurementListIndexes1765500000000,
];
