/**
 * 库存 — stock: a part's levels by warehouse and bin and its ledger, the
 * warehouse ledger, transfers, stocktake entry and approval, write-off request
 * and approval, and the inbound statistics chart (入库统计图).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PartSearch, type Part } from '../components/part-search';
import { ErrorBox, Loading, QueryProblem, useAction, useApi, qty, partName, Panel, Empty, ExportButton } from '../components/ui';
import { fmtMonth } from '../dates';
import { Ledger, Transfers, Stocktakes, WriteOffs, BinMove, WriteOffRequest } from './stock-room';
import { Chart } from '../components/chart';
import { INBOUND_STATS, PART_STOCK } from '../api/ops';
import { useSession } from '../session';
import { hasRole } from '../auth';

const TABS = ['levels', 'ledger', 'transfers', 'stocktakes', 'writeOffs', 'pending', 'inbound'] as const;
type Tab = (typeof TABS)[number];

export function StockPage() {
  const { t } = useTranslation();
  const [part, setPart] = useState<Part>();
  const { stationId, session } = useSession();
  // 待我审批 is a manager's list (HQ's too: hasRole lets HQ_ADMIN through): only they decide write-offs and stocktakes.
  const tabs = TABS.filter((x) => x !== 'pending' || hasRole(session, 'STATION_MANAGER'));
  // /stock?tab=transfers&transfer=<id> (the exchange's "ship it" / "receive it") opens that tab
  const [tab, setTab] = useState<Tab>(() => {
    const want = new URLSearchParams(location.search).get('tab');
    return (tabs as readonly string[]).includes(want ?? '') ? (want as Tab) : 'levels';
  });
  const [version, setVersion] = useState(0); // a bin move or write-off request changes the levels: read them again
  return (
    <div className="page stock">
      <Panel title={usePickTitle()} id="stock-search">
        <PartSearch onPick={setPart} pickLabel={t('stock.show')} autoFocus={false} />
      </Panel>
      <div className="tabs no-print" role="tablist">
        {tabs.map((x) => (
          <button key={x} type="button" role="tab" aria-selected={tab === x} className={tab === x ? 'on' : ''} onClick={() => setTab(x)} data-tab={x}>{t(`stockTabs.${x}`)}</button>
        ))}
      </div>
      {tab === 'levels' && (part ? <><PartLevels partId={part.id} version={version} /><BinMove part={part} onDone={() => setVersion((n) => n + 1)} /><WriteOffRequest part={part} onDone={() => setVersion((n) => n + 1)} /></> : <Empty>{t('stock.pickPartFirst')}</Empty>)}
      {tab === 'ledger' && <Ledger part={part} />}
      {tab === 'transfers' && stationId && <Transfers stationId={stationId} part={part} focus={new URLSearchParams(location.search).get('transfer') ?? undefined} />}
      {tab === 'stocktakes' && stationId && <Stocktakes stationId={stationId} />}
      {tab === 'writeOffs' && stationId && <WriteOffs stationId={stationId} pendingForMe={false} part={part} />}
      {tab === 'pending' && stationId && <><WriteOffs stationId={stationId} pendingForMe /><Stocktakes stationId={stationId} pendingOnly /></>}
      {tab === 'inbound' && stationId && <InboundChart stationId={stationId} />}
      {!stationId && <Empty>{t('app.pickStation')}</Empty>}
    </div>
  );
}
const usePickTitle = () => useTranslation().t('stock.find');

function PartLevels({ partId, version }: { partId: string; version: number }) {
  const { t, i18n } = useTranslation();
  const { stationId } = useSession();
  const r = useApi<{ part: Part | null }>(PART_STOCK, { id: partId, stationId: stationId ?? null, version }, { op: 'Query.part' });
  const p = r.data?.part;
  return (
    <Panel id="levels" title={p ? `${t('stock.levels')} · ${p.partNo} ${partName(p, i18n.language)}` : t('stock.levels')} actions={<button type="button" onClick={r.refetch}>{t('common.refresh')}</button>}>
      <ErrorBox error={r.error} onRetry={r.refetch} />
      {p?.stock && (
        <>
          <p className="meta">{t('stock.totals', { onHand: qty(p.stock.onHand), available: qty(p.stock.available), inTransit: qty(p.stock.inTransit), unit: p.unit })}</p>
          {p.stock.levels.length === 0 ? (
            <Empty>{t('stock.noLevels')}</Empty>
          ) : (
            <table data-testid="levels">
              <thead>
                <tr>
                  <th>{t('stock.warehouse')}</th>
                  <th>{t('part.bin')}</th>
                  <th className="num">{t('stock.onHand')}</th>
                  <th className="num">{t('stock.reserved')}</th>
                  <th className="num">{t('part.available')}</th>
                </tr>
              </thead>
              <tbody>
                {p.stock.levels.map((l) => (
                  <tr key={l.bin.id} className={l.bin.quarantine ? 'quarantine' : ''}>
                    <td>{l.bin.warehouse.code} {l.bin.warehouse.name}</td>
                    <td className="mono">{l.bin.code}{l.bin.quarantine && <span className="tag">{t('stock.quarantine')}</span>}</td>
                    <td className="num">{qty(l.onHand)}</td>
                    <td className="num">{qty(l.reserved)}</td>
                    <td className="num">{qty(l.available)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Panel>
  );
}

function monthsBack(n: number): [string, string] {
  const d = new Date();
  const to = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  const f = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - (n - 1), 1));
  return [`${f.getUTCFullYear()}-${String(f.getUTCMonth() + 1).padStart(2, '0')}`, to];
}

function InboundChart({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const [from, to] = monthsBack(12);
  const r = useApi<{ inboundStatistics: { month: string; category?: string; received: number; accepted: number; damaged: number; value: string; receipts: number; supplier: { id: string; name: string } }[] }>(INBOUND_STATS, { stationId, fromMonth: from, toMonth: to }, { op: 'Query.inboundStatistics' });
  const rows = r.data?.inboundStatistics ?? [];
  const option = useMemo(() => {
    const months: string[] = [];
    let [y, m] = from.split('-').map(Number);
    for (let i = 0; i < 12; i++) {
      months.push(`${y}-${String(m).padStart(2, '0')}`);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    const sum = (k: 'accepted' | 'damaged') => months.map((mo) => rows.filter((x) => x.month === mo).reduce((a, x) => a + x[k], 0));
    const value = months.map((mo) => Math.round(rows.filter((x) => x.month === mo).reduce((a, x) => a + Number(x.value), 0)));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('inbound.accepted'), t('inbound.damaged'), t('inbound.value')] },
      grid: { left: 50, right: 60, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: months.map((mo) => fmtMonth(mo, i18n.language)) },
      yAxis: [{ type: 'value', name: t('inbound.qty') }, { type: 'value', name: '¥', splitLine: { show: false } }],
      series: [
        { name: t('inbound.accepted'), type: 'bar', stack: 'q', data: sum('accepted'), itemStyle: { color: '#3b8c5a' } },
        { name: t('inbound.damaged'), type: 'bar', stack: 'q', data: sum('damaged'), itemStyle: { color: '#c94a3d' } },
        { name: t('inbound.value'), type: 'line', yAxisIndex: 1, data: value, itemStyle: { color: '#4a7bd0' } },
      ],
    };
  }, [rows, i18n.language]);
  return (
    <Panel id="inbound" title={t('inbound.title')} actions={<ExportButton list="inbound-statistics" filters={{ stationId, fromMonth: from, toMonth: to }} />}>
      <QueryProblem of={r} />
      <Loading r={r} />
      {r.data && <Chart option={option} label={t('inbound.title')} height={260} />}
      {r.data && rows.length === 0 && <p className="hint">{t('inbound.none')}</p>}
    </Panel>
  );
}

