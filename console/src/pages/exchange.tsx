/**
 * 调剂 — the exchange board: own surplus candidates → list them; other
 * stations' listings → request a swap; incoming requests → accept or reject.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBox, Loading, Unavailable, useAction, useApi, useDebounced, qty, money, partName, Panel, Empty } from '../components/ui';
import { ACCEPT_SWAP, LIST_SURPLUS, OWN_LISTINGS, REJECT_SWAP, REQUEST_SWAP, SURPLUS_CANDIDATES, SURPLUS_LISTINGS, SWAPS, WITHDRAW_SURPLUS } from '../api/ops';
import { useSession } from '../session';

interface Candidate { part: { id: string; partNo: string; name: string; nameEn?: string; unit: string }; onHand: number; available: number; listed: number; reason: string; explanation: string; listableQuantity: number; unitCost: string; excessValue: string; hqCap?: string | null; warehouse?: { id: string; code: string; name: string } | null }
interface Listing { id: string; quantity: number; remaining: number; status: string; unitPrice: string; listedAt: string; part: { id: string; partNo: string; name: string; nameEn?: string; unit: string }; station: { id: string; code: string; name: string }; warehouse: { id: string; code: string; name: string } }
interface Swap { id: string; quantity: number; unitPrice: string; amount: string; status: string; reason?: string; requestedAt: string; requestedBy: string; part: { partNo: string; name: string; nameEn?: string; unit: string }; fromStation: { code: string; name: string }; toStation: { code: string; name: string }; toWarehouse: { code: string; name: string } }

export function ExchangePage() {
  const { stationId } = useSession();
  return (
    <div className="page exchange">
      {stationId && <Candidates stationId={stationId} />}
      {stationId && <OwnListings stationId={stationId} />}
      <Board />
      {stationId && <Incoming stationId={stationId} />}
    </div>
  );
}

function Candidates({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const r = useApi<{ surplusCandidates: Candidate[] }>(SURPLUS_CANDIDATES, { stationId }, { op: 'Query.surplusCandidates' });
  const list = useAction(LIST_SURPLUS);
  const [edit, setEdit] = useState<Record<string, { quantity: string; price: string }>>({});
  const [done, setDone] = useState<string>();
  const rows = (r.data?.surplusCandidates ?? []).filter((c) => c.listableQuantity > 0).slice(0, 100);
  return (
    <Panel id="candidates" title={t('exchange.candidates')} actions={<button type="button" onClick={r.refetch}>{t('common.refresh')}</button>}>
      {r.missing.length > 0 ? <Unavailable ops={r.missing} /> : <ErrorBox error={r.error} onRetry={r.refetch} />}
      <Loading r={r} />
      {r.data && rows.length === 0 && <Empty>{t('exchange.noCandidates')}</Empty>}
      {rows.length > 0 && (
        <div className="scroll">
          <table data-testid="candidates">
            <thead>
              <tr>
                <th>{t('part.partNo')}</th>
                <th>{t('part.name')}</th>
                <th>{t('exchange.reason')}</th>
                <th className="num">{t('stock.onHand')}</th>
                <th className="num">{t('exchange.listable')}</th>
                <th className="num">{t('exchange.excessValue')}</th>
                <th>{t('exchange.quantity')}</th>
                <th>{t('exchange.price')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const key = `${c.part.id}:${c.warehouse?.id ?? ''}`;
                const e = edit[key] ?? { quantity: String(c.listableQuantity), price: c.unitCost };
                return (
                  <tr key={key} title={c.explanation}>
                    <td className="mono">{c.part.partNo}</td>
                    <td>{partName(c.part, i18n.language)}<div className="sub">{c.explanation}</div></td>
                    <td>{t(`surplusReason.${c.reason}`, { defaultValue: c.reason })}</td>
                    <td className="num">{qty(c.onHand)}</td>
                    <td className="num">{qty(c.listableQuantity)}</td>
                    <td className="num">{money(c.excessValue)}</td>
                    <td><input className="qty" type="number" min={0} step="any" value={e.quantity} onChange={(x) => setEdit({ ...edit, [key]: { ...e, quantity: x.target.value } })} aria-label={t('exchange.quantity')} /></td>
                    <td><input className="qty" value={e.price} onChange={(x) => setEdit({ ...edit, [key]: { ...e, price: x.target.value } })} aria-label={t('exchange.price')} /></td>
                    <td>
                      <button type="button" className="small" disabled={!c.warehouse || list.busy} onClick={async () => {
                        if (await list.exec({ partId: c.part.id, warehouseId: c.warehouse!.id, quantity: Number(e.quantity), unitPrice: e.price })) { setDone(c.part.partNo); r.refetch(); }
                      }}>{t('exchange.list')}</button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ErrorBox error={list.error} />
      {done && <p className="ok-msg">{t('exchange.listed', { partNo: done })}</p>}
    </Panel>
  );
}

function OwnListings({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const r = useApi<{ stationSurplusListings: Listing[] }>(OWN_LISTINGS, { stationId }, { op: 'Query.stationSurplusListings' });
  const withdraw = useAction(WITHDRAW_SURPLUS);
  const rows = (r.data?.stationSurplusListings ?? []).filter((l) => l.status === 'OPEN');
  return (
    <Panel id="own-listings" title={t('exchange.ownListings')}>
      {r.missing.length > 0 ? <Unavailable ops={r.missing} /> : <ErrorBox error={r.error} onRetry={r.refetch} />}
      <Loading r={r} />
      {r.data && rows.length === 0 && <Empty>{t('exchange.noListings')}</Empty>}
      {rows.length > 0 && (
        <table>
          <tbody>
            {rows.map((l) => (
              <tr key={l.id}>
                <td className="mono">{l.part.partNo}</td>
                <td>{partName(l.part, i18n.language)}</td>
                <td>{l.warehouse.code}</td>
                <td className="num">{qty(l.remaining)} / {qty(l.quantity)} {l.part.unit}</td>
                <td className="num">{money(l.unitPrice)}</td>
                <td><button type="button" className="small" onClick={async () => { if (await withdraw.exec({ id: l.id })) r.refetch(); }}>{t('exchange.withdraw')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorBox error={withdraw.error} />
    </Panel>
  );
}

function Board() {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const r = useApi<{ surplusListings: Listing[] }>(SURPLUS_LISTINGS, { query: q || null }, { op: 'Query.surplusListings' });
  const req = useAction(REQUEST_SWAP);
  const [want, setWant] = useState<Record<string, string>>({});
  const [toWh, setToWh] = useState('');
  const [done, setDone] = useState<string>();
  const whs = s.station?.warehouses ?? [];
  const wh = toWh || whs[0]?.id || '';
  return (
    <Panel id="board" title={t('exchange.board')}>
      <div className="row">
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('search.placeholder')} aria-label={t('exchange.searchBoard')} />
        <label>
          {t('exchange.toWarehouse')}
          <select value={wh} onChange={(e) => setToWh(e.target.value)}>
            {whs.map((w) => <option key={w.id} value={w.id}>{w.code} {w.name}</option>)}
          </select>
        </label>
      </div>
      {r.missing.length > 0 ? <Unavailable ops={r.missing} /> : <ErrorBox error={r.error} onRetry={r.refetch} />}
      <Loading r={r} />
      {r.data && r.data.surplusListings.length === 0 && <Empty>{t('exchange.noListings')}</Empty>}
      {(r.data?.surplusListings.length ?? 0) > 0 && (
        <div className="scroll">
          <table data-testid="board">
            <thead>
              <tr>
                <th>{t('part.partNo')}</th>
                <th>{t('part.name')}</th>
                <th>{t('app.station')}</th>
                <th className="num">{t('exchange.remaining')}</th>
                <th className="num">{t('exchange.price')}</th>
                <th>{t('exchange.quantity')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {r.data!.surplusListings.map((l) => (
                <tr key={l.id}>
                  <td className="mono">{l.part.partNo}</td>
                  <td>{partName(l.part, i18n.language)}</td>
                  <td>{l.station.code} {l.station.name}</td>
                  <td className="num">{qty(l.remaining)} {l.part.unit}</td>
                  <td className="num">{money(l.unitPrice)}</td>
                  <td><input className="qty" type="number" min={0} step="any" value={want[l.id] ?? String(l.remaining)} onChange={(e) => setWant({ ...want, [l.id]: e.target.value })} aria-label={t('exchange.quantity')} /></td>
                  <td>
                    <button type="button" className="small" disabled={!wh || req.busy} onClick={async () => {
                      if (await req.exec({ listingId: l.id, quantity: Number(want[l.id] ?? l.remaining), toWarehouseId: wh })) { setDone(l.part.partNo); r.refetch(); }
                    }}>{t('exchange.request')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorBox error={req.error} />
      {done && <p className="ok-msg">{t('exchange.requested', { partNo: done })}</p>}
    </Panel>
  );
}

function Incoming({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const r = useApi<{ surplusSwaps: Swap[] }>(SWAPS, { stationId, direction: 'INCOMING' }, { op: 'Query.surplusSwaps' });
  const accept = useAction(ACCEPT_SWAP);
  const reject = useAction(REJECT_SWAP);
  const [reason, setReason] = useState<Record<string, string>>({});
  return (
    <Panel id="incoming" title={t('exchange.incoming')} actions={<button type="button" onClick={r.refetch}>{t('common.refresh')}</button>}>
      {r.missing.length > 0 ? <Unavailable ops={r.missing} /> : <ErrorBox error={r.error} onRetry={r.refetch} />}
      <Loading r={r} />
      {r.data && r.data.surplusSwaps.length === 0 && <Empty>{t('exchange.noIncoming')}</Empty>}
      {(r.data?.surplusSwaps.length ?? 0) > 0 && (
        <table data-testid="incoming">
          <tbody>
            {r.data!.surplusSwaps.map((x) => (
              <tr key={x.id}>
                <td>{new Date(x.requestedAt).toLocaleDateString(i18n.language)}</td>
                <td className="mono">{x.part.partNo}</td>
                <td>{partName(x.part, i18n.language)}</td>
                <td>{x.toStation.code} {x.toStation.name}</td>
                <td className="num">{qty(x.quantity)} {x.part.unit}</td>
                <td className="num">{money(x.amount)}</td>
                <td>{t(`swapStatus.${x.status}`, { defaultValue: x.status })}{x.reason ? ` · ${x.reason}` : ''}</td>
                <td className="actions">
                  {x.status === 'PENDING' && (
                    <>
                      <button type="button" className="small primary" onClick={async () => { if (await accept.exec({ id: x.id })) r.refetch(); }}>{t('exchange.accept')}</button>
                      <input value={reason[x.id] ?? ''} onChange={(e) => setReason({ ...reason, [x.id]: e.target.value })} placeholder={t('exchange.rejectReason')} aria-label={t('exchange.rejectReason')} />
                      <button type="button" className="small" disabled={!reason[x.id]?.trim()} onClick={async () => { if (await reject.exec({ id: x.id, reason: reason[x.id] })) r.refetch(); }}>{t('exchange.reject')}</button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorBox error={accept.error ?? reject.error} />
    </Panel>
  );
}
