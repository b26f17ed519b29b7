/**
 * 推荐订货 — recommendations a purchaser acts on, read page by page from
 * `reorderRecommendationsPage`: sorted and filtered on the server (to order,
 * demand class; a text query narrows to the parts the catalog search finds),
 * "n of N" with "more", select-all over the whole filtered set (every page's
 * ids, not only the loaded rows), the preferred supplier and its pack/minimum
 * on each row with the rounding said in words, and "create orders" → one
 * draft per preferred supplier. Parts nobody offers are named, each with a
 * form to add an offer on the spot. The detail pane says why in plain words
 * (explanationItems, translated), the statistics folded below.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { Chart } from '../../components/chart';
import { Empty, ErrorBox, ExportButton, Loading, Pager, Panel, SortTh, QueryProblem, money, partName, qty, useApi, useDebounced, usePaged, useSort } from '../../components/ui';
import { CONSUMPTION } from '../../api/ops';
import { PART_IDS_MATCHING, POS_FROM_RECS, RECOMMENDATION_IDS_PAGE, RECOMMENDATIONS_PAGE } from '../../api/purchasing-ops';
import { explanationTexts, type ExplanationLanguage } from '../../locales/explanations';
import { OfferForm, OffersTable } from './offer-form';
import { refusalOf, useCommand, type Offer, type PartRef } from './common';

export interface Rec {
  part: PartRef & { offers: Offer[] }; supplierId?: string | null; demandClass: string; method: string; forecastPerMonth: number; seasonalIndex: number; leadTimeDays: number; safetyStock: number;
  reorderPoint: number; orderUpTo: number; onHand: number; onOrder: number; suggestedQuantity: number; networkSurplus: number; netRequirement: number; fromNetworkSurplus: number;
  packSize: number; minOrderQty: number; explanation: string; orderValue: number; explanationItems: { reason: string; params: Record<string, unknown> }[];
}

const PAGE = 50;
type Created = { id: string; number: string; amount: string; supplier: { code: string; name: string }; lines: unknown[] }[];

export function RecommendationsPanel({ stationId, onOrdersCreated }: { stationId: string; onOrdersCreated(): void }) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [fillRate, setFillRate] = useState('0.95');
  const [review, setReview] = useState('7');
  const [text, setText] = useState('');
  const [onlySuggested, setOnlySuggested] = useState(true);
  const [demandClass, setDemandClass] = useState('');
  const sort = useSort({ field: 'partNo', direction: 'ASC' });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [selecting, setSelecting] = useState(false);
  const [focus, setFocus] = useState<Rec>();
  const [created, setCreated] = useState<Created>();
  const q = useDebounced(text.trim(), 300);
  // a text query: the catalog search's parts (up to 200) narrow the recommendations to those
  const matching = useApi<{ searchParts: { hits: { part: { id: string } }[] } }>(PART_IDS_MATCHING, { query: q }, { op: 'Query.searchParts', pause: !q });
  const partIds = q ? matching.data?.searchParts.hits.map((h) => h.part.id) : null;
  const targetFillRate = Number(fillRate) > 0 && Number(fillRate) < 1 ? Number(fillRate) : 0.95;
  const reviewPeriodDays = Number.isInteger(Number(review)) && Number(review) >= 0 ? Number(review) : 7;
  const filters = { stationId, targetFillRate, reviewPeriodDays, partIds: partIds ?? null, demandClass: demandClass || null, toOrder: onlySuggested ? true : null };
  const recs = usePaged<Rec>(RECOMMENDATIONS_PAGE, 'reorderRecommendationsPage', { ...filters, sort: sort.sort }, { op: 'Query.reorderRecommendationsPage', first: PAGE, pause: !!q && !partIds });
  const create = useCommand<{ createPurchaseOrdersFromRecommendations: Created }>(POS_FROM_RECS);
  const rows = q && partIds && partIds.length === 0 ? [] : recs.items ?? [];
  const total = q && partIds && partIds.length === 0 ? 0 : recs.totalCount ?? 0;
  const preferredOf = (r: Rec) => r.part.offers.find((o) => o.preferred) ?? r.part.offers.find((o) => o.supplier.id === r.supplierId);
  const toggle = (id: string) => {
    const n = new Set(selected);
    if (n.has(id)) n.delete(id); else n.add(id);
    setSelected(n);
  };
  const pageSelected = rows.length > 0 && rows.every((r) => selected.has(r.part.id));
  /** Every part id of the filtered set, page by page (ids only). */
  const selectAllFiltered = async () => {
    setSelecting(true);
    const ids: string[] = [];
    let after: string | null = null;
    try {
      for (;;) {
        const res = await client.query(RECOMMENDATION_IDS_PAGE, { ...filters, sort: sort.sort, first: 200, after }, { requestPolicy: 'network-only' }).toPromise();
        const page = res.data?.reorderRecommendationsPage as { items: { part: { id: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } | undefined;
        if (!page) break;
        ids.push(...page.items.map((i) => i.part.id));
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        after = page.pageInfo.endCursor;
      }
    } finally {
      setSelecting(false);
    }
    setSelected(new Set([...selected, ...ids]));
  };
  // the parts the last attempt named as offered by nobody: they keep their offer forms until the next attempt
  const [noOfferIds, setNoOfferIds] = useState<string[]>([]);
  const missing = usePaged<Rec>(RECOMMENDATIONS_PAGE, 'reorderRecommendationsPage', { stationId, targetFillRate, reviewPeriodDays, partIds: noOfferIds, demandClass: null, toOrder: null, sort: null },
    { op: 'Query.reorderRecommendationsPage', first: 200, pause: noOfferIds.length === 0 });
  const missingParts = noOfferIds.length ? missing.items ?? [] : [];
  const makeOrders = async () => {
    setCreated(undefined);
    setNoOfferIds([]);
    const r = await create.exec({ stationId, partIds: [...selected], targetFillRate, reviewPeriodDays });
    const refused = refusalOf(r.error);
    if (refused?.reason === 'NO_SUPPLIER_OFFER') setNoOfferIds(refused.params.partIds ?? []);
    if (r.data && !r.error) {
      setCreated(r.data.createPurchaseOrdersFromRecommendations);
      setSelected(new Set());
      onOrdersCreated();
      recs.refetch();
    }
  };
  const exportFilters = { stationId, targetFillRate, reviewPeriodDays, partIds: partIds ?? null, demandClass: demandClass || null, toOrder: onlySuggested ? true : null, sort: sort.exportValue };
  return (
    <Panel id="recs" title={t('pur.recs.title')} actions={
      <div className="row tight">
        <ExportButton list="reorder-recommendations" filters={exportFilters} />
        <button type="button" onClick={recs.refetch}>{t('common.refresh')}</button>
      </div>
    }>
      <div className="row filters">
        <label>{t('recs.fillRate')}<input className="qty" value={fillRate} onChange={(e) => setFillRate(e.target.value)} /></label>
        <label>{t('recs.review')}<input className="qty" value={review} onChange={(e) => setReview(e.target.value)} /></label>
        <label>{t('pur.recs.search')}<input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('pur.recs.searchPh')} data-testid="recs-search" /></label>
        <label>{t('recs.class')}
          <select value={demandClass} onChange={(e) => setDemandClass(e.target.value)} data-testid="recs-class">
            <option value="">{t('pur.recs.allClasses')}</option>
            {['SMOOTH', 'ERRATIC', 'INTERMITTENT', 'LUMPY', 'NEW'].map((c) => <option key={c} value={c}>{t(`demandClass.${c}`)}</option>)}
          </select>
        </label>
        <label className="check"><input type="checkbox" checked={onlySuggested} onChange={(e) => setOnlySuggested(e.target.checked)} />{t('pur.recs.onlySuggested')}</label>
      </div>
      <QueryProblem of={{ ...recs, error: recs.error ?? matching.error }} />
      <Loading r={recs.fetching || matching.fetching ? { fetching: true } : recs} />
      {(recs.data || (q && partIds?.length === 0)) && !recs.fetching && rows.length === 0 && <Empty>{t('recs.none')}</Empty>}
      {rows.length > 0 && (
        <>
          <div className="row tight">
            <span className="hint" data-testid="recs-count">{t('pur.recs.shown', { shown: rows.length, total })} · {t('pur.recs.selected', { count: selected.size })}</span>
            <button type="button" className="small" onClick={selectAllFiltered} disabled={selecting} data-testid="select-all">{selecting ? t('common.working') : t('pur.recs.selectAll', { count: total })}</button>
            <button type="button" className="small" onClick={() => setSelected(new Set())} disabled={!selected.size}>{t('pur.recs.clear')}</button>
          </div>
          <div className="split">
            <div className="scroll">
              <table data-testid="recs" aria-busy={recs.fetching} className={recs.fetching ? 'stale' : undefined}>
                <thead>
                  <tr>
                    <th><input type="checkbox" checked={pageSelected} onChange={() => { const n = new Set(selected); rows.forEach((r) => (pageSelected ? n.delete(r.part.id) : n.add(r.part.id))); setSelected(n); }} aria-label={t('pur.recs.selectShown', { count: rows.length })} /></th>
                    <SortTh s={sort} field="partNo">{t('part.partNo')}</SortTh>
                    <SortTh s={sort} field="demandClass">{t('part.name')}</SortTh>
                    <th className="num">{t('recs.onHand')}</th>
                    <th className="num">{t('recs.onOrder')}</th>
                    <SortTh s={sort} field="orderUpTo" num first="DESC">{t('recs.upTo')}</SortTh>
                    <SortTh s={sort} field="suggestedQuantity" num first="DESC">{t('recs.suggested')}</SortTh>
                    <SortTh s={sort} field="orderValue" num first="DESC">{t('pur.recs.sortValue')}</SortTh>
                    <th>{t('pur.recs.supplier')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const o = preferredOf(r);
                    const need = Math.max(0, r.netRequirement - r.fromNetworkSurplus);
                    return (
                      <tr key={r.part.id} className={focus?.part.id === r.part.id ? 'active' : ''} onClick={() => setFocus(r)} data-part-no={r.part.partNo}>
                        <td><input type="checkbox" checked={selected.has(r.part.id)} onChange={() => toggle(r.part.id)} onClick={(e) => e.stopPropagation()} aria-label={r.part.partNo} /></td>
                        <td className="mono">{r.part.partNo}</td>
                        <td>{partName(r.part, i18n.language)}<div className="sub">{t(`demandClass.${r.demandClass}`, { defaultValue: r.demandClass })}</div></td>
                        <td className="num">{qty(r.onHand)}</td>
                        <td className="num">{qty(r.onOrder)}</td>
                        <td className="num">{qty(Math.round(r.orderUpTo * 100) / 100)}</td>
                        <td className="num">
                          <strong data-testid="suggested">{qty(r.suggestedQuantity)}</strong>
                          {r.suggestedQuantity > 0 && Math.abs(r.suggestedQuantity - need) > 1e-9 && (
                            <div className="sub wraps" data-testid="rounded">{t('pur.recs.rounded', { need: qty(Math.round(need * 100) / 100), qty: qty(r.suggestedQuantity), pack: qty(r.packSize), moq: qty(r.minOrderQty) })}</div>
                          )}
                        </td>
                        <td className="num">{r.orderValue > 0 ? money(String(r.orderValue)) : '–'}</td>
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
              <Pager p={recs} />
            </div>
            <div className="detail-pane">
              {focus ? <RecDetail key={focus.part.id} rec={focus} stationId={stationId} onOfferSaved={recs.refetch} /> : <Empty>{t('recs.pick')}</Empty>}
            </div>
          </div>
        </>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={!selected.size || create.busy} onClick={makeOrders} data-testid="create-orders">
          {t('pur.recs.create', { count: selected.size })}
        </button>
      </div>
      {noOfferIds.length > 0 ? (
        <div className="warn-msg" role="alert" data-reason="NO_SUPPLIER_OFFER" data-testid="no-offer">
          <strong>{t('pur.recs.noOfferTitle')}</strong> <span className="mono">{(refusalOf(create.error)?.params.partNos ?? []).join('、')}</span>
          <p className="hint">{t('pur.recs.noOfferHint')}</p>
          {missingParts.map((r) => <OfferForm key={r.part.id} part={r.part} onSaved={() => { recs.refetch(); missing.refetch(); }} />)}
        </div>
      ) : <ErrorBox error={create.error} />}
      {created && (
        <div className="ok-msg" role="status" data-testid="orders-created">
          {t('pur.recs.created', { count: created.length })}
          <ul>
            {created.map((o) => <li key={o.id}><span className="mono">{o.number}</span> · {o.supplier.code} {o.supplier.name} · {t('pur.recs.createdLines', { count: o.lines.length })} · {money(o.amount)}</li>)}
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
  const { plain, statistics } = useMemo(() => explanationTexts(rec.explanationItems ?? [], (i18n.language.startsWith('en') ? 'en' : 'zh') as ExplanationLanguage), [rec, i18n.language]);
  return (
    <div className="rec-detail">
      <h3><span className="mono">{rec.part.partNo}</span> {partName(rec.part, i18n.language)}</h3>
      {plain.length > 0 ? (
        <ul className="explanation plain" data-testid="explanation">{plain.map((x) => <li key={x}>{x}</li>)}</ul>
      ) : <p className="explanation" data-testid="explanation">{rec.explanation}</p>}
      <details className="stats" data-testid="statistics">
        <summary>{t('pur.recs.statistics')}</summary>
        {statistics.length > 0 && <ul className="plain">{statistics.map((x) => <li key={x}>{x}</li>)}</ul>}
        <p className="meta">
          {t(`demandClass.${rec.demandClass}`, { defaultValue: rec.demandClass })} · {rec.method} · {t('recs.leadTime', { days: rec.leadTimeDays })} · {t('recs.seasonal', { index: rec.seasonalIndex.toFixed(2) })} ·
          {' '}{t('recs.forecast')} {qty(Math.round(rec.forecastPerMonth * 100) / 100)} · {t('recs.safety')} {qty(Math.round(rec.safetyStock * 100) / 100)} · {t('recs.upTo')} {qty(Math.round(rec.orderUpTo * 100) / 100)} · {t('recs.surplus')} {qty(rec.networkSurplus)}
        </p>
      </details>
      <QueryProblem of={hist} noRetry />
      {hist.data && <Chart option={option} label={t('recs.chartLabel', { partNo: rec.part.partNo })} height={230} />}
      <h4>{t('pur.offer.title')}</h4>
      <OffersTable offers={rec.part.offers} />
      {adding ? <OfferForm part={rec.part} onSaved={onOfferSaved} /> : <button type="button" className="small" onClick={() => setAdding(true)}>{t('pur.recs.addOffer')}</button>}
    </div>
  );
}
