/**
 * A station's orders to HQ's depot (备件订单处理情况): per line what HQ confirmed,
 * back-ordered (with the expected date), shipped and what was received —
 * refreshed live by `purchaseOrderUpdates` — and what the depot can ship of a
 * part before ordering (备品部备件库存查询).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import i18n from '../i18n';
import { useSession } from '../session';
import { ErrorBox, Empty, ExportButton, Loading, Pager, Panel, QueryProblem, SortSelect, money, partName, qty, useApi, useMissing, usePaged, useSort } from '../components/ui';
import { PartSearch } from '../components/part-search';
import { fmtDate } from '../dates';
import './depot';

i18n.addResourceBundle('zh', 'translation', {
  tracking: {
    title: '向备品部的订单', availability: '备品部库存查询', nextArrival: '下次到货', leadTime: '到站周期 {{n}} 天', price: '备品部价格',
    received: '已收货', deliveryNote: '发货单', live: '实时更新', none: '还没有向备品部的订单', orderedAt: '下单时间', number: '订单号', noneWithStatus: '没有该状态的向备品部订单。', pickStation: '在右上角选择服务站后，这里列出该站向备品部的订单；各站待处理的订单见「备品部」。',
  },
}, true, false);
i18n.addResourceBundle('en', 'translation', {
  tracking: {
    title: 'Orders to HQ\'s depot', availability: 'What the depot can ship', nextArrival: 'Next arrival', leadTime: '{{n}} days to the station', price: 'Depot price',
    received: 'Received', deliveryNote: 'Delivery note', live: 'Live', none: 'No orders to the depot yet', orderedAt: 'Ordered', number: 'Order number', noneWithStatus: 'No orders to the depot with this status.', pickStation: 'Pick a station at the top right to list its orders to the depot; every station\'s open orders are under "Depot".',
  },
}, true, false);

const LINE = `id part { id partNo name nameEn unit } quantity unitPrice confirmed backordered eta shipped received damaged`;
// The station's orders to the depot, newest first, page by page; filtered by status and sorted on the server (purchaseOrdersPage's toDepot, status, sort).
const ORDERS = `query StationDepotOrders($stationId: ID, $toDepot: Boolean, $status: PurchaseOrderStatus, $sort: PageSort, $first: Int, $after: String) {
  purchaseOrdersPage(stationId: $stationId, toDepot: $toDepot, status: $status, sort: $sort, first: $first, after: $after) {
    items { id number status kind submittedAt deliveryNoteNumber supplier { id name } lines { ${LINE} } } pageInfo { endCursor hasNextPage } totalCount } }`;
const UPDATES = `subscription PurchaseOrderUpdates($s: ID) { purchaseOrderUpdates(stationId: $s) { id status } }`;
/** The statuses an order to the depot goes through (it is submitted at once, never a draft). */
const STATUSES = ['SUBMITTED', 'SHIPPED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED', 'CANCELLED'];
const AVAILABILITY = `query DepotAvailabilityOne($p: [ID!]!) { depotAvailability(partIds: $p) { part { id partNo unit } available nextArrival leadTimeDays unitPrice } }`;

export function OrderTrackingPage() {
  const { t, i18n: i } = useTranslation();
  const { stationId } = useSession();
  const [status, setStatus] = useState('');
  const sort = useSort({ field: 'createdAt', direction: 'DESC' });
  const filters = { stationId: stationId ?? null, toDepot: true, status: status || null };
  const orders = usePaged<any>(ORDERS, 'purchaseOrdersPage', { ...filters, sort: sort.sort }, { op: 'Query.purchaseOrdersPage', pause: !stationId, first: 20 });
  const liveMissing = useMissing('Subscription.purchaseOrderUpdates');
  const [live] = useSubscription<{ purchaseOrderUpdates: { id: string; status: string } }>({ query: UPDATES, variables: { s: stationId ?? null }, pause: !stationId || liveMissing.length > 0 });
  useEffect(() => {
    if (live.data) orders.refetch();
  }, [live.data]);
  const [part, setPart] = useState<{ id: string }>();
  const avail = useApi<{ depotAvailability: { part: { id: string; partNo: string; unit: string }; available: number; nextArrival: string | null; leadTimeDays: number; unitPrice: string | null }[] }>(
    AVAILABILITY, { p: part ? [part.id] : [] }, { op: 'Query.depotAvailability', pause: !part });
  const depotOrders = orders.items ?? [];
  if (orders.missing.length) return <QueryProblem of={orders} />;
  const a = avail.data?.depotAvailability[0];
  return (
    <div className="page order-tracking">
      <Panel title={t('tracking.availability')}>
        <PartSearch onPick={(p) => setPart(p)} pickLabel={t('tracking.availability')} autoFocus={false} />
        <ErrorBox error={avail.error} />
        {a && (
          <p data-testid="depot-availability">
            {a.part.partNo}: {t('depot.available')} <strong>{qty(a.available)} {a.part.unit}</strong> · {t('tracking.nextArrival')} {a.nextArrival ? fmtDate(new Date(a.nextArrival), i.language) : '–'} · {t('tracking.leadTime', { n: a.leadTimeDays })} · {t('tracking.price')} {money(a.unitPrice)}
          </p>
        )}
      </Panel>
      <Panel title={t('tracking.title')} id="depot-orders" actions={<>{live.data ? <span className="hint">{t('tracking.live')}</span> : null}<ExportButton list="purchase-orders" filters={{ ...filters, sort: sort.exportValue }} /></>}>
        {!stationId && <p className="hint" data-testid="tracking-pick-station">{t('tracking.pickStation')}</p>}
        {stationId && <>
        <div className="row filters">
          <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('common.status')} data-testid="tracking-status">
            <option value="">{t('common.allStatuses')}</option>
            {STATUSES.map((x) => <option key={x} value={x}>{t(`poStatus.${x}`)}</option>)}
          </select>
          <SortSelect s={sort} fields={[{ field: 'createdAt', label: t('tracking.orderedAt') }, { field: 'number', label: t('tracking.number') }, { field: 'status', label: t('common.status') }]} />
        </div>
        <ErrorBox error={orders.error ?? live.error} onRetry={orders.refetch} />
        <Loading r={orders} />
        {orders.data && !depotOrders.length && <Empty>{status ? t('tracking.noneWithStatus') : t('tracking.none')}</Empty>}
        {depotOrders.map((o) => (
          <div key={o.id} className="tracked-order" data-testid={`tracked-${o.number}`}>
            <h3>{o.number} · <span data-testid="tracked-status">{t(`poStatus.${o.status}`, { defaultValue: o.status })}</span>{o.deliveryNoteNumber ? ` · ${t('tracking.deliveryNote')} ${o.deliveryNoteNumber}` : ''}</h3>
            <table>
              <thead><tr><th>{t('depot.part')}</th><th>{t('depot.ordered')}</th><th>{t('depot.confirmed')}</th><th>{t('depot.backordered')}</th><th>{t('depot.eta')}</th><th>{t('depot.shipped')}</th><th>{t('tracking.received')}</th></tr></thead>
              <tbody>
                {o.lines.map((l: any) => (
                  <tr key={l.id}>
                    <td>{l.part.partNo} {partName(l.part, i.language)}</td><td data-testid="ordered-qty">{qty(l.quantity)} {l.part.unit}</td><td>{qty(l.confirmed)}</td><td>{qty(l.backordered)}</td>
                    <td>{l.eta ? fmtDate(new Date(l.eta), i.language) : '–'}</td><td>{qty(l.shipped)}</td><td>{qty(l.received)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
        <Pager p={orders} />
        </>}
      </Panel>
    </div>
  );
}
