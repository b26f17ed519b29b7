/**
 * receiveGoods throughput (验收入库) through the gateway on the multi-process
 * platform: each receipt has two lines, one with a damaged quantity, so every
 * receipt also opens a damage claim, creates a "P…" replacement order and
 * books RECEIPT + QUARANTINE movements in stock (the receiveStock command).
 * A clean variant (no damage) is the reference for the ratio. Orders are
 * prepared untimed; each receipt is checked (stock posted, claim present).
 *   npm run bench -- --only receiving        (add --quick for a smoke run)
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
  name: 'receiving',
  async run(env, { quick, say }) {
    const url = env.gatewayUrl;
    const station = env.data.stations[0];
    const warehouse = station.warehouses[0];
    const token = await env.token('PURCHASER', station.id);
    const supplierId = env.data.supplierParts[0].supplierId;
    const parts = env.data.supplierParts.filter((s) => s.supplierId === supplierId).slice(0, 2).map((s) => s.partId);
    const n = quick ? 60 : 300;
    const concurrency = 8;
    const run = `${Date.now()}`;

    say(`receiving: preparing ${2 * n} shipped orders`);
    const orders: { id: string; lines: string[] }[] = [];
    await pool(Array.from({ length: 2 * n }, (_, i) => i), concurrency, async () => {
      const po = (await gqlCall(url, token, `mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id lines { id } } }`,
        { i: { supplierId, lines: parts.map((partId) => ({ partId, quantity: 10 })) } })).createPurchaseOrder;
      await gqlCall(url, token, `mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id });
      await gqlCall(url, token, `mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: po.id });
      orders.push({ id: po.id, lines: po.lines.map((l: { id: string }) => l.id) });
    });

    const measure = async (label: string, batch: typeof orders, damaged: boolean): Promise<{ p50: number; p99: number; rate: number; cpu: Record<string, number> }> => {
      const latencies: number[] = [];
      const c = env.cpu.start();
      const started = Date.now();
      await pool(batch, concurrency, async (o) => {
        const t = performance.now();
        const r = (await gqlCall(url, token, `mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!, $k: String!) {
            receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: $k) { id stockPosted damageClaim { id replacementOrder { number } } } }`, {
          po: o.id, w: warehouse.id, k: `bench-${run}-${o.id}`,
          l: [{ purchaseOrderLineId: o.lines[0], received: 10, damaged: damaged ? 2 : 0, damageReason: damaged ? '外包装破损' : null }, { purchaseOrderLineId: o.lines[1], received: 10 }],
        })).receiveGoods;
        latencies.push(performance.now() - t);
        if (!r.stockPosted) throw new Error(`${label}: receipt ${r.id} not posted to stock`);
        if (damaged && !r.damageClaim?.replacementOrder?.number?.startsWith('P')) throw new Error(`${label}: no claim / replacement order`);
      });
      const seconds = (Date.now() - started) / 1000;
      return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), rate: batch.length / seconds, cpu: c.per(batch.length) };
    };

    say(`receiving: ${n} clean receipts, then ${n} with damage, ${concurrency} concurrent`);
    const clean = await measure('clean', orders.slice(0, n), false);
    const damaged = await measure('damaged', orders.slice(n), true);
    const rows: Row[] = [
      { benchmark: 'receiveGoods', variant: `2 lines, no damage (${n}, ${concurrency} conc.)`, p50: clean.p50, p99: clean.p99, throughput: clean.rate, unit: 'receipts/s', notes: 'receipt + stock RECEIPT via receiveStock', cpu: clean.cpu },
      { benchmark: 'receiveGoods', variant: `2 lines, 1 damaged (${n}, ${concurrency} conc.)`, p50: damaged.p50, p99: damaged.p99, throughput: damaged.rate, unit: 'receipts/s',
        ratio: damaged.rate / clean.rate, ratioOf: 'of clean throughput', notes: '+ damage claim + P-replacement order + QUARANTINE', cpu: damaged.cpu },
    ];
    return rows;
  },
};
