/** Stock migrations, in order. Add new ones at the end; never edit one that has shipped. */
import { outboxMigration } from '../../../shared/src';
import { StockInitial1763856000000 } from './1763856000000-stock-initial';
import { StockLedger1763860000000 } from './1763860000000-stock-ledger';
import { StockSurplus1763900000000 } from '../surplus/surplus.migration';
import { StockPartFacts1764050000000 } from './1764050000000-stock-part-facts';
import { StockSupplierReturn1764700000000 } from './1764700000000-stock-supplier-return';
import { StockDepot1764200000000 } from '../depot/depot.migration';
import { StockPages1764300000000 } from './1764300000000-stock-pages';
import { StockTransferPutAway1764900000000 } from './1764900000000-stock-transfer-putaway';
import { StockLedgerQuantity1765400000000 } from './1765400000000-stock-ledger-quantity';
import { StockListIndexes1765500000000 } from './1765500000000-stock-list-indexes';

export const migrations = [outboxMigration('stock', 1763855000000), StockInitial1763856000000, StockLedger1763860000000, StockSurplus1763900000000, StockPartFacts1764050000000, StockDepot1764200000000, StockPages1764300000000,
  StockSupplierReturn1764700000000, StockTransferPutAway1764900000000, StockLedgerQuantity1765400000000, StockListIndexes1765500000000,
];
