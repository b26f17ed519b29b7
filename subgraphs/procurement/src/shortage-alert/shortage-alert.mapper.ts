/**
 * From a `procurement.shortage_opened` event to the alert a subscriber sees.
 * The event carries the shortage itself; `available` and `reorderPoint` come
 * from the payload when the producer put them there, otherwise from
 * procurement's own projections (stock_position, fed by stock's
 * `stock.level_changed` events, and reorder_policy) — one query per batch of
 * events, never per subscriber.
 */
import type { DataSource } from 'typeorm';
import type { OutboxEvent } from '../../../shared/src';
import { Shortage, ShortageKind } from '../shortage/shortage.type';
import { toShortage } from '../shortage/shortage.service';
import { Part, RepairOrder, Station, ref } from '../stub/entity-stubs';
import { ShortageAlert } from './shortage-alert.type';

export const SHORTAGE_OPENED = 'procurement.shortage_opened';

/** internal-contracts.md § procurement — events; `available`/`reorderPoint`/`reference` optional extras. */
export interface ShortageOpenedPayload {
  shortageId: string;
  seq?: number;
  stationId: string;
  partId: string;
  kind: ShortageKind;
  quantity: number | string;
  repairOrderId?: string | null;
  openedAt: string;
  reference?: string | null;
  available?: number | string | null;
  reorderPoint?: number | string | null;
}

export interface AlertFigures {
  available: number | null;
  reorderPoint: number | null;
}

/** The shortages the events announce, as rows map them (reference, resolvedAt); one statement per batch. */
export async function loadShortages(ds: DataSource, payloads: ShortageOpenedPayload[]): Promise<Map<string, Shortage>> {
  const ids = [...new Set(payloads.map((p) => p.shortageId))];
  const rows = ids.length ? await ds.query(`SELECT * FROM procurement.shortage WHERE id = ANY($1::uuid[])`, [ids]) : [];
  return new Map(rows.map((r: any) => [r.id, toShortage(r)] as [string, Shortage]));
}

const key = (stationId: string, partId: string) => `${stationId}:${partId}`;
const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

/** Available quantity and reorder point per (station, part) of the events, in one statement. */
export async function loadAlertFigures(ds: DataSource, payloads: ShortageOpenedPayload[]): Promise<Map<string, AlertFigures>> {
  const need = payloads.filter((p) => p.available === undefined || p.reorderPoint === undefined);
  const out = new Map<string, AlertFigures>();
  if (!need.length) return out;
  const rows: { station_id: string; part_id: string; available: string | null; reorder_point: string | null }[] = await ds.query(
    `SELECT k.station_id, k.part_id, sp.available, rp.reorder_point
       FROM unnest($1::uuid[], $2::uuid[]) AS k(station_id, part_id)
       LEFT JOIN procurement.stock_position sp ON sp.station_id = k.station_id AND sp.part_id = k.part_id
       LEFT JOIN procurement.reorder_policy rp ON rp.station_id = k.station_id AND rp.part_id = k.part_id`,
    [need.map((p) => p.stationId), need.map((p) => p.partId)],
  );
  for (const r of rows) out.set(key(r.station_id, r.part_id), { available: num(r.available), reorderPoint: num(r.reorder_point) });
  return out;
}

export function alertFromEvent(e: OutboxEvent<ShortageOpenedPayload>, figures: Map<string, AlertFigures>, shortages: Map<string, Shortage> = new Map()): ShortageAlert {
  const p = e.payload;
  const f = figures.get(key(p.stationId, p.partId));
  // The row as it is now, but with the quantity the alert announced (a later shortfall may have added to it).
  const row = shortages.get(p.shortageId);
  const shortage = row ? Object.assign(row, { quantity: Number(p.quantity) }) : Object.assign(new Shortage(), {
    id: p.shortageId,
    part: ref(Part, p.partId)!,
    station: ref(Station, p.stationId)!,
    kind: p.kind,
    quantity: Number(p.quantity),
    repairOrder: ref(RepairOrder, p.repairOrderId),
    openedAt: new Date(p.openedAt ?? e.occurredAt),
    resolvedAt: null,
    reference: p.reference ?? null,
    seq: p.seq ?? e.seq,
    stationId: p.stationId,
    partId: p.partId,
  });
  return Object.assign(new ShortageAlert(), {
    id: p.shortageId,
    seq: e.seq,
    shortage,
    available: num(p.available) ?? f?.available ?? 0,
    reorderPoint: p.reorderPoint !== undefined ? num(p.reorderPoint) : (f?.reorderPoint ?? null),
    stationId: p.stationId,
  });
}
