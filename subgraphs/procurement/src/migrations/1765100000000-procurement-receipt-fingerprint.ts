import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A goods receipt keeps the fingerprint of the receiveGoods request that made it, so that the same idempotency key
 * with another request (another order, warehouse or lines) is refused as every command refuses it
 * (IDEMPOTENCY_KEY_REUSED) instead of being answered with the first receipt. Receipts made before have none: their
 * key answers as before.
 */
export class ProcurementReceiptFingerprint1765100000000 implements MigrationInterface {
  name = 'ProcurementReceiptFingerprint1765100000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procurement.goods_receipt ADD COLUMN fingerprint text`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procurement.goods_receipt DROP COLUMN fingerprint`);
  }
}
