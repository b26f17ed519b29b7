/**
 * HQ's parts depot (备品部): the order desk (incoming orders by station and age,
 * confirm against the depot's stock, ship), the back-order list, the
 * network's stock of a part and the stations' scorecards with a chart per
 * station. Everything through the API (depotOrders, depotAvailability,
 * confirmDepotOrder, shipDepotOrder, networkStock, stationScorecards).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { DayInput, ErrorBox, Empty, MonthPicker, ExportButton, Loading, Pager, Panel, SortTh, QueryProblem, fmtTime, money, partName, qty, useAction, useApi, usePaged, useSort } from '../components/ui';
import { useSession } from '../session';
import { Chart } from '../components/chart';
import { PartSearch } from '../components/part-search';
import { fmtDay, monthsBackFrom } from '../dates';

i18n.addResourceBundle('zh', 'translation', {
  nav: { depot: '备品部', orders: '订单跟踪' },
  depot: {
    desk: '备件订单（各服务站上传）', backorders: '欠货清单', network: '网络库存', scorecards: '服务站考评',
    station: '服务站', number: '订单号', age: '等待', days: '{{n}} 天', lines: '行', status: '状态', open: '处理',
    part: '备件', ordered: '订购', available: '备品部可用', confirmed: '已确认', backordered: '欠货', eta: '预计到货', shipped: '已发货',
    confirm: '确认', ship: '发货', confirmedMsg: '已确认并锁定库存', shippedMsg: '已发货，发货单 {{n}}', none: '没有待处理的订单',
    onHand: '在库', inTransit: '在途', month: '月份', fillRate: '满足率', stockTurns: '周转次数', inventoryValue: '库存金额',
    surplusValue: '积压金额', leadDays: '订单周期（天）', depotOrders: '向备品部订货', pickPart: '选择备件', noBackorders: '没有欠货', amount: '金额',
    stationAvailable: '可用', hqOnly: '备品部页面仅供总部使用。',
    statusOf: { SUBMITTED: '待处理', SHIPPED: '已发货', PARTIALLY_RECEIVED: '部分入库', RECEIVED: '已入库', CLOSED: '已关闭', CANCELLED: '已取消' },
  },
}, true, true);
i18n.addResourceBundle('en', 'translation', {
  nav: { depot: 'Depot', orders: 'Order tracking' },
  depot: {
    desk: 'Orders from the stations', backorders: 'Back-orders', network: 'Network stock', scorecards: 'Station scorecards',
    station: 'Station', number: 'Order', age: 'Waiting', days: '{{n}} d', lines: 'Lines', status: 'Status', open: 'Handle',
    part: 'Part', ordered: 'Ordered', available: 'Depot available', confirmed: 'Confirmed', backordered: 'Back-ordered', eta: 'ETA', shipped: 'Shipped',
    confirm: 'Confirm', ship: 'Ship', confirmedMsg: 'Confirmed; stock reserved', shippedMsg: 'Shipped, delivery note {{n}}', none: 'No orders waiting',
    onHand: 'On hand', inTransit: 'In transit', month: 'Month', fillRate: 'Fill rate', stockTurns: 'Stock turns', inventoryValue: 'Inventory value',
    surplusValue: 'Surplus value', leadDays: 'Depot order lead (days)', depotOrders: 'Orders to the depot', pickPart: 'Pick a part', noBackorders: 'No back-orders', amount: 'Amount',
    stationAvailable: 'Available', hqOnly: 'The depot page is for HQ.',
    statusOf: { SUBMITTED: 'To handle', SHIPPED: 'Shipped', PARTIALLY_RECEIVED: 'Partly received', RECEIVED: 'Received', CLOSED: 'Closed', CANCELLED: 'Cancelled' },
  },
}, true, true);

const LINE = `id part { id partNo name nameEn } quantity unitPrice confirmed backordered eta shipped received`;
const DEPOT_ORDERS_PAGE = `query DepotOrdersPage($status: PurchaseOrderStatus, $stationId: ID, $open: Boolean, $backordered: Boolean, $first: Int!, $after: String, $sort: PageSort) {
  depotOrdersPage(status: $status, stationId: $stationId, open: $open, backordered: $backordered, first: $first, after: $after, sort: $sort) {
    items { id number status kind submittedAt createdAt expectedAt amount deliveryNoteNumber station { id code name } lines { ${LINE} } }
    pageInfo { endCursor hasNextPage } totalCount } }`;
const AVAILABILITY = `query DepotAvailability($p: [ID!]!) { depotAvailability(partIds: $p) { part { id } available nextArrival } }`;
const CONFIRM = `mutation ConfirmDepotOrder($id: ID!, $l: [DepotConfirmLineInput!]!) { confirmDepotOrder(id: $id, lines: $l) { id status lines { ${LINE} } } }`;
const SHIP = `mutation ShipDepotOrder($id: ID!, $k: String!) { shipDepotOrder(id: $id, idempotencyKey: $k) { id status deliveryNoteNumber lines { ${LINE} } } }`;
const NETWORK = `query NetworkStock($p: ID!) { networkStock(partId: $p) { station { id code name kind } onHand available inTransit } }`;
const SCORECARDS = `query StationScorecards($m: String!) { stationScorecards(month: $m) { station { id code name } month fillRate stockTurns inventoryValue surplusValue depotOrderLeadDays depotOrders } }`;

interface Line { id: string; part: { id: string; partNo: string; name: string; nameEn?: string }; quantity: number; unitPrice: string; confirmed: number; backordered: number; eta: string | null; shipped: number; received: number }
interface Order { id: string; number: string; status: string; kind: string; submittedAt: string | null; createdAt: string; expectedAt?: string | null; amount: string; deliveryNoteNumber: string | null; station: { id: string; code: string; name: string }; lines: Line[] }

const ageDays = (o: Order) => Math.max(0, Math.floor((Date.now() - new Date(o.submittedAt ?? o.createdAt).getTime()) / 86_400_000));

/** The desk's filters: a station, a status; the page sorts on the server (oldest waiting first). */
function useDeskFilters() {
  const [stationId, setStationId] = useState('');
  const [status, setStatus] = useState('');
  return { stationId, setStationId, status, setStatus };
}

function DeskFilters({ f }: { f: ReturnType<typeof useDeskFilters> }) {
  const { t } = useTranslation();
  const s = useSession();
  return (
    <div className="row filters">
      <select aria-label={t('depot.station')} value={f.stationId} onChange={(e) => f.setStationId(e.target.value)} data-testid="depot-station">
        <option value="">{t('app.allStations')}</option>
        {s.stations.filter((x) => (x as { kind?: string }).kind !== 'DEPOT').map((x) => <option key={x.id} value={x.id}>{x.code} {x.name}</option>)}
      </select>
      <select aria-label={t('depot.status')} value={f.status} onChange={(e) => f.setStatus(e.target.value)}>
        <option value="">{t('common.allStatuses')}</option>
        {['SUBMITTED', 'SHIPPED', 'PARTIALLY_RECEIVED', 'RECEIVED'].map((x) => <option key={x} value={x}>{t(`depot.statusOf.${x}`)}</option>)}
      </select>
    </div>
  );
}

/** `onChanged`: an order was confirmed or shipped (the back-order list shows it at once). */
function OrderDesk({ onChanged }: { onChanged(): void }) {
  const { t, i18n: i } = useTranslation();
  const f = useDeskFilters();
  const sort = useSort({ field: 'submittedAt', direction: 'ASC' });
  const [deskMsg, setDeskMsg] = useState<string>();
  const filters = { open: true, stationId: f.stationId || null, status: f.status || null };
  const orders = usePaged<Order>(DEPOT_ORDERS_PAGE, 'depotOrdersPage', { ...filters, sort: sort.sort }, { op: 'Query.depotOrdersPage', first: 20 });
  const [openId, setOpenId] = useState<string>();
  if (orders.missing.length) return <QueryProblem of={orders} />;
  const rows = orders.items ?? [];
  const current = rows.find((o) => o.id === openId);
  return (
    <Panel id="depot-desk" title={t('depot.desk')} actions={<ExportButton list="depot-orders" filters={{ ...filters, sort: sort.exportValue }} />}>
      <DeskFilters f={f} />
      <ErrorBox error={orders.error} onRetry={orders.refetch} />
      <Loading r={orders} />
      {orders.items && !rows.length && <Empty>{t('depot.none')}</Empty>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table data-testid="depot-desk">
            <thead><tr><th>{t('depot.station')}</th><SortTh s={sort} field="number">{t('depot.number')}</SortTh><SortTh s={sort} field="submittedAt">{t('depot.age')}</SortTh><th className="num">{t('depot.lines')}</th><th className="num">{t('depot.amount')}</th><SortTh s={sort} field="status">{t('depot.status')}</SortTh><th /></tr></thead>
            <tbody>
              {rows.map((o) => (
                <tr key={o.id} className={o.id === openId ? 'active' : ''} data-number={o.number} data-station={o.station.code}>
                  <td>{o.station.code} {o.station.name}</td>
                  <td className="mono">{o.number}</td>
                  <td className="nowrap">{t('depot.days', { n: ageDays(o) })}<div className="hint">{fmtTime(o.submittedAt ?? o.createdAt, i.language)}</div></td>
                  <td className="num">{o.lines.length}</td>
                  <td className="num">{money(o.amount)}</td>
                  <td>{t(`depot.statusOf.${o.status}`, { defaultValue: o.status })}</td>
                  <td><button type="button" className="small" onClick={() => setOpenId(o.id)} data-testid="handle-order">{t('depot.open')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={orders} />
      {current && <OrderHandling key={current.id} order={current} lang={i.language} onDone={(m) => { setDeskMsg(`${current.number}：${m}`); orders.refetch(); onChanged(); }} />}
      {deskMsg && <p className="ok-msg" role="status" data-testid="desk-msg">{deskMsg}</p>}
    </Panel>
  );
}

function OrderHandling({ order, lang, onDone }: { order: Order; lang: string; onDone(message: string): void }) {
  const { t } = useTranslation();
  const avail = useApi<{ depotAvailability: { part: { id: string }; available: number; nextArrival: string | null }[] }>(AVAILABILITY, { p: order.lines.map((l) => l.part.id) }, { op: 'Query.depotAvailability' });
  const availableOf = (partId: string) => avail.data?.depotAvailability.find((a) => a.part.id === partId)?.available ?? 0;
  const [form, setForm] = useState<Record<string, { confirmed: string; backordered: string; eta: string }>>({});
  const confirm = useAction(CONFIRM);
  const ship = useAction(SHIP);
  const [msg, setMsg] = useState<string>();
  const valueOf = (l: Line) => {
    const open = l.quantity - l.confirmed;
    const suggested = Math.min(open, availableOf(l.part.id));
    return form[l.id] ?? { confirmed: String(suggested), backordered: String(open - suggested), eta: '' };
  };
  const set = (l: Line, k: 'confirmed' | 'backordered' | 'eta', v: string) => setForm({ ...form, [l.id]: { ...valueOf(l), [k]: v } });
  const doConfirm = async () => {
    const lines = order.lines.filter((l) => l.confirmed < l.quantity).map((l) => {
      const v = valueOf(l);
      return { purchaseOrderLineId: l.id, confirmed: Number(v.confirmed) || 0, backordered: Number(v.backordered) || 0, eta: v.eta ? new Date(v.eta).toISOString() : null };
    });
    if (await confirm.exec({ id: order.id, l: lines })) {
      setMsg(t('depot.confirmedMsg'));
      setForm({});
      avail.refetch();
      onDone(t('depot.confirmedMsg'));
    }
  };
  const doShip = async () => {
    const r = await ship.exec({ id: order.id, k: `console-${order.id}-${order.lines.map((l) => l.confirmed).join('-')}` });
    if (r) {
      setMsg(t('depot.shippedMsg', { n: (r as any).shipDepotOrder.deliveryNoteNumber }));
      onDone(t('depot.shippedMsg', { n: (r as any).shipDepotOrder.deliveryNoteNumber }));
    }
  };
  return (
    <div className="depot-order" data-testid="depot-order">
      <h3>{order.number} · {order.station.code}</h3>
      <ErrorBox error={avail.error ?? confirm.error ?? ship.error} />
      <table>
        <thead><tr><th>{t('depot.part')}</th><th>{t('depot.ordered')}</th><th>{t('depot.available')}</th><th>{t('depot.confirmed')}</th><th>{t('depot.backordered')}</th><th>{t('depot.eta')}</th><th>{t('depot.shipped')}</th></tr></thead>
        <tbody>
          {order.lines.map((l) => {
            const v = valueOf(l);
            const done = l.confirmed >= l.quantity;
            return (
              <tr key={l.id}>
                <td>{l.part.partNo} {partName(l.part, lang)}<br /><small>{money(l.unitPrice)}</small></td>
                <td>{qty(l.quantity)}</td>
                <td>{qty(availableOf(l.part.id))}</td>
                <td>{qty(l.confirmed)}{!done && <> + <input aria-label={t('depot.confirmed')} size={5} value={v.confirmed} onChange={(e) => set(l, 'confirmed', e.target.value)} /></>}</td>
                <td>{done ? qty(l.backordered) : <input aria-label={t('depot.backordered')} size={5} value={v.backordered} onChange={(e) => set(l, 'backordered', e.target.value)} />}</td>
                <td>{done ? (l.eta ? fmtDay(l.eta.slice(0, 10), lang) : '–') : <DayInput label={t('depot.eta')} value={v.eta} onChange={(day) => set(l, 'eta', day)} />}</td>
                <td>{qty(l.shipped)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="actions">
        <button type="button" disabled={confirm.busy || order.lines.every((l) => l.confirmed >= l.quantity)} onClick={doConfirm}>{t('depot.confirm')}</button>
        <button type="button" disabled={ship.busy || !order.lines.some((l) => l.shipped < l.confirmed)} onClick={doShip}>{t('depot.ship')}</button>
      </div>
      {msg && <p className="hint" role="status">{msg}</p>}
    </div>
  );
}

function Backorders({ version }: { version: number }) {
  const { t, i18n: i } = useTranslation();
  const f = useDeskFilters();
  const sort = useSort({ field: 'submittedAt', direction: 'ASC' });
  const filters = { backordered: true, stationId: f.stationId || null, status: f.status || null };
  const orders = usePaged<Order>(DEPOT_ORDERS_PAGE, 'depotOrdersPage', { ...filters, sort: sort.sort }, { op: 'Query.depotOrdersPage', first: 20 });
  useEffect(() => { if (version) orders.refetch(); }, [version]);
  // one row per back-ordered line of the orders on the page(s) read so far
  const rows = (orders.items ?? []).flatMap((o) => o.lines.filter((l) => l.backordered > 0).map((l) => ({ o, l })));
  if (orders.missing.length) return <QueryProblem of={orders} />;
  return (
    <Panel id="depot-backorders" title={t('depot.backorders')} actions={<ExportButton list="depot-orders" filters={{ ...filters, sort: sort.exportValue }} />}>
      <DeskFilters f={f} />
      <ErrorBox error={orders.error} onRetry={orders.refetch} />
      <Loading r={orders} />
      {orders.items && !rows.length && <Empty>{t('depot.noBackorders')}</Empty>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table data-testid="depot-backorders">
            <thead><tr><th>{t('depot.station')}</th><SortTh s={sort} field="number">{t('depot.number')}</SortTh><th>{t('depot.part')}</th><th className="num">{t('depot.ordered')}</th><th className="num">{t('depot.backordered')}</th><SortTh s={sort} field="expectedAt">{t('depot.eta')}</SortTh><SortTh s={sort} field="submittedAt">{t('depot.age')}</SortTh></tr></thead>
            <tbody>
              {rows.map(({ o, l }) => (
                <tr key={l.id} data-number={o.number} data-part-no={l.part.partNo}>
                  <td>{o.station.code} {o.station.name}</td><td className="mono">{o.number}</td><td><span className="mono">{l.part.partNo}</span> {partName(l.part, i.language)}</td>
                  <td className="num">{qty(l.quantity)}</td><td className="num">{qty(l.backordered)}</td><td className="nowrap">{l.eta?.slice(0, 10) ?? '–'}</td><td className="nowrap">{t('depot.days', { n: ageDays(o) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={orders} />
    </Panel>
  );
}

function Network() {
  const { t } = useTranslation();
  const [part, setPart] = useState<{ id: string; partNo: string; name: string }>();
  const r = useApi<{ networkStock: { station: { id: string; code: string; name: string; kind: string }; onHand: number; available: number; inTransit: number }[] }>(NETWORK, { p: part?.id }, { op: 'Query.networkStock', pause: !part });
  return (
    <Panel title={t('depot.network')}>
      <PartSearch onPick={(p) => setPart(p)} pickLabel={t('depot.pickPart')} autoFocus={false} />
      <ErrorBox error={r.error} />
      {part && r.data && (
        <table data-testid="network-stock">
          <caption>{part.partNo} {part.name}</caption>
          <thead><tr><th>{t('depot.station')}</th><th>{t('depot.onHand')}</th><th>{t('depot.stationAvailable')}</th><th>{t('depot.inTransit')}</th></tr></thead>
          <tbody>
            {r.data.networkStock.map((n) => (
              <tr key={n.station.id} className={n.station.kind === 'DEPOT' ? 'depot' : ''}><td>{n.station.code} {n.station.name}</td><td>{qty(n.onHand)}</td><td>{qty(n.available)}</td><td>{qty(n.inTransit)}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function Scorecards() {
  const { t } = useTranslation();
  const current = new Date().toISOString().slice(0, 7);
  // Opens on the last complete month: a scorecard (服务站考评) is the review of a closed month — its fill
  // rate, turns and depot lead times over the whole month. The current month to date is one step later in
  // the picker; on the 1st it would be an empty chart, and early in a month a handful of lines would rate a station.
  const [month, setMonth] = useState(() => monthsBackFrom(current, 2)[1]);
  const r = useApi<{ stationScorecards: { station: { id: string; code: string; name: string }; fillRate: number; stockTurns: number; inventoryValue: string; surplusValue: string; depotOrderLeadDays: number | null; depotOrders: number }[] }>(SCORECARDS, { m: month }, { op: 'Query.stationScorecards' });
  if (r.missing.length) return <QueryProblem of={r} />;
  return (
    <Panel title={t('depot.scorecards')} actions={<MonthPicker label={t('depot.month')} value={month} latest={current} onChange={setMonth} />}>
      <ErrorBox error={r.error} />
      <Loading r={r} />
      <div className="scorecards">
        {(r.data?.stationScorecards ?? []).map((c) => (
          <div key={c.station.id} className="scorecard" data-testid={`scorecard-${c.station.code}`}>
            <h3>{c.station.code} {c.station.name}</h3>
            <Chart height={180} label={`${c.station.code} ${t('depot.scorecards')}`} option={{
              grid: { left: 40, right: 10, top: 10, bottom: 40 },
              tooltip: {},
              xAxis: { type: 'category', data: [t('depot.fillRate') + ' %', t('depot.stockTurns'), t('depot.leadDays')], axisLabel: { interval: 0, fontSize: 10 } },
              yAxis: { type: 'value' },
              series: [{ type: 'bar', label: { show: true, position: 'top', fontSize: 10 }, data: [Math.round(c.fillRate * 1000) / 10, Math.round(c.stockTurns * 100) / 100, c.depotOrderLeadDays ?? 0] }],
            }} />
            <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '2px 12px', margin: 0 }}>
              <dt>{t('depot.fillRate')}</dt><dd data-testid="fill-rate">{(c.fillRate * 100).toFixed(1)} %</dd>
              <dt>{t('depot.stockTurns')}</dt><dd data-testid="stock-turns">{c.stockTurns.toFixed(2)}</dd>
              <dt>{t('depot.leadDays')}</dt><dd data-testid="lead-days">{c.depotOrderLeadDays == null ? '–' : c.depotOrderLeadDays.toFixed(1)}</dd>
              <dt>{t('depot.inventoryValue')}</dt><dd data-testid="inventory-value">{money(c.inventoryValue)}</dd>
              <dt>{t('depot.surplusValue')}</dt><dd>{money(c.surplusValue)}</dd>
              <dt>{t('depot.depotOrders')}</dt><dd>{c.depotOrders}</dd>
            </dl>
          </div>
        ))}
      </div>
    </Panel>
  );
}

export function DepotPage() {
  const [version, setVersion] = useState(0);
  return (
    <div className="page depot">
      <OrderDesk onChanged={() => setVersion((v) => v + 1)} />
      <Backorders version={version} />
      <Network />
      <Scorecards />
    </div>
  );
}
