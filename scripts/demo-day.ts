/**
 * The demo day: on the start that loads the demo data, once the platform is
 * healthy, each station's people do a morning's work through the gateway's
 * public API — the clerk opens repair orders and issues parts, sells over the
 * counter, counts the quick-service store; the manager offers surplus and
 * decides swaps; the purchaser orders from suppliers and from HQ's depot and
 * receives a delivery with a damaged part; HQ confirms and ships a depot
 * order — so that every list of the console has documents in the states a
 * person acts on (scripts/demo-day-plan.ts picks what, from the dataset).
 *
 * Each user has a token of their own role (signed like `npm run token`), so
 * every subgraph's rules, ledger, pending commands and events are exactly
 * those of real users. Every step is idempotent: mutations with an
 * idempotency key get a key derived from the demo's asOf, the others are
 * looked up first (a repair order by its plate, an order by its note, a
 * stocktake by its warehouse…) and only created when missing, and state
 * changes are made only from the state before — so a start that crashed
 * half-way finishes the day without doubling anything. A refused step prints
 * one line and the day goes on without what depended on it.
 */
import type { Config, Role } from '../subgraphs/shared/src';
import { SigningKeys } from '../subgraphs/identity/src/key/signing-keys';
import type { Dataset } from '../seeds/dataset';
import { generateDataset } from '../seeds/generate';
import { planDemoDay, type PlannedLine, type StationPlan } from './demo-day-plan';
import { finishDemoDay } from './seed';
import { definitions } from './subgraphs';
import type { PendingDemoDay } from './setup';

export interface TokenClaims { sub: string; roles: Role[]; stationId?: string }

export interface DemoDayOptions {
  gatewayUrl: string;
  data: Dataset;
  /** Signs a person's access token (the platform key in `npm start`, AUTH_JWT_SECRET in tests). */
  sign: (claims: TokenClaims) => Promise<string>;
  /** One line per refused step. */
  warn?: (msg: string) => void;
  /** How requests reach the gateway (default: the global fetch). */
  fetch?: typeof fetch;
}

export interface DemoDayResult {
  ms: number;
  /** Requests sent to the gateway. */
  requests: number;
  /** Steps refused or failed (each also given to `warn`). */
  refused: string[];
}

class Refused extends Error {}

interface Gql { errors?: { message: string; extensions?: { code?: string; reason?: string } }[]; data?: any }

export async function runDemoDay(o: DemoDayOptions): Promise<DemoDayResult> {
  const started = Date.now();
  const refused: string[] = [];
  let requests = 0;
  const warn = o.warn ?? ((m: string) => console.warn(m));
  const call = async (token: string, query: string, variables: Record<string, unknown> = {}): Promise<any> => {
    let body: Gql;
    requests++;
    try {
      const res = await (o.fetch ?? fetch)(o.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(30_000),
      });
      body = (await res.json()) as Gql;
    } catch (err) {
      throw new Refused(`no answer (${(err as Error).message})`);
    }
    if (body.errors?.length) {
      const e = body.errors[0];
      throw new Refused(`${e.extensions?.code ?? 'ERROR'}${e.extensions?.reason ? ' ' + e.extensions.reason : ''}: ${e.message}`);
    }
    return body.data;
  };
  const story = async (where: string, name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (err) {
      const line = `demo day: ${where} ${name} skipped — ${err instanceof Refused ? err.message : (err as Error).stack ?? String(err)}`;
      refused.push(line);
      warn(line);
    }
  };

  const plans = planDemoDay(o.data);
  const depot = o.data.stations.find((s) => s.kind === 'DEPOT');
  const depotSupplier = o.data.suppliers.find((s) => s.depotStationId && s.depotStationId === depot?.id);
  // The demo's people by username (created by the seed); a user missing (tests) signs as the username itself.
  const hqSub = 'hq.admin';
  let hq = await o.sign({ sub: hqSub, roles: ['HQ_ADMIN'] });
  const ids = new Map<string, string>();
  try {
    for (const u of (await call(hq, `{ users { id username } }`)).users as { id: string; username: string }[]) ids.set(u.username, u.id);
  } catch {
    /* the names stand in */
  }
  const person = async (username: string, role: Role, stationId?: string) => o.sign({ sub: ids.get(username) ?? username, roles: [role], stationId });
  if (ids.has(hqSub)) hq = await person(hqSub, 'HQ_ADMIN');
  const people = new Map<string, { clerk: string; manager: string; buyer: string }>();
  for (const p of plans) {
    const c = p.station.code.toLowerCase();
    people.set(p.station.id, {
      clerk: await person(`clerk.${c}`, 'PARTS_CLERK', p.station.id),
      manager: await person(`manager.${c}`, 'STATION_MANAGER', p.station.id),
      buyer: await person(`buyer.${c}`, 'PURCHASER', p.station.id),
    });
  }

  const line = (l: PlannedLine, quantity: number) => ({ partId: l.partId, quantity, binId: l.binId, warehouseId: l.warehouseId });
  const firstBin = (warehouseId: string) => o.data.stations.flatMap((s) => s.warehouses).find((w) => w.id === warehouseId)!.bins.filter((b) => !b.quarantine).sort((a, b) => a.code.localeCompare(b.code))[0].id;

  const stationDay = async (p: StationPlan) => {
    const at = p.station.code;
    const { clerk, manager, buyer } = people.get(p.station.id)!;
    const source = people.get(p.source.station.id)!;
    // What is there already (a start that stopped half-way): looked up once, as HQ sees it.
    const existing = await call(hq, `query($s: ID!) {
      repairOrdersPage(stationId: $s, first: 200) { items { id status plate requisitions { id lines { id part { id } } } } }
      purchaseOrdersPage(stationId: $s, first: 200) { items { id status note kind lines { id part { id } quantity confirmed } } }
      stocktakesPage(stationId: $s, first: 200) { items { id status warehouse { id } } }
      writeOffsPage(stationId: $s, first: 200) { items { id part { id } } }
    }`, { s: p.station.id }).catch((err) => {
      throw new Refused(`could not read the station's documents: ${(err as Error).message}`);
    });
    const ros = existing.repairOrdersPage.items as any[];
    const pos = existing.purchaseOrdersPage.items as any[];

    // The station's desks work side by side; each numbers its own series (the parts counter WO/LL/XS/TL — returns
    // of repair orders and of counter sales share TL —, the stock room PD/BS, swaps TR, purchasing CG/RK/HS/P) in
    // one fixed order, so the same demo gives the same numbers, and no two desks touch the same part or store.
    // 维修领料: repair orders with parts issued; one with a return, one short, one completed, one settled.
    const workshop = async () => { for (const r of p.repairOrders) {
      await story(at, r.key.split(':').pop()!, async () => {
        let ro = ros.find((x) => x.plate === r.plate);
        ro ??= (await call(clerk, `mutation($i: RepairOrderInput!) { openRepairOrder(input: $i) { id status } }`, { i: { vin: r.vin, plate: r.plate, vehicleModelId: r.vehicleModelId } })).openRepairOrder;
        const req = (await call(clerk, `mutation($ro: ID!, $l: [RequisitionLineInput!]!, $k: String!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: $k) { id lines { id issued } } }`,
          { ro: ro.id, l: r.lines.map((x) => line(x.line, x.quantity)), k: `${r.key}:requisition` })).requisitionParts;
        if (r.target === 'RETURNED') {
          await call(clerk, `mutation($l: ID!, $k: String!, $r: String) { returnParts(requisitionLineId: $l, quantity: 1, binId: null, idempotencyKey: $k, reason: $r) { id } }`,
            { l: req.lines[0].id, k: `${r.key}:return`, r: '多领退回：车辆为改款，尺寸不符' });
        }
        let status: string = (await call(clerk, `query($id: ID!) { repairOrder(id: $id) { status } }`, { id: ro.id })).repairOrder.status;
        if ((r.target === 'COMPLETED' || r.target === 'SETTLED') && (status === 'OPEN' || status === 'IN_PROGRESS')) {
          status = (await call(clerk, `mutation($id: ID!) { completeRepairOrder(id: $id) { status } }`, { id: ro.id })).completeRepairOrder.status;
        }
        if (r.target === 'SETTLED' && status === 'COMPLETED') await call(clerk, `mutation($id: ID!) { settleRepairOrder(id: $id) { status } }`, { id: ro.id });
      });
    } };

    // 柜台销售: two sales (one line of the second comes back), and a sale the counter could not make.
    const counter = async () => { for (const s of p.sales) {
      await story(at, s.key.split(':').pop()!, async () => {
        const sale = (await call(clerk, `mutation($i: CounterSaleInput!, $k: String!) { sellOverCounter(input: $i, idempotencyKey: $k) { id lines { id issued } } }`,
          { i: { customerType: s.customerType, customerName: s.customerName, warehouseId: p.main, lines: s.lines.map((x) => line(x.line, x.quantity)) }, k: s.key })).sellOverCounter;
        if (s.returnOne) {
          const back = sale.lines[sale.lines.length - 1];
          await call(clerk, `mutation($l: ID!, $k: String!, $r: String) { returnCounterSaleLine(lineId: $l, quantity: 1, idempotencyKey: $k, reason: $r) { id } }`,
            { l: back.id, k: `${s.key}:return`, r: '客户装车前发现型号不符，退回一件' });
        }
      });
    }
    await story(at, 'lost-sale', async () => {
      await call(clerk, `mutation($i: LostSaleInput!) { recordLostSale(input: $i) { id } }`,
        { i: { partId: p.lostSale.partId, quantity: p.lostSale.quantity, reason: 'NOT_STOCKED', note: '客户急需，本站未备货', idempotencyKey: p.lostSale.key } });
    }); };

    // 盘点: the quick-service store's count, started and partly counted, for the manager to approve.
    const stockRoom = async () => { await story(at, 'stocktake', async () => {
      let st = (existing.stocktakesPage.items as any[]).find((x) => x.warehouse.id === p.quick && x.status === 'OPEN');
      st ??= (await call(clerk, `mutation($w: ID!) { startStocktake(warehouseId: $w) { id } }`, { w: p.quick })).startStocktake;
      const lines = ((await call(clerk, `query($id: ID!) { stocktake(id: $id) { lines { expected part { id } bin { id } } } }`, { id: st.id })).stocktake.lines as any[])
        .sort((a, b) => a.part.id.localeCompare(b.part.id) || a.bin.id.localeCompare(b.bin.id)).slice(0, 3);
      for (const [j, l] of lines.entries()) {
        const counted = j === 2 && l.expected >= 1 ? l.expected - 1 : l.expected; // the third one short by one: a variance to explain
        await call(clerk, `mutation($s: ID!, $p: ID!, $b: ID!, $c: Float!) { recordCount(stocktakeId: $s, partId: $p, binId: $b, counted: $c) { id } }`, { s: st.id, p: l.part.id, b: l.bin.id, c: counted });
      }
    });

    // 报损: asked for by the clerk, waiting for the manager.
    await story(at, 'write-off', async () => {
      if ((existing.writeOffsPage.items as any[]).some((x) => x.part.id === p.writeOff.line.partId)) return;
      await call(clerk, `mutation($p: ID!, $b: ID!, $q: Float!, $r: String!) { requestWriteOff(partId: $p, binId: $b, quantity: $q, reason: $r) { id } }`,
        { p: p.writeOff.line.partId, b: p.writeOff.line.binId, q: p.writeOff.quantity, r: p.writeOff.reason });
    }); };

    // 呆滞件调剂: the previous station's surplus listing, two swaps of it asked for by this station's purchaser and
    // accepted by the offering manager; both transfers shipped, the first one received here.
    const swaps = () => story(at, 'swaps', async () => {
      const offer = p.source.listing;
      const listed = (await call(hq, `query($s: ID!, $p: ID) { surplusListingsPage(stationId: $s, partId: $p, excludeOwnStation: false, first: 50) { items { id } } }`, { s: p.source.station.id, p: offer.partId })).surplusListingsPage.items;
      const listingId: string = listed[0]?.id ?? (await call(source.manager, `mutation($p: ID!, $w: ID!, $q: Float!, $u: Decimal!, $n: String) { listSurplus(partId: $p, warehouseId: $w, quantity: $q, unitPrice: $u, note: $n) { id } }`,
        { p: offer.partId, w: offer.warehouseId, q: offer.quantity, u: offer.unitPrice, n: '积压件，欢迎兄弟站调剂' })).listSurplus.id;
      const requests = async () => ((await call(hq, `query($p: ID, $s: ID!) { surplusListingsPage(partId: $p, stationId: $s, excludeOwnStation: false, first: 50) { items { id requests { id status transferId requestedAt } } } }`,
        { p: offer.partId, s: p.source.station.id })).surplusListingsPage.items.find((x: any) => x.id === listingId)?.requests ?? [])
        .sort((a: any, b: any) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id));
      for (let n = (await requests()).length; n < 2; n++) {
        await call(buyer, `mutation($l: ID!, $w: ID!) { requestSwap(listingId: $l, quantity: 2, toWarehouseId: $w) { id } }`, { l: listingId, w: p.main });
      }
      for (const r of await requests()) if (r.status === 'PENDING') await call(source.manager, `mutation($id: ID!) { acceptSwap(id: $id) { id } }`, { id: r.id });
      const transferIds: string[] = (await requests()).map((r: any) => r.transferId).filter(Boolean);
      const inbound = (await call(hq, `query($s: ID!) { transfersPage(stationId: $s, first: 200) { items { id status lines { id quantity } } } }`, { s: p.station.id })).transfersPage.items as any[];
      for (const [j, id] of transferIds.entries()) {
        const t = inbound.find((x) => x.id === id);
        if (!t) throw new Refused(`the swap's transfer ${id} is not listed`);
        if (t.status === 'DRAFT') await call(source.clerk, `mutation($id: ID!) { shipTransfer(id: $id) { id } }`, { id });
        if (j === 0 && (t.status === 'DRAFT' || t.status === 'SHIPPED')) {
          await call(clerk, `mutation($id: ID!, $l: [TransferReceiptLineInput!]!) { receiveTransfer(id: $id, lines: $l) { id } }`,
            { id, l: t.lines.map((x: any) => ({ transferLineId: x.id, quantity: x.quantity, binId: firstBin(p.main) })) });
        }
      }
    });

    // 采购: a draft, an order sent to the supplier, and a delivery received short with a damaged part
    // (→ a damage claim and a replacement order); an order to HQ's depot waiting for HQ to confirm.
    const purchasing = async () => { for (const o2 of p.purchaseOrders) {
      await story(at, o2.key.split(':').pop()!, async () => {
        let po = pos.find((x) => x.note === o2.note && x.kind === 'STANDARD');
        po ??= (await call(buyer, `mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id status lines { id part { id } quantity } } }`,
          { i: { supplierId: o2.supplierId, note: o2.note, lines: o2.lines.map((x) => ({ partId: x.line.partId, quantity: x.quantity })) } })).createPurchaseOrder;
        if (o2.target === 'DRAFT') return;
        let status: string = po.status;
        if (status === 'DRAFT') status = (await call(buyer, `mutation($id: ID!) { submitPurchaseOrder(id: $id) { status } }`, { id: po.id })).submitPurchaseOrder.status;
        if (o2.target === 'SUBMITTED') return;
        if (status === 'SUBMITTED') status = (await call(buyer, `mutation($id: ID!) { markShipped(id: $id) { status } }`, { id: po.id })).markShipped.status;
        const lines = po.lines as { id: string; part: { id: string }; quantity: number }[];
        const binOf = (partId: string) => o2.lines.find((x) => x.line.partId === partId)!.line.binId;
        await call(buyer, `mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!, $k: String!) { receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: $k) { id } }`, {
          po: po.id, w: p.main, k: `${o2.key}:receipt`,
          l: lines.map((x, j) => j === lines.length - 1
            ? { purchaseOrderLineId: x.id, received: Math.max(2, Math.floor(x.quantity / 2)), damaged: 1, damageReason: '外箱压损，一件变形', binId: binOf(x.part.id) }
            : { purchaseOrderLineId: x.id, received: x.quantity, damaged: 0, binId: binOf(x.part.id) }),
        });
      });
    }
    for (const d of p.depotOrders) {
      await story(at, d.key.split(':').pop()!, async () => {
        if (!depotSupplier) return;
        let po = pos.find((x) => x.note === d.note && x.kind === 'STANDARD');
        po ??= (await call(buyer, `mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id status lines { id part { id } quantity confirmed } } }`,
          { i: { supplierId: depotSupplier.id, note: d.note, lines: d.lines.map((x) => ({ partId: x.line.partId, quantity: x.quantity })) } })).createPurchaseOrder;
        if (po.status === 'DRAFT') po = (await call(buyer, `mutation($id: ID!) { submitPurchaseOrder(id: $id) { id status lines { id part { id } quantity confirmed } } }`, { id: po.id })).submitPurchaseOrder;
        if (d.target !== 'SHIPPED' || po.status !== 'SUBMITTED') return;
        const open = (po.lines as any[]).filter((x) => x.confirmed < x.quantity);
        if (open.length) {
          await call(hq, `mutation($id: ID!, $l: [DepotConfirmLineInput!]!) { confirmDepotOrder(id: $id, lines: $l) { id } }`,
            { id: po.id, l: open.map((x) => ({ purchaseOrderLineId: x.id, confirmed: x.quantity - x.confirmed, backordered: 0 })) });
        }
        await call(hq, `mutation($id: ID!, $k: String!) { shipDepotOrder(id: $id, idempotencyKey: $k) { id } }`, { id: po.id, k: `${d.key}:ship` });
      });
    } };
    await Promise.all([workshop().then(counter), stockRoom(), swaps(), purchasing()]);
  };

  // The stations work side by side (each station's own documents in its own order, so numbers come out the same every time).
  await Promise.all(plans.map((p) => stationDay(p).catch((err) => {
    const msg = `demo day: ${p.station.code} skipped — ${(err as Error).message}`;
    refused.push(msg);
    warn(msg);
  })));
  return { ms: Date.now() - started, requests, refused };
}

/**
 * `npm start`'s demo day: signs each person's token with the platform key (as `npm run token` does), runs
 * the day and notes it done in the demo's note (scripts/seed.ts) — also when steps were refused, so no
 * later start runs it again; a start stopped (or killed) before this point runs it again, and its keys and
 * look-ups make that finish the day rather than double it. Returns the line for the start's summary.
 */
export async function demoDayAtStart(o: { config: Config; gatewayUrl: string; databaseUrl: string; pending: PendingDemoDay; say: (msg: string) => void; stopping: () => boolean }): Promise<string> {
  const started = Date.now();
  const keys = new SigningKeys({ dataDir: o.config.dataDir, pem: o.config.auth.signingKey });
  await keys.load();
  const data = o.pending.data ?? generateDataset({ asOf: o.pending.asOf });
  o.say(`demo day: the stations' people are at work (DEMO_DAY=false skips this)…`);
  // Stopped (Ctrl-C) during the day: its steps fail as the services go; say nothing of them and leave the day
  // PENDING, so the next start finishes it.
  const result = await runDemoDay({ gatewayUrl: o.gatewayUrl, data, sign: (claims) => keys.sign(claims, 900), warn: (msg) => o.stopping() || o.say(msg) });
  if (o.stopping()) return '';
  await finishDemoDay(o.databaseUrl, definitions.map((d) => d.name));
  o.say(`demo day: ${result.requests} requests in ${(result.ms / 1000).toFixed(1)}s, noted done after ${((Date.now() - started) / 1000).toFixed(1)}s`);
  const stations = data.stations.filter((s) => s.kind !== 'DEPOT').map((s) => s.code).join(', ');
  return `Demo day (${((Date.now() - started) / 1000).toFixed(1)}s): repair orders, counter sales, swaps and transfers, a stocktake, a write-off and purchase orders at ${stations}; a depot order for HQ to confirm${result.refused.length ? ` — ${result.refused.length} step(s) refused, see above` : ''}.`;
}
