/**
 * 推荐订货 — recommendations a purchaser acts on: search, filters (to order,
 * demand class, supplier, without offer), sort, every row reachable (shown in
 * pages of 100 with a count, never cut off silently), select-all over the
 * filtered rows, the preferred supplier and its pack/minimum on each row, and
 * "create orders" → one draft per preferred supplier. Parts nobody offers are
 * named, each with a form to add an offer on the spot.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart } from '../../components/chart';
import { Empty, ErrorBox, Loading, Panel, Unavailable, money, partName, qty, useApi } from '../../components/ui';
import { CONSUMPTION } from '../../api/ops';
import { POS_FROM_RECS, RECOMMENDATIONS } from '../../api/purchasing-ops';
import { OfferForm, OffersTable } from './offer-form';
import { RefusalBox, refusalOf, useCommand, type Offer, type PartRef } from './common';

export interface Rec {
  part: PartRef & { offers: Offer[] }; supplierId?: string | null; demandClass: string; method: string; forecastPerMonth: number; seasonalIndex: number; leadTimeDays: number; safetyStock: number;
  reorderPoint: number; orderUpTo: number; onHand: number; onOrder: number; suggestedQuantity: number; networkSurplus: number; netRequirement: number; fromNetworkSurplus: number;
  packSize: number; minOrderQty: number; explanation: string;
}

const PAGE = 100;
type Sort = 'suggested' | 'partNo' | 'value';

export function RecommendationsPanel({ stationId, onOrdersCreated }: { stationId: string; onOrdersCreated(): void }) {
  const { t, i18n } = useTranslation();
  const [fillRate, setFillRate] = useState('0.95');
  const [review, setReview] = useState('7');
  const [text, setText] = useState('');
  const [onlySuggested, setOnlySuggested] = useState(true);
  const [demandClass, setDemandClass] = useState('');
  const [supplier, setSupplier] = useState('');
  const [sort, setSort] = useState<Sort>('suggested');
  const [limit, setLimit] = useState(PAGE);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [focus, setFocus] = useState<string>();
  const [created, setCreated] = useState<{ id: string; number: string; amount: string; supplier: { code: string; name: string }; lines: unknown[] }[]>();
  const recs = useApi<{ reorderRecommendations: Rec[] }>(RECOMMENDATIONS, { stationId, targetFillRate: Number(fillRate) || 0.95, reviewPeriodDays: Number(review) || 7 }, { op: 'Query.reorderRecommendations' });
  const create = useCommand<{ createPurchaseOrdersFromRecommendations: NonNullable<typeof created> }>(POS_FROM_RECS);
  const all = recs.data?.reorderRecommendations ?? [];
  const preferredOf = (r: Rec) => r.part.offers.find((o) => o.preferred) ?? r.part.offers.find((o) => o.supplier.id === r.supplierId);
  const suppliers = useMemo(() => {
    const m = new Map<string, { id: string; code: string; name: string }>();
    for (const r of all) { const o = preferredOf(r); if (o) m.set(o.supplier.id, o.supplier); }
    return [...m.values()].sort((a, b) => a.code.localeCompare(b.code));
  }, [all]);
  const q = text.trim().toLowerCase();
  const filtered = useMemo(() => {
    const value = (r: Rec) => r.suggestedQuantity * Number(preferredOf(r)?.unitPrice ?? 0);
    const rows = all.filter((r) => {
      if (onlySuggested && r.suggestedQuantity <= 0) return false;
      if (demandClass && r.demandClass !== demandClass) return false;
      const o = preferredOf(r);
      if (supplier === '-' ? !!o : supplier && o?.supplier.id !== supplier) return false;
      if (q && !r.part.partNo.toLowerCase().replace(/-/g, '').includes(q.replace(/-/g, '')) && !r.part.name.toLowerCase().includes(q) && !(r.part.nameEn ?? '').toLowerCase().includes(q)) return false;
      return true;
    });
    const by: Record<Sort, (a: Rec, b: Rec) => number> = {
      suggested: (a, b) => b.suggestedQuantity - a.suggestedQuantity || a.part.partNo.localeCompare(b.part.partNo),
      partNo: (a, b) => a.part.partNo.localeCompare(b.part.partNo),
      value: (a, b) => value(b) - value(a) || a.part.partNo.localeCompare(b.part.partNo),
    };
    return rows.sort(by[sort]);
  }, [all, onlySuggested, demandClass, supplier, q, sort]);
  const rows = filtered.slice(0, limit);
  const toggle = (id: string) => {
    const n = new Set(selected);
    if (n.has(id)) n.delete(id); else n.add(id);
    setSelected(n);
  };
  const allSelected = filtered.length > 0 && filtered.every((r) => selected.has(r.part.id));
  // the parts the last attempt named as offered by nobody: they keep their offer forms until the next attempt
  const [noOfferIds, setNoOfferIds] = useState<string[]>([]);
  const missingParts = noOfferIds.map((id) => all.find((r) => r.part.id === id)).filter((r): r is Rec => !!r);
  const makeOrders = async () => {
    setCreated(undefined);
    setNoOfferIds([]);
    const r = await create.exec({ stationId, partIds: [...selected] });
    const refused = refusalOf(r.error);
    if (refused?.reason === 'NO_SUPPLIER_OFFER') setNoOfferIds(refused.params.partIds ?? []);
    if (r.data && !r.error) {
      setCreated(r.data.createPurchaseOrdersFromRecommendations);
      setSelected(new Set());
      onOrdersCreated();
      recs.refetch();
    }
  };
  const focused = all.find((r) => r.part.id === focus);
  return (
    <Panel id="recs" title={t('pur.recs.title')} actions={<button type="button" onClick={recs.refetch}>{t('common.refresh')}</button>}>
      <div className="row filters">
        <label>{t('recs.fillRate')}<input className="qty" value={fillRate} onChange={(e) => setFillRate(e.target.value)} /></label>
        <label>{t('recs.review')}<input className="qty" value={review} onChange={(e) => setReview(e.target.value)} /></label>
        <label>{t('pur.recs.search')}<input type="search" value={text} onChange={(e) => { setText(e.target.value); setLimit(PAGE); }} placeholder={t('pur.recs.searchPh')} data-testid="recs-search" /></label>
        <label>{t('recs.class')}
          <select value={demandClass} onChange={(e) => setDemandClass(e.target.value)}>
            <option value="">{t('pur.recs.allClasses')}</option>
            {['SMOOTH', 'ERRATIC', 'INTERMITTENT', 'LUMPY', 'NEW'].map((c) => <option key={c} value={c}>{t(`demandClass.${c}`)}</option>)}
          </select>
        </label>
        <label>{t('pur.recs.supplier')}
          <select value={supplier} onChange={(e) => setSupplier(e.target.value)} data-testid="recs-supplier">
            <option value="">{t('pur.recs.allSuppliers')}</option>
            {suppliers.map((s) => <option key={s.id} value={s.id}>{s.code} {s.name}</option>)}
            <option value="-">{t('pur.recs.noOfferOnly')}</option>
          </select>
        </label>
        <label>{t('pur.recs.sort')}
          <select value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="suggested">{t('pur.recs.sortSuggested')}</option>
            <option value="value">{t('pur.recs.sortValue')}</option>
            <option value="partNo">{t('pur.recs.sortPartNo')}</option>
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={onlySuggested} onChange={(e) => setOnlySuggested(e.target.checked)} />{t('pur.recs.onlySuggested')}</label>
      </div>
      {recs.missing.length > 0 ? <Unavailable ops={recs.missing} /> : <ErrorBox error={recs.error} onRetry={recs.refetch} />}
      <Loading r={recs} />
      {recs.data && filtered.length === 0 && <Empty>{t('recs.none')}</Empty>}
      {filtered.length > 0 && (
        <>
          <div className="row tight">
            <span className="hint" data-testid="recs-count">{t('pur.recs.shown', { shown: rows.length, total: filtered.length })} · {t('pur.recs.selected', { count: selected.size })}</span>
            <button type="button" className="small" onClick={() => setSelected(new Set([...selected, ...filtered.map((r) => r.part.id)]))} disabled={allSelected} data-testid="select-all">{t('pur.recs.selectAll', { count: filtered.length })}</button>
            <button type="button" className="small" onClick={() => setSelected(new Set())} disabled={!selected.size}>{t('pur.recs.clear')}</button>
          </div>
          <div className="split">
            <div className="scroll">
              <table data-testid="recs">
                <thead>
                  <tr>
                    <th><input type="checkbox" checked={allSelected} onChange={() => setSelected(allSelected ? new Set() : new Set(filtered.map((r) => r.part.id)))} aria-label={t('pur.recs.selectAll', { count: filtered.length })} /></th>
                    <th>{t('part.partNo')}</th>
                    <th>{t('part.name')}</th>
                    <th className="num">{t('recs.onHand')}</th>
                    <th className="num">{t('recs.onOrder')}</th>
                    <th className="num">{t('recs.rop')}</th>
                    <th className="num">{t('recs.suggested')}</th>
                    <th>{t('pur.recs.supplier')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const o = preferredOf(r);
                    const need = Math.max(0, r.netRequirement - r.fromNetworkSurplus);
                    return (
                      <tr key={r.part.id} className={focus === r.part.id ? 'active' : ''} onClick={() => setFocus(r.part.id)} data-part-no={r.part.partNo}>
                        <td><input type="checkbox" checked={selected.has(r.part.id)} onChange={() => toggle(r.part.id)} onClick={(e) => e.stopPropagation()} aria-label={r.part.partNo} /></td>
                        <td className="mono">{r.part.partNo}</td>
                        <td>{partName(r.part, i18n.language)}<div className="sub">{t(`demandClass.${r.demandClass}`, { defaultValue: r.demandClass })}</div></td>
                        <td className="num">{qty(r.onHand)}</td>
                        <td className="num">{qty(r.onOrder)}</td>
                        <td className="num">{qty(Math.round(r.reorderPoint * 100) / 100)}</td>
                        <td className="num">
                          <strong data-testid="suggested">{qty(r.suggestedQuantity)}</strong>
                          {r.suggestedQuantity > 0 && Math.abs(r.suggestedQuantity - need) > 1e-9 && (
                            <div className="sub" data-testid="rounded">{t('pur.recs.rounded', { need: qty(need), qty: qty(r.suggestedQuantity), pack: qty(r.packSize), moq: qty(r.minOrderQty) })}</div>
                          )}
                        </td>
                        <td>
                          {o ? (
                            <>{o.supplier.code}<div className="sub">{money(o.unitPrice)} · {t('pur.recs.lot', { pack: qty(o.packSize), moq: qty(o.minOrderQty) })}</div></>
                          ) : <span className="tag warn">{t('pur.recs.noOffer')}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {filtered.length > rows.length && (
                <button type="button" className="link" onClick={() => setLimit(limit + PAGE)} data-testid="recs-more">{t('pur.recs.more', { count: Math.min(PAGE, filtered.length - rows.length) })}</button>
              )}
            </div>
            <div className="detail-pane">
              {focused ? <RecDetail rec={focused} stationId={stationId} onOfferSaved={recs.refetch} /> : <Empty>{t('recs.pick')}</Empty>}
            </div>
          </div>
        </>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={!selected.size || create.busy} onClick={makeOrders} data-testid="create-orders">
          {t('pur.recs.create', { count: selected.size })}
        </button>
      </div>
      {missingParts.length > 0 ? (
        <div className="warn-msg" role="alert" data-reason="NO_SUPPLIER_OFFER" data-testid="no-offer">
          <strong>{t('pur.recs.noOfferTitle')}</strong> <span className="mono">{missingParts.map((r) => r.part.partNo).join('、')}</span>
          <p className="hint">{t('pur.recs.noOfferHint')}</p>
          {missingParts.map((r) => <OfferForm key={r.part.id} part={r.part} onSaved={recs.refetch} />)}
        </div>
      ) : <RefusalBox error={create.error} />}
      {created && (
        <div className="ok-msg" role="status" data-testid="orders-created">
          {t('pur.recs.created', { count: created.length })}
          <ul>
            {created.map((o) => <li key={o.id}><span className="mono">{o.number}</span> · {o.supplier.code} {o.supplier.name} · {o.lines.length} · {money(o.amount)}</li>)}
          </ul>
        </div>
      )}
    </Panel>
  );
}

function RecDetail({ rec, stationId, onOfferSaved }: { rec: Rec; stationId: string; onOfferSaved(): void }) {
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
  const [adding, setAdding] = useState(false);
  return (
    <div className="rec-detail">
      <h3><span className="mono">{rec.part.partNo}</span> {partName(rec.part, i18n.language)}</h3>
      <p className="explanation" data-testid="explanation">{rec.explanation}</p>
      <details className="stats">
        <summary>{t('pur.recs.statistics')}</summary>
        <p className="meta">
          {t(`demandClass.${rec.demandClass}`, { defaultValue: rec.demandClass })} · {rec.method} · {t('recs.leadTime', { days: rec.leadTimeDays })} · {t('recs.seasonal', { index: rec.seasonalIndex.toFixed(2) })} ·
          {' '}{t('recs.forecast')} {qty(Math.round(rec.forecastPerMonth * 100) / 100)} · {t('recs.safety')} {qty(Math.round(rec.safetyStock * 100) / 100)} · {t('recs.upTo')} {qty(Math.round(rec.orderUpTo * 100) / 100)} · {t('recs.surplus')} {qty(rec.networkSurplus)}
        </p>
      </details>
      {hist.missing.length > 0 ? <Unavailable ops={hist.missing} /> : <ErrorBox error={hist.error} />}
      {hist.data && <Chart option={option} label={t('recs.chartLabel', { partNo: rec.part.partNo })} height={230} />}
      <h4>{t('pur.offer.title')}</h4>
      <OffersTable offers={rec.part.offers} />
      {adding ? <OfferForm part={rec.part} onSaved={onOfferSaved} /> : <button type="button" className="small" onClick={() => setAdding(true)}>{t('pur.recs.addOffer')}</button>}
    </div>
  );
}
