/**
 * What the stock test files share (not a test itself): a fresh warehouse of
 * the caller's own per file, so quantities start at zero whatever the demo
 * data holds, the stock commands called as another subgraph would, and
 * direct reads of the ledger and levels to prove "nothing changed".
 */
import { callCommand, type Role } from '../../subgraphs/shared/src';
import { demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';

export interface TestWarehouse {
  id: string;
  code: string;
  /** Ordinary bins, … by code, and the automatic quarantine bin QC-01. */
  bins: Record<string, string>;
}

let counter = 0;
/** A new warehouse of `stationId` with `binCount` ordinary bins (created through the public API by HQ). */
export async function freshWarehouse(p: Platform, stationId: string, binCount = 3): Promise<TestWarehouse> {
  const hq = await p.token('HQ_ADMIN');
  const code = `T${process.pid % 1000}-${++counter}-${Math.random().toString(36).slice(2, 6)}`.toUpperCase();
  const w = ok(await p.query(`mutation($s: ID!, $c: String!) { createWarehouse(stationId: $s, code: $c, name: "Test warehouse") { id code bins { id code quarantine } } }`,
    { s: stationId, c: code }, hq)).createWarehouse;
  const bins: Record<string, string> = Object.fromEntries(w.bins.map((b: any) => [b.code, b.id]));
  for (let i = 1; i <= binCount; i++) {
    const b = ok(await p.query(`mutation($w: ID!, $c: String!) { createBin(warehouseId: $w, code: $c) { id code } }`, { w: w.id, c: `A-0${i}` }, hq)).createBin;
    bins[b.code] = b.id;
  }
  return { id: w.id, code: w.code, bins };
}

/** Calls a stock command the way workshop or procurement do (a SERVICE token carrying the acting user). */
export function command<O = any>(p: Platform, name: string, input: unknown, actor: { id?: string; roles?: Role[]; stationId?: string | null } = {}): Promise<O> {
  return callCommand<O>(p.subgraphs.stock.url, name, input,
    { id: actor.id ?? 'svc-test', roles: actor.roles ?? ['PARTS_CLERK'], stationId: actor.stationId ?? null },
    { secret: p.secret, caller: 'test' });
}

/** The error code a rejected promise (a command) carries. */
export async function rejectedCode(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return (err as { extensions?: { code?: string } }).extensions?.code ?? `uncoded: ${(err as Error).message}`;
  }
  return undefined;
}

/** Ledger rows and levels of a warehouse (or everything), read straight from the stock schema. */
export async function snapshot(p: Platform, warehouseId?: string): Promise<{ movements: number; levels: string; outbox: number }> {
  const ds = p.subgraphs.stock.runtime.ds;
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM stock.stock_movement WHERE $1::uuid IS NULL OR warehouse_id = $1`, [warehouseId ?? null]);
  const levels = await ds.query(
    `SELECT l.part_id, l.bin_id, l.on_hand::float8 AS on_hand, l.reserved::float8 AS reserved FROM stock.stock_level l JOIN stock.bin b ON b.id = l.bin_id
      WHERE $1::uuid IS NULL OR b.warehouse_id = $1 ORDER BY 1, 2`, [warehouseId ?? null]);
  const [{ o }] = await ds.query(`SELECT count(*)::int AS o FROM stock.outbox_event WHERE type <> 'audit.entry'`);
  return { movements: n, levels: JSON.stringify(levels), outbox: o };
}

/** Whole-number parts (with a barcode) and a part counted in decimals, from the demo catalog. */
export function testParts() {
  const data = demoData();
  const whole = data.parts.filter((x) => x.unitPrecision === 0 && x.barcode && !x.supersededById);
  const decimal = data.parts.find((x) => x.unitPrecision > 0 && x.unitPrecision < 3)!;
  return { whole, decimal };
}

/** Opening balance through the public API: a manager's ADJUSTMENT into a bin. */
export async function stockUp(p: Platform, token: string, partId: string, binId: string, quantity: number): Promise<void> {
  ok(await p.query(`mutation($p: ID!, $b: ID!, $q: Float!) { adjustStock(partId: $p, binId: $b, quantity: $q, reason: "opening balance") { onHand } }`,
    { p: partId, b: binId, q: quantity }, token));
}
