/**
 * 库存 — stock: a part's levels by warehouse and bin and its ledger, the
 * warehouse ledger, transfers, stocktake entry and approval, write-off request
 * and approval, and the inbound statistics chart (入库统计图).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PartSearch, type Part } from '../components/part-search';
import { ErrorBox, Loading, Unavailable, useAction, useApi, useMissing, qty, money, partName, Panel, Empty } from '../components/ui';
import { Chart } from '../components/chart';
import { APPROVE_STOCKTAKE, APPROVE_WRITE_OFF, INBOUND_STATS, MOVEMENTS, PART_STOCK, RECORD_COUNT, REQUEST_WRITE_OFF, SHIP_TRANSFER, START_STOCKTAKE, TRANSFERS, CREATE_TRANSFER } from '../api/ops';
import { useSession } from '../session';
import { canManage } from '../app';

export function StockPage() {
  const [part, setPart] = useState<Part>();
  const { stationId } = useSession();
  return (
    <div className="page stock">
      <Panel title={usePickTitle()} id="stock-search">
        <PartSearch onPick={setPart} pickLabel={useTranslation().t('stock.show')} />
      </Panel>
      {part && <PartLevels partId={part.id} />}
      {part && <Ledger partId={part.id} />}
      {stationId && <InboundChart stationId={stationId} />}
      {stationId && <Transfers stationId={stationId} part={part} />}
      {stationId && <StocktakePanel part={part} />}
      {stationId && <WriteOffPanel part={part} />}
    </div>
  );
}
const usePickTitle = () => useTranslation().t('stock.find');

function PartLevels({ partId }: { partId: string }) {
  const { t, i18n } = useTranslation();
  const { stationId } = useSession();
  const r = useApi<{ part: Part | null }>(PART_STOCK, { id: partId, stationId: stationId ?? null }, { op: 'Query.part' });
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

function Ledger({ partId }: { partId: string }) {
  const { t, i18n } = useTranslation();
  const r = useApi<{ stockMovements: { id: string; type: string; quantity: number; reference?: string; occurredAt: string; actor: string; bin: { code: string; warehouse: { code: string } } }[] }>(MOVEMENTS, { partId }, { op: 'Query.stockMovements' });
  return (
    <Panel id="ledger" title={t('stock.ledger')}>
      {r.missing.length > 0 ? <Unavailable ops={r.missing} /> : <ErrorBox error={r.error} onRetry={r.refetch} />}
      <Loading r={r} />
      {r.data && r.data.stockMovements.length === 0 && <Empty>{t('stock.noMovements')}</Empty>}
      {(r.data?.stockMovements.length ?? 0) > 0 && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                <th>{t('stock.when')}</th>
                <th>{t('stock.type')}</th>
                <th>{t('part.bin')}</th>
                <th className="num">{t('counter.quantity')}</th>
                <th>{t('stock.reference')}</th>
                <th>{t('stock.actor')}</th>
              </tr>
            </thead>
            <tbody>
              {r.data!.stockMovements.map((m) => (
                <tr key={m.id}>
                  <td>{new Date(m.occurredAt).toLocaleString(i18n.language)}</td>
                  <td>{t(`movement.${m.type}`, { defaultValue: m.type })}</td>
                  <td className="mono">{m.bin.warehouse.code}/{m.bin.code}</td>
                  <td className={`num ${m.quantity < 0 ? 'neg' : ''}`}>{qty(m.quantity)}</td>
                  <td className="mono">{m.reference ?? ''}</td>
                  <td>{m.actor}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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
      xAxis: { type: 'category', data: months },
      yAxis: [{ type: 'value', name: t('inbound.qty') }, { type: 'value', name: '¥', splitLine: { show: false } }],
      series: [
        { name: t('inbound.accepted'), type: 'bar', stack: 'q', data: sum('accepted'), itemStyle: { color: '#3b8c5a' } },
        { name: t('inbound.damaged'), type: 'bar', stack: 'q', data: sum('damaged'), itemStyle: { color: '#c94a3d' } },
        { name: t('inbound.value'), type: 'line', yAxisIndex: 1, data: value, itemStyle: { color: '#4a7bd0' } },
      ],
    };
  }, [rows, i18n.language]);
  return (
    <Panel id="inbound" title={t('inbound.title')}>
      {r.missing.length > 0 ? <Unavailable ops={r.missing} /> : <ErrorBox error={r.error} onRetry={r.refetch} />}
      <Loading r={r} />
      {r.data && <Chart option={option} label={t('inbound.title')} height={260} />}
      {r.data && rows.length === 0 && <p className="hint">{t('inbound.none')}</p>}
    </Panel>
  );
}

function Transfers({ stationId, part }: { stationId: string; part?: Part }) {
  const { t } = useTranslation();
  const { station } = useSession();
  const list = useApi<{ transfers: { id: string; status: string }[] }>(TRANSFERS, { stationId }, { op: 'Query.transfers' });
  const create = useAction(CREATE_TRANSFER);
  const ship = useAction(SHIP_TRANSFER);
  const missingCreate = useMissing('Mutation.createTransfer');
  const whs = station?.warehouses ?? [];
  const [form, setForm] = useState({ from: '', to: '', quantity: '1' });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!part) return;
    if (await create.exec({ from: form.from, to: form.to, lines: [{ partId: part.id, quantity: Number(form.quantity) }] })) list.refetch();
  };
  return (
    <Panel id="transfers" title={t('transfers.title')}>
      {list.missing.length > 0 ? <Unavailable ops={list.missing} /> : <ErrorBox error={list.error} onRetry={list.refetch} />}
      <Loading r={list} />
      {list.data && list.data.transfers.length === 0 && <Empty>{t('transfers.none')}</Empty>}
      {(list.data?.transfers.length ?? 0) > 0 && (
        <table>
          <tbody>
            {list.data!.transfers.map((x) => (
              <tr key={x.id}>
                <td className="mono">{x.id.slice(0, 8)}</td>
                <td>{t(`transferStatus.${x.status}`, { defaultValue: x.status })}</td>
                <td>{x.status === 'DRAFT' && <button type="button" className="small" onClick={async () => { if (await ship.exec({ id: x.id })) list.refetch(); }}>{t('transfers.ship')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorBox error={ship.error} />
      {missingCreate.length === 0 && (
        <form className="row" onSubmit={submit}>
          <span>{part ? `${part.partNo}` : t('stock.pickPartFirst')}</span>
          <select aria-label={t('transfers.from')} value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })}>
            <option value="">{t('transfers.from')}</option>
            {whs.map((w) => <option key={w.id} value={w.id}>{w.code} {w.name}</option>)}
          </select>
          <select aria-label={t('transfers.to')} value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })}>
            <option value="">{t('transfers.to')}</option>
            {whs.map((w) => <option key={w.id} value={w.id}>{w.code} {w.name}</option>)}
          </select>
          <input className="qty" type="number" min={0} step="any" value={form.quantity} onChange={(e) => setForm({ ...form, quantity: e.target.value })} aria-label={t('counter.quantity')} />
          <button type="submit" disabled={!part || !form.from || !form.to || create.busy}>{t('transfers.create')}</button>
        </form>
      )}
      <ErrorBox error={create.error} />
    </Panel>
  );
}

function BinSelect({ value, onChange, quarantine = false }: { value: string; onChange(v: string): void; quarantine?: boolean }) {
  const { t } = useTranslation();
  const { station } = useSession();
  return (
    <select aria-label={t('part.bin')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('part.bin')}</option>
      {(station?.warehouses ?? []).map((w) => (
        <optgroup key={w.id} label={`${w.code} ${w.name}`}>
          {w.bins.filter((b) => quarantine || !b.quarantine).map((b) => <option key={b.id} value={b.id}>{w.code}/{b.code}</option>)}
        </optgroup>
      ))}
    </select>
  );
}

function StocktakePanel({ part }: { part?: Part }) {
  const { t } = useTranslation();
  const s = useSession();
  const manager = canManage(s.session);
  const missing = useMissing('Mutation.startStocktake', 'Mutation.recordCount', 'Mutation.approveStocktake');
  const [warehouseId, setWarehouseId] = useState('');
  const [stocktakeId, setStocktakeId] = useState('');
  const [binId, setBinId] = useState('');
  const [counted, setCounted] = useState('');
  const [log, setLog] = useState<string[]>([]);
  const start = useAction<{ startStocktake: { id: string } }>(START_STOCKTAKE);
  const record = useAction(RECORD_COUNT);
  const approve = useAction(APPROVE_STOCKTAKE);
  return (
    <Panel id="stocktake" title={t('stocktake.title')}>
      {missing.length > 0 ? (
        <Unavailable ops={missing} />
      ) : (
        <>
          <div className="row">
            <select aria-label={t('stock.warehouse')} value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
              <option value="">{t('stock.warehouse')}</option>
              {(s.station?.warehouses ?? []).map((w) => <option key={w.id} value={w.id}>{w.code} {w.name}</option>)}
            </select>
            <button type="button" disabled={!warehouseId || start.busy} onClick={async () => { const r = await start.exec({ warehouseId }); if (r) setStocktakeId(r.startStocktake.id); }}>{t('stocktake.start')}</button>
            <input placeholder={t('stocktake.id')} value={stocktakeId} onChange={(e) => setStocktakeId(e.target.value)} aria-label={t('stocktake.id')} />
          </div>
          {stocktakeId && (
            <form className="row" onSubmit={async (e) => {
              e.preventDefault();
              if (!part) return;
              if (await record.exec({ id: stocktakeId, partId: part.id, binId, counted: Number(counted) })) {
                setLog([`${part.partNo} @ ${binId.slice(0, 6)}: ${counted}`, ...log]);
                setCounted('');
              }
            }}>
              <span>{part ? part.partNo : t('stock.pickPartFirst')}</span>
              <BinSelect value={binId} onChange={setBinId} />
              <input className="qty" type="number" min={0} step="any" value={counted} onChange={(e) => setCounted(e.target.value)} aria-label={t('stocktake.counted')} placeholder={t('stocktake.counted')} />
              <button type="submit" disabled={!part || !binId || counted === ''}>{t('stocktake.record')}</button>
              {manager && <button type="button" className="primary" onClick={async () => { if (await approve.exec({ id: stocktakeId })) setLog([t('stocktake.approved'), ...log]); }}>{t('stocktake.approve')}</button>}
            </form>
          )}
          {log.length > 0 && <ul className="log">{log.map((l, i) => <li key={i}>{l}</li>)}</ul>}
          <ErrorBox error={start.error ?? record.error ?? approve.error} />
        </>
      )}
    </Panel>
  );
}

function WriteOffPanel({ part }: { part?: Part }) {
  const { t } = useTranslation();
  const s = useSession();
  const manager = canManage(s.session);
  const missing = useMissing('Mutation.requestWriteOff', 'Mutation.approveWriteOff');
  const [binId, setBinId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [reason, setReason] = useState('');
  const [approveId, setApproveId] = useState('');
  const [msg, setMsg] = useState<string>();
  const request = useAction<{ requestWriteOff: { id: string } }>(REQUEST_WRITE_OFF);
  const approve = useAction(APPROVE_WRITE_OFF);
  return (
    <Panel id="write-off" title={t('writeOff.title')}>
      {missing.length > 0 ? (
        <Unavailable ops={missing} />
      ) : (
        <>
          <form className="row" onSubmit={async (e) => {
            e.preventDefault();
            if (!part) return;
            const r = await request.exec({ partId: part.id, binId, quantity: Number(quantity), reason });
            if (r) { setMsg(t('writeOff.requested', { id: r.requestWriteOff.id })); setApproveId(r.requestWriteOff.id); }
          }}>
            <span>{part ? part.partNo : t('stock.pickPartFirst')}</span>
            <BinSelect value={binId} onChange={setBinId} quarantine />
            <input className="qty" type="number" min={0} step="any" value={quantity} onChange={(e) => setQuantity(e.target.value)} aria-label={t('counter.quantity')} />
            <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('writeOff.reason')} aria-label={t('writeOff.reason')} />
            <button type="submit" disabled={!part || !binId || !reason.trim()}>{t('writeOff.request')}</button>
          </form>
          {manager && (
            <div className="row">
              <input value={approveId} onChange={(e) => setApproveId(e.target.value)} placeholder={t('writeOff.id')} aria-label={t('writeOff.id')} />
              <button type="button" className="primary" disabled={!approveId} onClick={async () => { if (await approve.exec({ id: approveId })) setMsg(t('writeOff.approved')); }}>{t('writeOff.approve')}</button>
            </div>
          )}
          {msg && <p className="ok-msg">{msg}</p>}
          <ErrorBox error={request.error ?? approve.error} />
        </>
      )}
    </Panel>
  );
}
void money;
