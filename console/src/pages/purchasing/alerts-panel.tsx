/**
 * 缺件提醒 — shortage alerts: one row per part with its real quantity (a
 * requisition shortfall and the part's "out of stock" are one situation, not
 * two rows, and the row shows what is actually owed), filtered by kind, live
 * over graphql-ws, acknowledged per person on the server so that it stays
 * acknowledged after a reload and on another device; the title counts what
 * the person has not acknowledged yet.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorBox, ExportButton, Loading, Pager, Panel, SortTh, QueryProblem, partName, qty, useAction, useApi, usePaged, useSort } from '../../components/ui';
import { ACK_SHORTAGE, SHORTAGES_PAGE, UNACKED_COUNT } from '../../api/purchasing-ops';
import { useSession } from '../../session';
import { useDates } from './common';

interface Shortage {
  id: string; kind: string; quantity: number; openedAt: string; acknowledgedByMe: boolean; reference?: string | null;
  part: { id: string; partNo: string; name: string; nameEn?: string; unit: string }; station: { id: string; code: string; name: string }; repairOrder?: { id: string; number: string } | null;
}

/** Which kind leads a part's row: what is owed to a repair order first, then the empty shelf, then the reorder point. */
const ORDER = ['REQUISITION_SHORTFALL', 'OUT_OF_STOCK', 'BELOW_REORDER_POINT'];

export interface AlertRow { key: string; lead: Shortage; all: Shortage[]; quantity: number; live?: { available: number }; acknowledged: boolean }

/** One row per part (its kinds merged, the largest quantity shown), in the server's order of each part's first shortage; newest first unless `keepOrder`. */
export function groupShortages(list: Shortage[], live: Map<string, { available: number }>, keepOrder = false): AlertRow[] {
  const byPart = new Map<string, Shortage[]>();
  for (const s of list) {
    const k = `${s.station.id}:${s.part.id}`;
    byPart.set(k, [...(byPart.get(k) ?? []), s]);
  }
  const rows = [...byPart.entries()].map(([key, all]) => {
    all.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
    const lead = all[0];
    const liveOne = all.map((s) => live.get(s.id)).find(Boolean);
    return { key, lead, all, quantity: Math.max(...all.map((s) => s.quantity)), live: liveOne, acknowledged: all.every((s) => s.acknowledgedByMe) };
  });
  return keepOrder ? rows : rows.sort((a, b) => Date.parse(b.lead.openedAt) - Date.parse(a.lead.openedAt));
}

export function AlertsPanel() {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const { dateTime } = useDates();
  const [kind, setKind] = useState('');
  const [showAcked, setShowAcked] = useState(false);
  const sort = useSort({ field: 'openedAt', direction: 'DESC' });
  const filters = { stationId: s.stationId ?? null, kind: kind || null, acknowledged: showAcked ? null : false };
  const open = usePaged<Shortage>(SHORTAGES_PAGE, 'shortagesPage', { ...filters, sort: sort.sort }, { op: 'Query.shortagesPage', first: 50 });
  // the badge: every open shortage this person has not acknowledged, not only the loaded page's
  const unackedCount = useApi<{ shortagesPage: { totalCount: number } }>(UNACKED_COUNT, { stationId: s.stationId ?? null }, { op: 'Query.shortagesPage' });
  const ack = useAction(ACK_SHORTAGE);
  const [justAcked, setJustAcked] = useState<Set<string>>(new Set());
  const subMissing = s.caps && s.caps.size > 0 && !s.caps.has('Subscription.shortageAlerts');
  // a pushed alert may be a shortage the list has not seen yet: read the list again (what it says is the truth, quantities included)
  useEffect(() => {
    if (s.alerts.length) { open.refetch(); unackedCount.refetch(); }
  }, [s.alerts.length]);
  const live = useMemo(() => new Map(s.alerts.map((a) => [a.shortage.id, { available: a.available }])), [s.alerts]);
  const list = (open.items ?? []).map((x) => (justAcked.has(x.id) ? { ...x, acknowledgedByMe: true } : x));
  const rows = groupShortages(list, live, sort.sort !== null);
  const unacked = unackedCount.data?.shortagesPage.totalCount ?? 0;
  const shown = rows.filter((r) => showAcked || !r.acknowledged);
  const shownShortages = shown.reduce((n, r) => n + r.all.length, 0);
  const acknowledge = async (r: AlertRow) => {
    const ids = r.all.filter((x) => !x.acknowledgedByMe).map((x) => x.id);
    for (const id of ids) if (!(await ack.exec({ id }))) return;
    setJustAcked((prev) => new Set([...prev, ...ids]));
    unackedCount.refetch();
  };
  return (
    <Panel
      id="alerts"
      title={
        <>
          {t('pur.alerts.title')}
          {unacked > 0 && <span className="badge" data-testid="unacked-badge" title={t('pur.alerts.unacked', { count: unacked })}>{unacked}</span>}
          <span className={`ws-label ws-${s.wsState}`}>{t(`ws.${s.wsState}`)}</span>
        </>
      }
      actions={
        <div className="row tight">
          <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label={t('alerts.kind')} data-testid="alert-kind">
            <option value="">{t('pur.alerts.kindAll')}</option>
            {ORDER.map((k) => <option key={k} value={k}>{t(`shortageKind.${k}`)}</option>)}
          </select>
          <label className="check"><input type="checkbox" checked={showAcked} onChange={(e) => setShowAcked(e.target.checked)} />{t('pur.alerts.showAcked')}</label>
          <ExportButton list="shortages" filters={{ ...filters, open: true, sort: sort.exportValue }} />
          <button type="button" onClick={() => { setJustAcked(new Set()); open.refetch(); unackedCount.refetch(); }}>{t('common.refresh')}</button>
        </div>
      }
    >
      {subMissing && <QueryProblem of={{ missing: ['Subscription.shortageAlerts'] }} />}
      <ErrorBox error={s.alertsError} />
      <QueryProblem of={open} />
      <ErrorBox error={ack.error} />
      <Loading r={open} />
      {open.data && shown.length === 0 && <Empty>{rows.length ? t('pur.alerts.noneFiltered') : t('pur.alerts.none')}</Empty>}
      {shown.length > 0 && (
        <div className="scroll">
          <table className="alerts" data-testid="alerts">
            <thead>
              <tr>
                <th />
                <SortTh s={sort} field="openedAt" first="DESC">{t('alerts.openedAt')}</SortTh>
                <th>{t('part.partNo')}</th>
                <th>{t('part.name')}</th>
                <SortTh s={sort} field="kind">{t('alerts.kind')}</SortTh>
                <SortTh s={sort} field="quantity" num first="DESC">{t('alerts.quantity')}</SortTh>
                <th className="num">{t('part.available')}</th>
                <th>{t('pur.alerts.reference')}</th>
                {!s.stationId && <th>{t('app.station')}</th>}
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.key} className={!r.acknowledged ? 'live' : ''} data-part-no={r.lead.part.partNo} data-acked={r.acknowledged}>
                  <td>{!r.acknowledged && <span className="tag live">{t('alerts.new')}</span>}</td>
                  <td className="nowrap">{dateTime(r.lead.openedAt)}</td>
                  <td className="mono">{r.lead.part.partNo}</td>
                  <td>{partName(r.lead.part, i18n.language)}</td>
                  <td>
                    {t(`shortageKind.${r.lead.kind}`, { defaultValue: r.lead.kind })}
                    {r.all.length > 1 && <div className="sub">{t('pur.alerts.also', { kinds: r.all.slice(1).map((x) => t(`shortageKind.${x.kind}`)).join('、') })}</div>}
                  </td>
                  <td className="num" data-testid="alert-qty">{r.quantity > 0 ? `${qty(r.quantity)} ${r.lead.part.unit}` : '–'}</td>
                  <td className="num">{r.live ? qty(r.live.available) : r.all.some((x) => x.kind === 'OUT_OF_STOCK') ? '0' : '–'}</td>
                  <td className="mono">{r.all.map((x) => x.repairOrder?.number ?? x.reference).filter(Boolean).join(' ')}</td>
                  {!s.stationId && <td>{r.lead.station.code}</td>}
                  <td>
                    {r.acknowledged ? <span className="sub">{t('pur.alerts.acked')}</span> : (
                      <button type="button" className="small" disabled={ack.busy} onClick={() => acknowledge(r)}>{t('pur.alerts.ack')}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {/* the pager counts shortages; a part short in two ways is one row: say so, or "2 of 2" under one row reads as a row missing */}
      {shownShortages > shown.length && <p className="hint" data-testid="alerts-grouped">{t('pur.alerts.grouped', { shortages: shownShortages, rows: shown.length })}</p>}
      <Pager p={open} />
    </Panel>
  );
}
