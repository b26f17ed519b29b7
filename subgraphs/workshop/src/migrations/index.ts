/** Workshop migrations, in order. Add new ones at the end; never edit one that has shipped. */
import { outboxMigration } from '../../../shared/src';
import { WorkshopInitial1763856000000 } from './1763856000000-workshop-initial';
import { WorkshopCounterSales1763940000000 } from './1763940000000-workshop-counter-sales';
import { WorkshopRequisitions1764100000000 } from './1764100000000-workshop-requisitions';
import { WorkshopReturnsPages1764200000000 } from './1764200000000-workshop-returns-pages';
import { WorkshopPendingCommands1764300000000 } from './1764300000000-workshop-pending-commands';
import { WorkshopPartFacts1764400000000 } from './1764400000000-workshop-part-facts';
import { WorkshopOneDocumentSequence1764950000000 } from './1764950000000-workshop-one-document-sequence';
import { WorkshopSaleTotals1765200000000 } from './1765200000000-workshop-sale-totals';
import { WorkshopSaleQuantities1765300000000 } from './1765300000000-workshop-sale-quantities';
import { WorkshopSaleReturnNumbers1765400000000 } from './1765400000000-workshop-sale-return-numbers';
import { WorkshopListIndexes1765500000000 } from './1765500000000-workshop-list-indexes';

export const migrations = [outboxMigration('workshop', 1763855000000), WorkshopInitial1763856000000, WorkshopCounterSales1763940000000, WorkshopRequisitions1764100000000, WorkshopReturnsPages1764200000000, WorkshopPendingCommands1764300000000, WorkshopPartFacts1764400000000, WorkshopOneDocumentSequence1764950000000, WorkshopSaleTotals1765200000000, WorkshopSaleQuantities1765300000000, WorkshopSaleReturnNumbers1765400000000, WorkshopListIndexes1765500000000];
