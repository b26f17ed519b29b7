/**
 * The demo day (scripts/demo-day.ts) against the real subgraphs through the
 * gateway: after it, every station's lists hold documents in the states a
 * person acts on, the ledger agrees with what was issued, received and
 * shipped, and running it again changes nothing. It first runs once cut off
 * half-way — after a number of requests every answer is lost although the
 * gateway did the work, as when `npm start` is stopped mid-day — so the full
 * run after it is a resumed day, and the exact lists prove nothing doubled.
 * Also: the demo's note says a demo day is pending until it is finished, and
 * never again after.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { runDemoDay, type DemoDayResult } from '../../scripts/demo-day';
import { planDemoDay } from '../../scripts/demo-day-plan';
import { finishDemoDay, pendingDemoDay, recordDemo } from '../../scripts/seed';
import { definitions } from '../../scripts/subgraphs';

describe('the demo day', () => {
  let p: Platform;
  let hq: string;
  let first: DemoDayResult;
  const data = demoData();
  const plans = planDemoDay(data);
  const run = (f?: typeof fetch) => runDemoDay({ gatewayUrl: p.gatewayUrl, data, sign: (c) => p.token(c.roles, c.stationId, c.sub), warn: () => undefined, fetch: f });
  let cut: DemoDayResult;

  /** Every list a station's people look at, as counts per state. */
  const lists = async (stationId: string) => {
    const r = ok(await p.query(`query($s: ID!) {
      repairOrdersPage(stationId: $s, first: 200) { totalCount items { status plate requisitions { lines { requested issued returned shortfall } } } }
      counterSalesPage(stationId: $s, first: 200) { totalCount items { customerType lines { issued returned } } }
      lostSalesPage(stationId: $s, first: 200) { totalCount items { reason } }
      inbound: transfersPage(stationId: $s, direction: IN, first: 200) { totalCount items { status swapId lines { quantity received } } }
      outbound: transfersPage(stationId: $s, direction: OUT, first: 200) { totalCount items { status } }
      stocktakesPage(stationId: $s, first: 200) { totalCount items { status countedCount } }
      writeOffsPage(stationId: $s, first: 200) { totalCount items { status reason } }
      purchaseOrdersPage(stationId: $s, first: 200) { totalCount items { status kind note supplier { depot { id } } } }
      damageClaimsPage(stationId: $s, first: 200) { totalCount items { status replacementOrder { kind status } } }
      surplusListingsPage(stationId: $s, excludeOwnStation: false, first: 200) { totalCount items { quantity remaining requests { status } } }
      shortagesPage(stationId: $s, first: 200) { totalCount items { kind } }
    }`, { s: stationId }, hq));
    const by = (items: any[], f: (x: any) => string) => items.reduce((m: Record<string, number>, x) => ({ ...m, [f(x)]: (m[f(x)] ?? 0) + 1 }), {});
    return {
      repairOrders: by(r.repairOrdersPage.items, (x) => x.status),
      counterSales: r.counterSalesPage.totalCount,
      returnedOverCounter: r.counterSalesPage.items.flatMap((s: any) => s.lines).reduce((n: number, l: any) => n + l.returned, 0),
      lostSales: by(r.lostSalesPage.items, (x) => x.reason),
      inbound: by(r.inbound.items, (x) => `${x.status}${x.swapId ? ' (swap)' : ''}`),
      outbound: by(r.outbound.items, (x) => x.status),
      stocktakes: r.stocktakesPage.items.map((x: any) => `${x.status} ${x.countedCount} counted`),
      writeOffs: by(r.writeOffsPage.items, (x) => x.status),
      purchaseOrders: by(r.purchaseOrdersPage.items, (x) => `${x.kind} ${x.status}${x.supplier.depot ? ' to depot' : ''}`),
      damageClaims: r.damageClaimsPage.items.map((x: any) => `${x.status} → ${x.replacementOrder?.kind} ${x.replacementOrder?.status}`),
      listings: r.surplusListingsPage.items.map((x: any) => `${x.quantity} listed, ${x.remaining} left, ${x.requests.length} requests`),
      shortfalls: r.shortagesPage.items.filter((x: any) => x.kind === 'REQUISITION_SHORTFALL').length,
    };
  };
  const onHand = async (partId: string, stationId: string) =>
    ok(await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { onHand } } }`, { id: partId, s: stationId }, hq)).part.stock.onHand as number;
  const seeded = (partId: string, stationId: string) => data.stock.filter((l) => l.partId === partId && l.stationId === stationId).reduce((s, l) => s + l.onHand, 0);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    // Cut off: the first 70 requests are answered, every later one is sent and done but its answer lost.
    let sent = 0;
    cut = await run(async (url, init) => {
      const res = await fetch(url, init);
      if (++sent > 70) throw new Error('connection lost');
      return res;
    });
    first = await run();
    console.log(`demo day on the test platform: ${first.ms} ms (after a cut-off run with ${cut.refused.length} stories skipped)`);
  }, 180_000);
  afterAll(() => p?.stop());

  it('runs without a refused step, quickly (after a run cut off half-way, which warned one line per story it skipped)', () => {
    expect(cut.refused.length).toBeGreaterThan(10);
    expect(cut.refused.every((l) => /^demo day: \S+ \S+ skipped — no answer \(connection lost\)$/.test(l))).toBe(true);
    expect(first.refused).toEqual([]);
    expect(first.ms).toBeLessThan(60_000); // on a shared test machine; `npm start` measures it for real
  });

  it('leaves every station with documents in the states its people act on', async () => {
    for (const [i, plan] of plans.entries()) {
      const l = await lists(plan.station.id);
      expect(l).toEqual({
        repairOrders: { IN_PROGRESS: 3, COMPLETED: 1, SETTLED: 1 },
        counterSales: 2,
        returnedOverCounter: 1,
        lostSales: { NOT_STOCKED: 1 },
        inbound: { 'SHIPPED (swap)': 1, 'RECEIVED (swap)': 1 },
        outbound: { 'SHIPPED': 1, 'RECEIVED': 1 }, // the next station's swaps of this station's listing
        stocktakes: ['OPEN 3 counted'],
        writeOffs: { PENDING: 1 },
        purchaseOrders: {
          'STANDARD DRAFT': 1, 'STANDARD SUBMITTED': 1, 'STANDARD PARTIALLY_RECEIVED': 1, 'REPLACEMENT SUBMITTED': 1,
          'STANDARD SUBMITTED to depot': 1, ...(i === 0 ? { 'STANDARD SHIPPED to depot': 1 } : {}),
        },
        damageClaims: ['OPEN → REPLACEMENT SUBMITTED'],
        listings: ['6 listed, 2 left, 2 requests'],
        shortfalls: 1,
      });
    }
    // Numbered in the plan's order at every station (each desk numbers its own series in one fixed order).
    for (const plan of plans) {
      const r = ok(await p.query(`query($s: ID!) {
        repairOrdersPage(stationId: $s, first: 200) { items { number plate returns { number reason } } }
        counterSalesPage(stationId: $s, first: 200) { items { lines { returns { number reason } } } }
        purchaseOrdersPage(stationId: $s, kind: STANDARD, first: 200) { items { number note } } }`, { s: plan.station.id }, hq));
      const byNumber = (items: any[]) => [...items].sort((a, b) => a.number.localeCompare(b.number));
      expect(byNumber(r.repairOrdersPage.items).map((x) => x.plate)).toEqual(plan.repairOrders.map((x) => x.plate));
      // One TL series for both kinds of return: the repair order's first, then the counter's, each with its reason.
      const returns = [...r.repairOrdersPage.items.flatMap((x: any) => x.returns), ...r.counterSalesPage.items.flatMap((x: any) => x.lines.flatMap((l: any) => l.returns))];
      expect(byNumber(returns).map((x) => [x.number.slice(-2), x.reason.slice(0, 4)])).toEqual([['01', '多领退回'], ['02', '客户装车']]);
      expect(byNumber(r.purchaseOrdersPage.items).map((x) => x.note)).toEqual([...plan.purchaseOrders, ...plan.depotOrders].map((x) => x.note));
    }
    // HQ's order desk: the stations' orders to the depot waiting to be confirmed.
    const desk = ok(await p.query(`{ depotOrdersPage(status: SUBMITTED, first: 200) { totalCount items { note station { id } } } }`, {}, hq)).depotOrdersPage;
    expect(desk.items.filter((o: any) => o.note?.includes('待总部确认')).map((o: any) => o.station.id).sort()).toEqual(plans.map((x) => x.station.id).sort());
  });

  it('moves the ledger by what was issued, returned, received and shipped', async () => {
    for (const plan of plans) {
      const s = plan.station.id;
      const [open, returned, short, completed] = plan.repairOrders;
      expect(await onHand(open.lines[0].line.partId, s)).toBe(seeded(open.lines[0].line.partId, s) - 2);
      expect(await onHand(returned.lines[0].line.partId, s)).toBe(seeded(returned.lines[0].line.partId, s) - 3 + 1);
      expect(await onHand(short.lines[0].line.partId, s)).toBe(0);
      expect(await onHand(completed.lines[0].line.partId, s)).toBe(seeded(completed.lines[0].line.partId, s) - 4);
      // The member's sale: 4 sold, 1 brought back.
      const sale = plan.sales[1].lines[1].line;
      expect(await onHand(sale.partId, s)).toBe(seeded(sale.partId, s) - 3);
      // Pending write-off: nothing moves until a manager approves.
      expect(await onHand(plan.writeOff.line.partId, s)).toBe(seeded(plan.writeOff.line.partId, s));
      // The partial delivery: the full line in, the short line in less the damaged one.
      const po = plan.purchaseOrders[2];
      const lines = ok(await p.query(`query($s: ID!) { purchaseOrdersPage(stationId: $s, status: PARTIALLY_RECEIVED, first: 5) { items { lines { part { id } quantity received accepted damaged } } } }`, { s }, hq)).purchaseOrdersPage.items[0].lines;
      for (const x of lines) {
        // accepted into the part's bin, damaged into quarantine (on hand, not sellable)
        const levels = ok(await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { levels { onHand bin { quarantine } } } } }`, { id: x.part.id, s }, hq)).part.stock.levels;
        const inBins = levels.filter((v: any) => !v.bin.quarantine).reduce((n: number, v: any) => n + v.onHand, 0);
        const quarantined = levels.filter((v: any) => v.bin.quarantine).reduce((n: number, v: any) => n + v.onHand, 0);
        expect({ inBins, quarantined }).toEqual({ inBins: seeded(x.part.id, s) + x.accepted, quarantined: x.damaged });
        expect(x.received - x.damaged).toBe(x.accepted);
      }
      expect(lines.map((x: any) => x.damaged)).toEqual(po.lines.map((_, j) => (j === po.lines.length - 1 ? 1 : 0)));
      // Swaps: the offering station shipped 2 + 2; this station received the first 2.
      const offer = plan.source.listing;
      expect(await onHand(offer.partId, plan.source.station.id)).toBe(seeded(offer.partId, plan.source.station.id) - 4);
      expect(await onHand(offer.partId, s)).toBe(seeded(offer.partId, s) + 2);
    }
  });

  it('changes nothing when it runs again (a start stopped half-way finishes the day, never doubles it)', async () => {
    const before = await Promise.all(plans.map((x) => lists(x.station.id)));
    const probe = plans.map((x) => [x.repairOrders[0].lines[0].line.partId, x.station.id] as const);
    const stockBefore = await Promise.all(probe.map(([part, s]) => onHand(part, s)));
    const again = await run();
    expect(again.refused).toEqual([]);
    expect(await Promise.all(plans.map((x) => lists(x.station.id)))).toEqual(before);
    expect(await Promise.all(probe.map(([part, s]) => onHand(part, s)))).toEqual(stockBefore);
  });

  it('is pending from the load until finished, and never after', async () => {
    const schemas = definitions.map((d) => d.name);
    await recordDemo(p.databaseUrl, data.asOf, schemas, false);
    expect(await pendingDemoDay(p.databaseUrl)).toBeNull();
    await recordDemo(p.databaseUrl, data.asOf, schemas, true);
    expect(await pendingDemoDay(p.databaseUrl)).toBe(data.asOf);
    await finishDemoDay(p.databaseUrl, schemas, 0);
    expect(await pendingDemoDay(p.databaseUrl)).toBeNull();
  });
});
