/**
 * 采购 — purchasing: shortage alerts pushed over graphql-ws (badge + list, no
 * reload), reorder recommendations with their explanation and a chart of the
 * part's monthly consumption and forecast, selected recommendations → a
 * purchase order, receiving with damaged quantities, damage claims and the
 * P-replacement orders they generated.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBox, Loading, Unavailable, useAction, useApi, qty, money, partName, Panel, Empty } from '../components/ui';
import { Chart } from '../components/chart';
import { CONSUMPTION, DAMAGE_CLAIMS, MARK_SHIPPED, PO_FROM_RECS, PURCHASE_ORDERS, RECEIVE_GOODS, RECOMMENDATIONS, SHORTAGES, SUBMIT_PO, SUPPLIERS } from '../api/ops';
import { useSession, type LiveAlert } from '../session';
import { newKey } from '../auth';

export function PurchasingPage() {
  const { stationId } = useSession();
  return (
    <div className="page purchasing">
      <AlertsPanel />
      {stationId ? (
        <>
          <RecommendationsPanel stationId={stationId} />
          <PurchaseOrdersPanel stationId={stationId} />
          <DamageClaimsPanel stationId={stationId} />
        </>
      ) : null}
    </div>
  );
}

type Shortage = LiveAlert['shortage'];

function AlertsPanel() {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const open = useApi<{ shortages: Shortage[] }>(SHORTAGES, { stationId: s.stationId ?? null }, { op: 'Query.shortages' });
  const subMissing = s.caps && s.caps.size > 0 && !s.caps.has('Subscription.shortageAlerts');
  useEffect(() => {
    if (s.alerts.length) open.refetch();
  }, [s.alerts.length]);
  const liveIds = new Set(s.alerts.map((a) => a.shortage.id));
  const rows: { shortage: Shortage; live?: LiveAlert }[] = [
    ...s.alerts.map((a) => ({ shortage: a.shortage, live: a })),
    ...(open.data?.shortages ?? []).filter((x) => !liveIds.has(x.id)).map((x) => ({ shortage: x })),
  ];
  return (
    <Panel
      id="alerts"
      title={
        <>
          {t('alerts.title')} <span className={`ws-label ws-${s.wsState}`}>{t(`ws.${s.wsState}`)}</span>
        </>
      }
    >
      {subMissing && <Unavailable ops={['Subscription.shortageAlerts']} />}
      <ErrorBox error={s.alertsError} />
      {open.missing.length > 0 ? <Unavailable ops={open.missing} /> : <ErrorBox error={open.error} onRetry={open.refetch} />}
      <Loading r={open} />
      {rows.length === 0 ? (
        <Empty>{t('alerts.none')}</Empty>
      ) : (
        <table className="alerts" data-testid="alerts">
          <thead>
            <tr>
              <th />
              <th>{t('alerts.openedAt')}</th>
              <th>{t('part.partNo')}</th>
              <th>{t('part.name')}</th>
              <th>{t('alerts.kind')}</th>
              <th className="num">{t('alerts.quantity')}</th>
              <th className="num">{t('part.available')}</th>
              <th>{t('alerts.repairOrder')}</th>
              {!s.stationId && <th>{t('app.station')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ shortage: x, live }) => (
              <tr key={x.id} className={live ? 'live' : ''} data-part-no={x.part.partNo}>
                <td>{live && <span className="tag live">{t('alerts.new')}</span>}</td>
                <td>{new Date(x.openedAt).toLocaleString(i18n.language)}</td>
                <td className="mono">{x.part.partNo}</td>
                <td>{partName(x.part, i18n.language)}</td>
                <td>{t(`shortageKind.${x.kind}`, { defaultValue: x.kind })}</td>
                <td className="num">{qty(x.quantity)}</td>
                <td className="num">{live ? qty(live.available) : '–'}</td>
                <td className="mono">{x.repairOrder?.number ?? ''}</td>
                {!s.stationId && <td>{x.station.code}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

interface Rec { part: { id: string; partNo: string; name: string; nameEn?: string; unit: string }; demandClass: string; method: string; forecastPerMonth: number; seasonalIndex: number; leadTimeDays: number; safetyStock: number; reorderPoint: number; orderUpTo: number; onHand: number; onOrder: number; suggestedQuantity: number; networkSurplus: number; explanation: string }

function RecommendationsPanel({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const [fillRate, setFillRate] = useState('0.95');
  const [review, setReview] = useState('7');
  const [onlySuggested, setOnlySuggested] = useState(true);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<Rec>();
  const [supplierId, setSupplierId] = useState('');
  const [created, setCreated] = useState<{ number: string }>();
  const recs = useApi<{ reorderRecommendations: Rec[] }>(RECOMMENDATIONS, { stationId, targetFillRate: Number(fillRate) || 0.95, reviewPeriodDays: Number(review) || 7 }, { op: 'Query.reorderRecommendations' });
  const suppliers = useApi<{ suppliers: { id: string; code: string; name: string; leadTimeDays: number }[] }>(SUPPLIERS, {}, { op: 'Query.suppliers' });
  const create = useAction<{ createPurchaseOrderFromRecommendations: { id: string; number: string } }>(PO_FROM_RECS);
  const all = recs.data?.reorderRecommendations ?? [];
  const rows = (onlySuggested ? all.filter((r) => r.suggestedQuantity > 0) : all).slice(0, 200);
  useEffect(() => {
    if (!supplierId && suppliers.data?.suppliers.length) setSupplierId(suppliers.data.suppliers[0].id);
  }, [suppliers.data, supplierId]);
  const toggle = (id: string) => setSelected((s) => {
    const n = new Set(s);
    if (n.has(id)) n.delete(id);
    else n.add(id);
    return n;
  });
  const makePo = async () => {
    const r = await create.exec({ stationId, supplierId, partIds: [...selected] });
    if (r) {
      setCreated(r.createPurchaseOrderFromRecommendations);
      setSelected(new Set());
    }
  };
  return (
    <Panel id="recommendations" title={t('recs.title')}>
      <div className="row">
        <label>
          {t('recs.fillRate')}
          <select value={fillRate} onChange={(e) => setFillRate(e.target.value)}>
            {['0.85', '0.9', '0.95', '0.98', '0.99'].map((v) => (
              <option key={v} value={v}>{Math.round(Number(v) * 100)}%</option>
            ))}
          </select>
        </label>
        <label>
          {t('recs.review')}
          <input className="qty" type="number" min={1} max={90} value={review} onChange={(e) => setReview(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={onlySuggested} onChange={(e) => setOnlySuggested(e.target.checked)} /> {t('recs.onlySuggested')}
        </label>
      </div>
      {recs.missing.length > 0 ? <Unavailable ops={recs.missing} /> : <ErrorBox error={recs.error} onRetry={recs.refetch} />}
      {recs.fetching && !recs.data && <p className="hint">{t('common.loading')}</p>}
      {recs.data && rows.length === 0 && <Empty>{t('recs.none')}</Empty>}
      {rows.length > 0 && (
        <div className="split">
          <div className="scroll">
            <table className="recs" data-testid="recs">
              <thead>
                <tr>
                  <th />
                  <th>{t('part.partNo')}</th>
                  <th>{t('part.name')}</th>
                  <th>{t('recs.class')}</th>
                  <th className="num">{t('recs.forecast')}</th>
                  <th className="num">{t('recs.safety')}</th>
                  <th className="num">{t('recs.rop')}</th>
                  <th className="num">{t('recs.upTo')}</th>
                  <th className="num">{t('recs.onHand')}</th>
                  <th className="num">{t('recs.onOrder')}</th>
                  <th className="num">{t('recs.surplus')}</th>
                  <th className="num">{t('recs.suggested')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.part.id} className={focus?.part.id === r.part.id ? 'active' : ''} onClick={() => setFocus(r)}>
                    <td>
                      <input type="checkbox" checked={selected.has(r.part.id)} onChange={() => toggle(r.part.id)} onClick={(e) => e.stopPropagation()} aria-label={r.part.partNo} />
                    </td>
                    <td className="mono">{r.part.partNo}</td>
                    <td>{partName(r.part, i18n.language)}</td>
                    <td>{t(`demandClass.${r.demandClass}`, { defaultValue: r.demandClass })}</td>
                    <td className="num">{qty(Math.round(r.forecastPerMonth * 100) / 100)}</td>
                    <td className="num">{qty(Math.round(r.safetyStock * 100) / 100)}</td>
                    <td className="num">{qty(Math.round(r.reorderPoint * 100) / 100)}</td>
                    <td className="num">{qty(Math.round(r.orderUpTo * 100) / 100)}</td>
                    <td className="num">{qty(r.onHand)}</td>
                    <td className="num">{qty(r.onOrder)}</td>
                    <td className="num">{r.networkSurplus > 0 ? <strong>{qty(r.networkSurplus)}</strong> : '0'}</td>
                    <td className="num"><strong>{qty(r.suggestedQuantity)}</strong></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="detail-pane">
            {focus ? <RecDetail rec={focus} stationId={stationId} /> : <Empty>{t('recs.pick')}</Empty>}
          </div>
        </div>
      )}
      <div className="row">
        <label>
          {t('recs.supplier')}
          <select value={supplierId} onChange={(e) => setSupplierId(e.target.value)}>
            {(suppliers.data?.suppliers ?? []).map((s) => (
              <option key={s.id} value={s.id}>{s.code} {s.name}</option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" disabled={!selected.size || !supplierId || create.busy} onClick={makePo}>
          {t('recs.createPo', { count: selected.size })}
        </button>
      </div>
      <ErrorBox error={create.error} />
      {created && <p className="ok-msg" role="status">{t('recs.created', { number: created.number })}</p>}
    </Panel>
  );
}

function RecDetail({ rec, stationId }: { rec: Rec; stationId: string }) {
  const { t, i18n } = useTranslation();
  const hist = useApi<{ consumptionHistory: { month: string; quantity: number }[] }>(CONSUMPTION, { stationId, partId: rec.part.id }, { op: 'Query.consumptionHistory' });
  const option = useMemo(() => {
    const h = hist.data?.consumptionHistory ?? [];
    const months = h.map((x) => x.month);
    const last = months[months.length - 1];
    const future: string[] = [];
    if (last) {
      let [y, m] = last.split('-').map(Number);
      for (let i = 0; i < 3; i++) {
        m += 1;
        if (m > 12) { m = 1; y += 1; }
        future.push(`${y}-${String(m).padStart(2, '0')}`);
      }
    }
    const forecast = rec.forecastPerMonth * (rec.seasonalIndex || 1);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('recs.chartHistory'), t('recs.chartForecast')], top: 0 },
      grid: { left: 40, right: 10, top: 30, bottom: 40 },
      xAxis: { type: 'category', data: [...months, ...future], axisLabel: { rotate: 45, fontSize: 10 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('recs.chartHistory'), type: 'bar', data: [...h.map((x) => x.quantity), ...future.map(() => null)], itemStyle: { color: '#4a7bd0' } },
        { name: t('recs.chartForecast'), type: 'line', data: [...months.map((_, i) => (i >= months.length - 1 ? forecast : null)), ...future.map(() => Math.round(forecast * 100) / 100)], lineStyle: { type: 'dashed', color: '#e0702a' }, itemStyle: { color: '#e0702a' }, connectNulls: true },
      ],
    };
  }, [hist.data, rec, i18n.language]);
  return (
    <div className="rec-detail">
      <h3>
        <span className="mono">{rec.part.partNo}</span> {partName(rec.part, i18n.language)}
      </h3>
      <p className="meta">
        {t(`demandClass.${rec.demandClass}`, { defaultValue: rec.demandClass })} · {rec.method} · {t('recs.leadTime', { days: rec.leadTimeDays })} · {t('recs.seasonal', { index: rec.seasonalIndex.toFixed(2) })}
      </p>
      <p className="explanation" data-testid="explanation">{rec.explanation}</p>
      {hist.missing.length > 0 ? <Unavailable ops={hist.missing} /> : <ErrorBox error={hist.error} />}
      {hist.data && <Chart option={option} label={t('recs.chartLabel', { partNo: rec.part.partNo })} height={230} />}
    </div>
  );
}

interface PoLine { id: string; quantity: number; unitPrice: string; received: number; accepted: number; damaged: number; part: { id: string; partNo: string; name: string; nameEn?: string; unit: string; unitPrecision: number } }
interface Po { id: string; number: string; kind: string; status: string; supplier: { id: string; code: string; name: string }; lines: PoLine[] }

function PurchaseOrdersPanel({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const pos = useApi<{ purchaseOrders: Po[] }>(PURCHASE_ORDERS, { stationId }, { op: 'Query.purchaseOrders' });
  const submit = useAction(SUBMIT_PO);
  const ship = useAction(MARK_SHIPPED);
  const [receiving, setReceiving] = useState<string>();
  const list = (pos.data?.purchaseOrders ?? []).slice().reverse();
  return (
    <Panel id="purchase-orders" title={t('po.title')} actions={<button type="button" onClick={pos.refetch}>{t('common.refresh')}</button>}>
      {pos.missing.length > 0 ? <Unavailable ops={pos.missing} /> : <ErrorBox error={pos.error} onRetry={pos.refetch} />}
      <Loading r={pos} />
      <ErrorBox error={submit.error ?? ship.error} />
      {pos.data && list.length === 0 && <Empty>{t('po.none')}</Empty>}
      {list.length > 0 && (
        <table className="pos" data-testid="purchase-orders">
          <thead>
            <tr>
              <th>{t('po.number')}</th>
              <th>{t('po.kind')}</th>
              <th>{t('po.supplier')}</th>
              <th>{t('po.status')}</th>
              <th className="num">{t('po.lines')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((po) => (
              <PoRow key={po.id} po={po} open={receiving === po.id} onReceive={() => setReceiving(receiving === po.id ? undefined : po.id)}
                onSubmit={async () => { if (await submit.exec({ id: po.id })) pos.refetch(); }}
                onShip={async () => { if (await ship.exec({ id: po.id })) pos.refetch(); }}
                onReceived={() => pos.refetch()} stationId={stationId} />
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function PoRow({ po, open, onReceive, onSubmit, onShip, onReceived, stationId }: { po: Po; open: boolean; onReceive(): void; onSubmit(): void; onShip(): void; onReceived(): void; stationId: string }) {
  const { t } = useTranslation();
  // goods are received once the supplier has shipped (已到货)
  const receivable = ['SHIPPED', 'PARTIALLY_RECEIVED'].includes(po.status);
  return (
    <>
      <tr data-po={po.number}>
        <td className="mono">{po.number}</td>
        <td>{po.kind === 'REPLACEMENT' ? <span className="tag p">{t('po.replacement')}</span> : t('po.standard')}</td>
        <td>{po.supplier.name}</td>
        <td>{t(`poStatus.${po.status}`, { defaultValue: po.status })}</td>
        <td className="num">{po.lines.length}</td>
        <td className="actions">
          {po.status === 'DRAFT' && <button type="button" className="small" onClick={onSubmit}>{t('po.submit')}</button>}
          {po.status === 'SUBMITTED' && <button type="button" className="small" onClick={onShip}>{t('po.markShipped')}</button>}
          {receivable && <button type="button" className="small primary" onClick={onReceive} data-testid={`receive-${po.number}`}>{t('po.receive')}</button>}
        </td>
      </tr>
      {open && (
        <tr className="expand">
          <td colSpan={6}>
            <ReceiveForm po={po} stationId={stationId} onDone={onReceived} />
          </td>
        </tr>
      )}
    </>
  );
}

interface ReceiptResult { id: string; number: string; damageClaim?: { id: string; number: string; amount: string; replacementOrder?: { id: string; number: string; status: string } | null } | null }

function ReceiveForm({ po, stationId, onDone }: { po: Po; stationId: string; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { stations } = useSession();
  const warehouses = stations.find((s) => s.id === stationId)?.warehouses ?? [];
  const [warehouseId, setWarehouseId] = useState('');
  useEffect(() => {
    if (!warehouseId && warehouses.length) setWarehouseId(warehouses[0].id);
  }, [warehouses, warehouseId]);
  const [lines, setLines] = useState(() => po.lines.map((l) => ({ id: l.id, received: String(Math.max(l.quantity - l.received, 0)), damaged: '0', reason: '' })));
  const [key] = useState(() => newKey('rcv'));
  const receive = useAction<{ receiveGoods: ReceiptResult }>(RECEIVE_GOODS);
  const [result, setResult] = useState<ReceiptResult>();
  const set = (i: number, k: 'received' | 'damaged' | 'reason', v: string) => setLines(lines.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  const submit = async () => {
    const input = lines
      .filter((l) => Number(l.received) > 0)
      .map((l) => ({ purchaseOrderLineId: l.id, received: Number(l.received), damaged: Number(l.damaged) || 0, damageReason: Number(l.damaged) > 0 ? l.reason || t('po.damagedDefault') : null }));
    const r = await receive.exec({ purchaseOrderId: po.id, warehouseId, lines: input, idempotencyKey: key });
    if (r) {
      setResult(r.receiveGoods);
      onDone();
    }
  };
  if (result)
    return (
      <div className="ok-msg" role="status" data-testid="receipt-result">
        {t('po.received', { number: result.number })}
        {result.damageClaim && (
          <div>
            {t('po.claim', { number: result.damageClaim.number, amount: money(result.damageClaim.amount) })}
            {result.damageClaim.replacementOrder && <> · {t('po.replacementOrder', { number: result.damageClaim.replacementOrder.number })}</>}
          </div>
        )}
      </div>
    );
  return (
    <div className="receive-form" data-testid="receive-form">
      <label>
        {t('po.warehouse')}
        <select value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
          {warehouses.map((w) => (
            <option key={w.id} value={w.id}>{w.code} {w.name}</option>
          ))}
        </select>
      </label>
      <table className="lines">
        <thead>
          <tr>
            <th>{t('part.partNo')}</th>
            <th>{t('part.name')}</th>
            <th className="num">{t('po.ordered')}</th>
            <th className="num">{t('po.alreadyReceived')}</th>
            <th className="num">{t('po.receivedNow')}</th>
            <th className="num">{t('po.damaged')}</th>
            <th>{t('po.damageReason')}</th>
          </tr>
        </thead>
        <tbody>
          {po.lines.map((l, i) => (
            <tr key={l.id} data-part-no={l.part.partNo}>
              <td className="mono">{l.part.partNo}</td>
              <td>{partName(l.part, i18n.language)}</td>
              <td className="num">{qty(l.quantity)}</td>
              <td className="num">{qty(l.received)}</td>
              <td className="num"><input className="qty" name="received" type="number" min={0} step="any" value={lines[i].received} onChange={(e) => set(i, 'received', e.target.value)} aria-label={t('po.receivedNow')} /></td>
              <td className="num"><input className="qty" name="damaged" type="number" min={0} step="any" value={lines[i].damaged} onChange={(e) => set(i, 'damaged', e.target.value)} aria-label={t('po.damaged')} /></td>
              <td><input name="reason" value={lines[i].reason} onChange={(e) => set(i, 'reason', e.target.value)} placeholder={t('po.damagedDefault')} disabled={!(Number(lines[i].damaged) > 0)} aria-label={t('po.damageReason')} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" disabled={receive.busy || !warehouseId} onClick={submit} data-testid="confirm-receipt">
        {t('po.confirmReceipt')}
      </button>
      <ErrorBox error={receive.error} />
    </div>
  );
}

function DamageClaimsPanel({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const claims = useApi<{ damageClaims: { id: string; number: string; status: string; amount: string; supplier: { name: string }; replacementOrder?: { number: string; status: string } | null }[] }>(DAMAGE_CLAIMS, { stationId }, { op: 'Query.damageClaims' });
  return (
    <Panel id="damage-claims" title={t('claims.title')} actions={<button type="button" onClick={claims.refetch}>{t('common.refresh')}</button>}>
      {claims.missing.length > 0 ? <Unavailable ops={claims.missing} /> : <ErrorBox error={claims.error} onRetry={claims.refetch} />}
      <Loading r={claims} />
      {claims.data && claims.data.damageClaims.length === 0 && <Empty>{t('claims.none')}</Empty>}
      {(claims.data?.damageClaims.length ?? 0) > 0 && (
        <table data-testid="damage-claims">
          <thead>
            <tr>
              <th>{t('claims.number')}</th>
              <th>{t('po.supplier')}</th>
              <th>{t('po.status')}</th>
              <th className="num">{t('claims.amount')}</th>
              <th>{t('claims.replacement')}</th>
            </tr>
          </thead>
          <tbody>
            {claims.data!.damageClaims.map((c) => (
              <tr key={c.id}>
                <td className="mono">{c.number}</td>
                <td>{c.supplier.name}</td>
                <td>{t(`claimStatus.${c.status}`, { defaultValue: c.status })}</td>
                <td className="num">{money(c.amount)}</td>
                <td className="mono">{c.replacementOrder ? `${c.replacementOrder.number} · ${t(`poStatus.${c.replacementOrder.status}`, { defaultValue: c.replacementOrder.status })}` : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
