/** Procurement migrations, in order. Add new ones at the end; never edit one that has shipped. */
import { outboxMigration } from '../../../shared/src';
import { ProcurementInitial1763856000000 } from './1763856000000-procurement-initial';

export const migrations = [outboxMigration('procurement', 1763855000000), ProcurementInitial1763856000000];
