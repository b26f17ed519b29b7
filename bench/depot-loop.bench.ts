/**
 * The order loop with HQ's depot through the gateway on the multi-process
 * platform: stations' orders to the depot (prepared untimed: created and
 * submitted), then per order HQ's confirmDepotOrder (reserveDepotStock in the
 * depot's bins) + shipDepotOrder (DEPOT_SHIPMENT, delivery note), 8 orders
 * at a time. Two variants: orders spread over many parts, and every order on
 * one hot part with fewer units than orders (the tail is INSUFFICIENT_STOCK).
 * Afterwards the depot's levels are checked: nothing oversold, nothing left
 * reserved by a shipped order.
 *   npm run bench -- --only depot-loop        (add --quick for a smoke run)
 */
import type { Bench } from './lib/bench';
import type { Row } from './lib/report';
import { gqlCall, percentile } from './lib/load';

async function pool<T>(items: T[], concurrency: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await f(items[next++]);
  }));
}

export const bench: Bench = {
  name: 'depot-loop',
  async run(env, { quick, say }) {
    const url = env.gatewayUrl;
    const { data } = env;
    const depot = data.stations.find((s) => s.kind === 'DEPOT');
    if (!depot) throw new Error('depot-loop: the dataset has no depot');
    const depotSupplier = data.suppliers.find((s) => s.depotStationId === depot.id)!;
    const stations = data.stations.filter((s) => s.kind !== 'DEPOT');
    const buyers = await Promise.all(stations.map((s) => env.token(['PURCHASER', 'STATION_MANAGER'], s.id)));
    const hq = await env.token('HQ_ADMIN');
    const whole = new Set(data.parts.filter((p) => p.unitPrecision === 0 && !p.supersededById).map((p) => p.id));
    const onHand = new Map<string, number>();
    for (const l of data.stock) if (l.stationId === depot.id && whole.has(l.partId)) onHand.set(l.partId, (onHand.get(l.partId) ?? 0) + l.onHand);
    const n = quick ? 60 : 300;
    const concurrency = 8;
    const spread = [...onHand].filter(([, q]) => q >= 2).map(([id]) => id).slice(0, n);
    const hot = [...onHand].filter(([id, q]) => q >= 10 && q < n / 2 && !spread.includes(id)).map(([id]) => id)[0];
    if (spread.length < n || !hot) throw new Error('depot-loop: not enough stocked parts at the depot');

    const order = async (i: number, partId: string) => {
      const token = buyers[i % buyers.length];
      const po = (await gqlCall(url, token, `mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id lines { id } } }`,
        { i: { supplierId: depotSupplier.id, lines: [{ partId, quantity: 1 }] } })).createPurchaseOrder;
      await gqlCall(url, token, `mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id });
      return { id: po.id as string, line: po.lines[0].id as string, partId };
    };
    say(`depot-loop: preparing ${n} orders over ${n} parts and ${n} on one hot part (${onHand.get(hot)} at the depot)`);
    const spreadOrders: Awaited<ReturnType<typeof order>>[] = [];
    const hotOrders: Awaited<ReturnType<typeof order>>[] = [];
    await pool(spread.map((p, i) => [i, p] as const), concurrency, async ([i, p]) => void spreadOrders.push(await order(i, p)));
    await pool(Array.from({ length: n }, (_, i) => i), concurrency, async (i) => void hotOrders.push(await order(i, hot)));

    const measure = async (batch: typeof spreadOrders) => {
      const latencies: number[] = [];
      let shipped = 0;
      let refused = 0;
      const started = Date.now();
      await pool(batch, concurrency, async (o) => {
        const t = performance.now();
        const r = await fetch(url, {
          method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hq}` },
          body: JSON.stringify({ query: `mutation($id: ID!, $l: [DepotConfirmLineInput!]!) { confirmDepotOrder(id: $id, lines: $l) { id } }`,
            variables: { id: o.id, l: [{ purchaseOrderLineId: o.line, confirmed: 1, backordered: 0 }] } }),
        }).then((x) => x.json() as Promise<any>);
        if (r.errors) {
          if (r.errors[0].extensions?.code !== 'INSUFFICIENT_STOCK') throw new Error(`depot-loop: confirm refused: ${JSON.stringify(r.errors)}`);
          refused++;
        } else {
          const s = (await gqlCall(url, hq, `mutation($id: ID!, $k: String!) { shipDepotOrder(id: $id, idempotencyKey: $k) { status deliveryNoteNumber } }`, { id: o.id, k: `bench-${o.id}` })).shipDepotOrder;
          if (s.status !== 'SHIPPED' || !s.deliveryNoteNumber) throw new Error(`depot-loop: order ${o.id} not shipped`);
          shipped++;
        }
        latencies.push(performance.now() - t);
      });
      return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rate: batch.length / ((Date.now() - started) / 1000), shipped, refused };
    };
    const depotLevel = async (partId: string) =>
      (await gqlCall(url, hq, `query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { onHand available levels { reserved } } } }`, { id: partId, s: depot.id })).part.stock;

    say(`depot-loop: confirm + ship, ${concurrency} concurrent`);
    const a = await measure(spreadOrders);
    const b = await measure(hotOrders);
    const level = await depotLevel(hot);
    const oversold = Math.max(0, b.shipped - onHand.get(hot)!) + (level.onHand < 0 ? 1 : 0);
    if (b.shipped !== onHand.get(hot) || level.onHand !== 0 || level.levels.some((l: any) => l.reserved !== 0)) {
      throw new Error(`depot-loop: hot part ${hot}: ${b.shipped} shipped of ${onHand.get(hot)}, on hand now ${level.onHand}`);
    }
    return [
      { benchmark: 'depot confirm + ship', variant: `${n} orders, ${n} parts (${concurrency} conc.)`, p50: a.p50, p99: a.p99, throughput: a.rate, unit: 'orders/s', notes: 'reserveDepotStock + shipDepotStock, 2 pending commands per order' },
      { benchmark: 'depot confirm + ship', variant: `${n} orders, 1 part with ${onHand.get(hot)} (${concurrency} conc.)`, p50: b.p50, p99: b.p99, throughput: b.rate, unit: 'orders/s',
        ratio: b.rate / a.rate, ratioOf: 'of spread throughput', notes: `${b.shipped} shipped, ${b.refused} INSUFFICIENT_STOCK, ${oversold} oversold` },
    ] satisfies Row[];
  },
};
