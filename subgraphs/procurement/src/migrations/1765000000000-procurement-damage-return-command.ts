import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * returnDamagedGoods becomes a pending command like the other cross-subgraph
 * writes: the claim row holds the return's state (PENDING while stock has
 * not been asked or its answer not recorded, DONE once the claim says
 * returned), the request for stock's `returnToSupplier` and the acting user,
 * so that a retry with the same key or the pending-command sweep finishes a
 * return a crash left half-way, as the person who asked.
 *
 * Returns claimed before: returned ones are DONE; a claimed one not marked
 * returned is PENDING, with the request its claim stood for (stock's key is
 * per claim, so driving it again moves nothing twice) and its claimant as a
 * purchaser of the claim's station.
 */
export class ProcurementDamageReturnCommand1765000000000 implements MigrationInterface {
  name = 'ProcurementDamageReturnCommand1765000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procurement.damage_claim
      ADD COLUMN return_status text CHECK (return_status IN ('PENDING', 'DONE')),
      ADD COLUMN return_request jsonb,
      ADD COLUMN return_actor jsonb`);
    await q.query(`UPDATE procurement.damage_claim SET return_status = 'DONE' WHERE return_key IS NOT NULL AND returned_at IS NOT NULL`);
    await q.query(`UPDATE procurement.damage_claim c SET return_status = 'PENDING',
        return_actor = jsonb_build_object('id', c.returned_by, 'roles', jsonb_build_array('PURCHASER'), 'stationId', c.station_id),
        return_request = jsonb_build_object('idempotencyKey', 'damage-claim-return:' || c.id, 'stationId', c.station_id, 'reference', c.number,
          'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('lineKey', dl.id, 'partId', dl.part_id, 'binId', gl.quarantine_bin_id, 'quantity', dl.quantity::float8) ORDER BY dl.id), '[]'::jsonb)
                      FROM procurement.damage_claim_line dl JOIN procurement.goods_receipt_line gl ON gl.id = dl.goods_receipt_line_id
                     WHERE dl.damage_claim_id = c.id))
      WHERE c.return_key IS NOT NULL AND c.returned_at IS NULL`);
    // A claimed return has a state, and a state belongs to a claimed return; a pending one can be driven (its request and actor are there).
    await q.query(`ALTER TABLE procurement.damage_claim
      ADD CONSTRAINT damage_claim_return_claimed CHECK ((return_key IS NULL) = (return_status IS NULL)),
      ADD CONSTRAINT damage_claim_return_drivable CHECK (return_status IS DISTINCT FROM 'PENDING' OR (return_request IS NOT NULL AND return_actor IS NOT NULL))`);
    await q.query(`CREATE INDEX damage_claim_return_pending ON procurement.damage_claim (return_requested_at) WHERE return_status = 'PENDING'`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX procurement.damage_claim_return_pending`);
    await q.query(`ALTER TABLE procurement.damage_claim DROP CONSTRAINT damage_claim_return_drivable, DROP CONSTRAINT damage_claim_return_claimed,
      DROP COLUMN return_actor, DROP COLUMN return_request, DROP COLUMN return_status`);
  }
}
