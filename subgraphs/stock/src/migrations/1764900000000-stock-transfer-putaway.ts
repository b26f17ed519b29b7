import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a received transfer line was put away, on the line itself
 * (`transfer_line.put_away_bin_id`, one bin per line: receiveTransfer takes one
 * bin per line). `TransferLine.toBins` was read from the ledger's TRANSFER_IN
 * rows by (transfer number, part), so a part on two lines of one transfer
 * showed the bins of both on each. Lines received before this migration get
 * their bin from the ledger where that is exact (the part is on one line of
 * its transfer and went into one bin); the others keep reading the ledger.
 */
export class StockTransferPutAway1764900000000 implements MigrationInterface {
  name = 'StockTransferPutAway1764900000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock.transfer_line ADD COLUMN IF NOT EXISTS put_away_bin_id uuid REFERENCES stock.bin(id)`);
    await q.query(`UPDATE stock.transfer_line l SET put_away_bin_id = x.bin_id
      FROM (SELECT l.id, (array_agg(DISTINCT m.bin_id))[1] AS bin_id
              FROM stock.transfer_line l JOIN stock.transfer t ON t.id = l.transfer_id
              JOIN stock.stock_movement m ON m.reference = t.number AND m.type = 'TRANSFER_IN' AND m.part_id = l.part_id
             WHERE l.received > 0
               AND NOT EXISTS (SELECT 1 FROM stock.transfer_line o WHERE o.transfer_id = l.transfer_id AND o.part_id = l.part_id AND o.id <> l.id)
             GROUP BY l.id HAVING count(DISTINCT m.bin_id) = 1) x
     WHERE l.id = x.id AND l.put_away_bin_id IS NULL`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock.transfer_line DROP COLUMN IF EXISTS put_away_bin_id`);
  }
}
