/**
 * 调剂 — the exchange between stations: the station's surplus candidates
 * (surplusCandidatesPage: paged, sorted and filtered on the server, reasons
 * translated from `SurplusCandidate.reasons`) → list them; the station's own
 * listings, kept current after listing and live through the `swapRequests`
 * subscription; other stations' listings (surplusListingsPage) → request a
 * swap; incoming requests → accept (a transfer between the stations) or
 * reject; the station's own requests with their decisions. An accepted swap
 * leads to the stock room's transfers: the offering station ships there, the
 * requesting station receives there.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubscription } from 'urql';
import i18n from '../i18n';
import {
  ErrorBox, Loading, QueryProblem, useAction, useApi, useDebounced, useMissing, usePaged, Pager, useSort, SortTh, ExportButton, qty, money, partName, Panel, Empty, quantityProblem, fmtTime,
} from '../components/ui';
import { explanationText } from '../locales/explanations';
import { useSession } from '../session';
import { hasRole } from '../auth';

i18n.addResourceBundle('zh', 'translation', {
  exchange: {
    candidates: '本站积压备件', noCandidates: '没有符合条件的积压备件。', reason: '原因', listable: '可挂出', excessValue: '积压金额', quantity: '数量', price: '单价', list: '挂出',
    listed: '{{partNo}} 已挂出 {{quantity}} {{unit}}，见「本站已挂出」。', onHand: '在库', cover: '可用月数', age: '库龄（月）', months: '{{n}} 个月', noDemand: '无消耗',
    reasonFilter: '原因 · 全部', listableOnly: '只看现可挂出的', hqStation: '总部账号：请先在右上角选择服务站，再看该站的积压备件。',
    priceAboveCap: '单价不能高于总部限价 {{cap}}。', priceInvalid: '请填写单价（最多两位小数）。',
    ownListings: '本站已挂出', noListings: '暂无挂出的备件。', withdraw: '撤回', withdrawn: '{{partNo}} 已撤回，未被申请的数量已释放。', listedAt: '挂出时间', warehouse: '仓库', requestedQty: '申请中', swapped: '已调出',
    listingStatus: '挂牌状态', listingStatusOf: { OPEN: '挂牌中', EXHAUSTED: '已全部申请', WITHDRAWN: '已撤回' },
    board: '调剂大厅（其他服务站）', searchBoard: '搜索调剂大厅', toWarehouse: '调入仓库', remaining: '可申请', request: '申请调剂', station: '服务站',
    requested: '已向 {{station}} 申请 {{partNo}} × {{quantity}}，等待对方确认。', noBoard: '调剂大厅暂无其他服务站的备件。',
    incoming: '收到的调剂申请', noIncoming: '暂无调剂申请。', accept: '同意', reject: '拒绝', rejectReason: '拒绝原因', requestedAt: '申请时间', from: '申请方', amount: '金额',
    accepted: '已同意 {{station}} 的申请（{{partNo}} × {{quantity}}），已生成调拨单，请在库存 → 调拨中发运。', rejected: '已拒绝 {{station}} 的申请（{{partNo}}）。',
    goShip: '去发运', goReceive: '去收货', outgoing: '本站的调剂申请', noOutgoing: '本站尚未申请调剂。', offeredBy: '供货方',
    acceptedHint: '对方已同意：调拨单发运后在库存 → 调拨中收货。',
    live: '新的调剂申请：{{station}} 申请 {{partNo}} × {{quantity}}', liveTitle: '实时',
    managerLists: '积压备件由站长挂出；这里可以查看本站的积压情况。', managerDecides: '待站长处理',
  },
  swapStatus: { PENDING: '待处理', ACCEPTED: '已同意', REJECTED: '已拒绝' },
}, true, true);
i18n.addResourceBundle('en', 'translation', {
  exchange: {
    candidates: 'Our surplus stock', noCandidates: 'No surplus matches.', reason: 'Why', listable: 'Listable', excessValue: 'Excess value', quantity: 'Qty', price: 'Unit price', list: 'List',
    listed: '{{partNo}}: {{quantity}} {{unit}} listed; see "Our listings".', onHand: 'On hand', cover: 'Months of cover', age: 'Age (months)', months: '{{n}} months', noDemand: 'no demand',
    reasonFilter: 'Reason · all', listableOnly: 'Only what can be listed now', hqStation: 'HQ account: pick a station at the top right to see its surplus.',
    priceAboveCap: 'The price may not exceed the HQ cap of {{cap}}.', priceInvalid: 'Enter a unit price (at most two decimals).',
    ownListings: 'Our listings', noListings: 'No listings.', withdraw: 'Withdraw', withdrawn: '{{partNo}} withdrawn; the unrequested quantity is released.', listedAt: 'Listed', warehouse: 'Warehouse', requestedQty: 'Requested', swapped: 'Swapped',
    listingStatus: 'Listing status', listingStatusOf: { OPEN: 'Open', EXHAUSTED: 'All requested', WITHDRAWN: 'Withdrawn' },
    board: 'Exchange board (other stations)', searchBoard: 'Search the board', toWarehouse: 'Into warehouse', remaining: 'Available', request: 'Request swap', station: 'Station',
    requested: 'Requested {{partNo}} × {{quantity}} from {{station}}; waiting for them to decide.', noBoard: 'Nothing on the board from other stations.',
    incoming: 'Incoming swap requests', noIncoming: 'No swap requests.', accept: 'Accept', reject: 'Reject', rejectReason: 'Reason to reject', requestedAt: 'Requested', from: 'Requested by', amount: 'Amount',
    accepted: 'Accepted {{station}}\'s request ({{partNo}} × {{quantity}}); a transfer was created: ship it under Stock → Transfers.', rejected: 'Rejected {{station}}\'s request ({{partNo}}).',
    goShip: 'Ship it', goReceive: 'Receive it', outgoing: 'Our swap requests', noOutgoing: 'No swap requests made yet.', offeredBy: 'Offered by',
    acceptedHint: 'Accepted: once shipped, receive it under Stock → Transfers.',
    live: 'New swap request: {{station}} asks for {{partNo}} × {{quantity}}', liveTitle: 'Live',
    managerLists: 'Surplus is listed by the station manager; here you can see the station\'s surplus.', managerDecides: 'For the manager to decide',
  },
  swapStatus: { PENDING: 'Pending', ACCEPTED: 'Accepted', REJECTED: 'Rejected' },
}, true, true);

const PART = `id partNo name nameEn unit unitPrecision`;
const CANDIDATES_PAGE = `query SurplusCandidatesPage($stationId: ID, $reason: SurplusReason, $listableOnly: Boolean, $first: Int!, $after: String, $sort: PageSort) {
  surplusCandidatesPage(stationId: $stationId, reason: $reason, listableOnly: $listableOnly, first: $first, after: $after, sort: $sort) {
    items { part { ${PART} } onHand available listed reason reasons { reason params } monthsOfCover ageMonths listableQuantity unitCost excessValue hqCap warehouse { id code name } }
    pageInfo { endCursor hasNextPage } totalCount } }`;
const LISTING = `id quantity remaining requested swapped status unitPrice listedAt part { ${PART} } station { id code name region } warehouse { id code name }`;
const LISTINGS_PAGE = `query SurplusListingsPage($query: String, $stationId: ID, $excludeOwnStation: Boolean, $status: SurplusListingStatus, $first: Int!, $after: String, $sort: PageSort) {
  surplusListingsPage(query: $query, stationId: $stationId, excludeOwnStation: $excludeOwnStation, status: $status, first: $first, after: $after, sort: $sort) {
    items { ${LISTING} } pageInfo { endCursor hasNextPage } totalCount } }`;
const LIST_SURPLUS = `mutation ListSurplus($partId: ID!, $warehouseId: ID!, $quantity: Float!, $unitPrice: Decimal!) { listSurplus(partId: $partId, warehouseId: $warehouseId, quantity: $quantity, unitPrice: $unitPrice) { ${LISTING} } }`;
const WITHDRAW_SURPLUS = `mutation WithdrawSurplus($id: ID!) { withdrawSurplus(id: $id) { id status remaining } }`;
const SWAP = `id quantity unitPrice amount status reason transferId transfer { number status } requestedAt decidedAt part { ${PART} } fromStation { id code name } toStation { id code name } toWarehouse { id code name }`;
const SWAPS_PAGE = `query SurplusSwapsPage($stationId: ID, $direction: SwapDirection, $status: SwapRequestStatus, $first: Int!, $after: String, $sort: PageSort) {
  surplusSwapsPage(stationId: $stationId, direction: $direction, status: $status, first: $first, after: $after, sort: $sort) {
    items { ${SWAP} } pageInfo { endCursor hasNextPage } totalCount } }`;
const REQUEST_SWAP = `mutation RequestSwap($listingId: ID!, $quantity: Float!, $toWarehouseId: ID!) { requestSwap(listingId: $listingId, quantity: $quantity, toWarehouseId: $toWarehouseId) { ${SWAP} } }`;
const ACCEPT_SWAP = `mutation AcceptSwap($id: ID!) { acceptSwap(id: $id) { ${SWAP} } }`;
const REJECT_SWAP = `mutation RejectSwap($id: ID!, $reason: String!) { rejectSwap(id: $id, reason: $reason) { ${SWAP} } }`;
// $afterSeq: the client resumes after the last seq it saw when the socket reconnects (api/client.ts).
const SWAP_ALERTS = `subscription SwapRequestAlerts($stationId: ID, $afterSeq: Int) { swapRequests(stationId: $stationId, afterSeq: $afterSeq) { id seq swapRequest { id quantity status part { partNo } toStation { code name } } } }`;

type PartMini = { id: string; partNo: string; name: string; nameEn?: string | null; unit: string; unitPrecision: number };
interface Candidate { part: PartMini; onHand: number; available: number; listed: number; reason: string; reasons: { reason: string; params: Record<string, unknown> }[]; monthsOfCover: number | null; ageMonths: number | null; listableQuantity: number; unitCost: string; excessValue: string; hqCap?: string | null; warehouse?: { id: string; code: string; name: string } | null }
interface Listing { id: string; quantity: number; remaining: number; requested: number; swapped: number; status: string; unitPrice: string; listedAt: string; part: PartMini; station: { id: string; code: string; name: string; region?: string | null }; warehouse: { id: string; code: string; name: string } }
interface Swap { id: string; quantity: number; unitPrice: string; amount: string; status: string; reason?: string | null; transferId?: string | null; transfer?: { number: string; status: string } | null; requestedAt: string; decidedAt?: string | null; part: PartMini; fromStation: { code: string; name: string }; toStation: { code: string; name: string }; toWarehouse: { code: string; name: string } }

const lang = (l: string) => (l.startsWith('en') ? 'en' : 'zh');
const months = (n: number | null | undefined) => (n === null || n === undefined ? '–' : n.toFixed(1));

/** Opens the stock room's transfers with this transfer picked (the shell follows history changes). */
/** Where an accepted swap's transfer stands when there is nothing for this side to do yet (or any more): its number and status. */
function SwapTransfer({ transfer }: { transfer: { number: string; status: string } }) {
  const { t } = useTranslation();
  return <span className="hint nowrap" data-testid="swap-transfer">{transfer.number} · {t(`transferStatus.${transfer.status}`, { defaultValue: transfer.status })}</span>;
}

export function openTransfer(transferId: string): void {
  history.pushState(null, '', `/stock?tab=transfers&transfer=${encodeURIComponent(transferId)}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function ExchangePage() {
  const { t } = useTranslation();
  const { stationId, session } = useSession();
  const isHq = session.roles.includes('HQ_ADMIN');
  // bumped by what changes the station's listings or requests: a listing, a decision, a request arriving live
  const [rev, setRev] = useState(0);
  const bump = () => setRev((n) => n + 1);
  const liveMissing = useMissing('Subscription.swapRequests');
  const [live] = useSubscription<{ swapRequests: { id: string; seq: number; swapRequest: { id: string; quantity: number; status: string; part: { partNo: string }; toStation: { code: string; name: string } } } }>(
    { query: SWAP_ALERTS, variables: { stationId: stationId ?? null }, pause: !stationId || liveMissing.length > 0 });
  const alert = live.data?.swapRequests;
  useEffect(() => { if (alert) bump(); }, [alert?.seq]);
  return (
    <div className="page exchange">
      {alert && (
        <p className="ok-msg live-note" role="status" data-testid="swap-live">
          {t('exchange.live', { station: `${alert.swapRequest.toStation.code} ${alert.swapRequest.toStation.name}`, partNo: alert.swapRequest.part.partNo, quantity: qty(alert.swapRequest.quantity) })}
        </p>
      )}
      {stationId ? <Candidates stationId={stationId} onListed={bump} /> : isHq && <p className="hint">{t('exchange.hqStation')}</p>}
      {stationId && <OwnListings stationId={stationId} rev={rev} />}
      {stationId && <Incoming stationId={stationId} rev={rev} onDecided={bump} />}
      <Board rev={rev} onRequested={bump} />
      {stationId && <Outgoing stationId={stationId} rev={rev} />}
    </div>
  );
}

function Candidates({ stationId, onListed }: { stationId: string; onListed(): void }) {
  const { t, i18n: i } = useTranslation();
  const [reason, setReason] = useState('');
  const [listableOnly, setListableOnly] = useState(true);
  const sort = useSort({ field: 'excessValue', direction: 'DESC' });
  const filters = { stationId, reason: reason || null, listableOnly: listableOnly || null };
  const r = usePaged<Candidate>(CANDIDATES_PAGE, 'surplusCandidatesPage', { ...filters, sort: sort.sort }, { op: 'Query.surplusCandidatesPage', first: 50 });
  const list = useAction<{ listSurplus: Listing }>(LIST_SURPLUS);
  const manager = hasRole(useSession().session, 'STATION_MANAGER'); // listSurplus is the manager's
  const [edit, setEdit] = useState<Record<string, { quantity: string; price: string }>>({});
  const [done, setDone] = useState<string>();
  const rows = r.items ?? [];
  return (
    <Panel id="candidates" title={t('exchange.candidates')} actions={<><ExportButton list="surplus-candidates" filters={{ ...filters, sort: sort.exportValue }} /><button type="button" className="small" onClick={r.refetch}>{t('common.refresh')}</button></>}>
      <div className="row filters">
        <select aria-label={t('exchange.reason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="candidate-reason">
          <option value="">{t('exchange.reasonFilter')}</option>
          {['NO_ISSUE', 'EXCESS_COVER'].map((x) => <option key={x} value={x}>{t(`surplusReason.${x}`)}</option>)}
        </select>
        <label className="check"><input type="checkbox" checked={listableOnly} onChange={(e) => setListableOnly(e.target.checked)} data-testid="listable-only" /> {t('exchange.listableOnly')}</label>
      </div>
      {!manager && <p className="hint" data-testid="list-not-for-role">{t('exchange.managerLists')}</p>}
      <QueryProblem of={r} />
      <Loading r={r} />
      {r.items && rows.length === 0 && <Empty>{t('exchange.noCandidates')}</Empty>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table data-testid="candidates" className="candidates">
            <thead>
              <tr>
                <SortTh s={sort} field="partNo">{t('part.partNo')}</SortTh>
                <th>{t('part.name')} · {t('exchange.reason')}</th>
                <SortTh s={sort} field="monthsOfCover" num first="DESC">{t('exchange.cover')}</SortTh>
                <SortTh s={sort} field="ageMonths" num first="DESC">{t('exchange.age')}</SortTh>
                <SortTh s={sort} field="listableQuantity" num first="DESC">{t('exchange.listable')}</SortTh>
                <SortTh s={sort} field="excessValue" num first="DESC">{t('exchange.excessValue')}</SortTh>
                {manager && <th>{t('exchange.quantity')} / {t('exchange.price')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const key = `${c.part.id}:${c.warehouse?.id ?? ''}`;
                const e = edit[key] ?? { quantity: String(c.listableQuantity), price: c.hqCap && Number(c.unitCost) > Number(c.hqCap) ? c.hqCap : c.unitCost };
                const qProblem = c.listableQuantity > 0 ? quantityProblem(e.quantity, c.part.unitPrecision, t, c.listableQuantity) : undefined;
                const pOk = /^\d{1,12}(\.\d{1,2})?$/.test(e.price.trim());
                const pProblem = !pOk ? t('exchange.priceInvalid') : c.hqCap && Number(e.price) > Number(c.hqCap) ? t('exchange.priceAboveCap', { cap: money(c.hqCap) }) : undefined;
                const texts = c.reasons.map((x) => explanationText(x, lang(i.language))).filter(Boolean) as string[];
                return (
                  <tr key={key} data-part-no={c.part.partNo}>
                    <td className="mono">{c.part.partNo}</td>
                    <td className="reasons-cell">
                      <div>{partName(c.part, i.language)} <span className="tag">{t(`surplusReason.${c.reason}`)}</span></div>
                      <ul className="sub reasons" data-testid="candidate-reasons">{texts.map((x) => <li key={x}>{x}</li>)}</ul>
                    </td>
                    <td className="num">{c.monthsOfCover === null ? t('exchange.noDemand') : months(c.monthsOfCover)}</td>
                    <td className="num">{months(c.ageMonths)}</td>
                    <td className="num">{qty(c.listableQuantity)} {c.part.unit}<div className="hint">{t('exchange.onHand')} {qty(c.onHand)}</div></td>
                    <td className="num">{money(c.excessValue)}</td>
                    {manager && <td className="list-cell">
                      {c.listableQuantity > 0 && c.warehouse ? (
                        <form className="inline" onSubmit={async (ev) => {
                          ev.preventDefault();
                          if (qProblem || pProblem) return;
                          const res = await list.exec({ partId: c.part.id, warehouseId: c.warehouse!.id, quantity: Number(e.quantity), unitPrice: e.price.trim() });
                          if (res) { setDone(t('exchange.listed', { partNo: c.part.partNo, quantity: qty(res.listSurplus.quantity), unit: c.part.unit })); r.refetch(); onListed(); }
                        }}>
                          <input className="qty" inputMode="decimal" value={e.quantity} onChange={(x) => setEdit({ ...edit, [key]: { ...e, quantity: x.target.value } })} aria-label={t('exchange.quantity')} />
                          <input className="price" inputMode="decimal" value={e.price} onChange={(x) => setEdit({ ...edit, [key]: { ...e, price: x.target.value } })} aria-label={t('exchange.price')} title={c.hqCap ? `≤ ${money(c.hqCap)}` : undefined} />
                          <button type="submit" className="small" disabled={list.busy || !!qProblem || !!pProblem} data-testid="list-surplus">{t('exchange.list')}</button>
                          {(qProblem || pProblem) && <div className="field-error">{qProblem ?? pProblem}</div>}
                        </form>
                      ) : <span className="hint">{t('exchange.listable')} 0</span>}
                    </td>}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={r} />
      <ErrorBox error={list.error} />
      {done && <p className="ok-msg" role="status" data-testid="listed">{done}</p>}
    </Panel>
  );
}

function OwnListings({ stationId, rev }: { stationId: string; rev: number }) {
  const { t, i18n: i } = useTranslation();
  const [status, setStatus] = useState('OPEN');
  const sort = useSort({ field: 'listedAt', direction: 'DESC' });
  const filters = { stationId, excludeOwnStation: false, status };
  const r = usePaged<Listing>(LISTINGS_PAGE, 'surplusListingsPage', { ...filters, sort: sort.sort }, { op: 'Query.surplusListingsPage', first: 20 });
  useEffect(() => { if (rev) r.refetch(); }, [rev]);
  const withdraw = useAction(WITHDRAW_SURPLUS);
  const manager = hasRole(useSession().session, 'STATION_MANAGER'); // withdrawSurplus is the manager's
  const [done, setDone] = useState<string>();
  return (
    <Panel id="own-listings" title={t('exchange.ownListings')} actions={<ExportButton list="surplus-listings" filters={{ ...filters, sort: sort.exportValue }} />}>
      <div className="row filters">
        <select aria-label={t('exchange.listingStatus')} value={status} onChange={(e) => setStatus(e.target.value)}>
          {['OPEN', 'EXHAUSTED', 'WITHDRAWN'].map((x) => <option key={x} value={x}>{t(`exchange.listingStatusOf.${x}`)}</option>)}
        </select>
      </div>
      <QueryProblem of={r} />
      <Loading r={r} />
      {r.items && r.items.length === 0 && <Empty>{t('exchange.noListings')}</Empty>}
      {r.items && r.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="own-listings">
            <thead>
              <tr>
                <th>{t('part.partNo')}</th><th>{t('part.name')}</th><th>{t('exchange.warehouse')}</th>
                <SortTh s={sort} field="remaining" num first="DESC">{t('exchange.remaining')}</SortTh><th className="num">{t('exchange.requestedQty')}</th><th className="num">{t('exchange.swapped')}</th>
                <SortTh s={sort} field="unitPrice" num>{t('exchange.price')}</SortTh><SortTh s={sort} field="listedAt" first="DESC">{t('exchange.listedAt')}</SortTh><th />
              </tr>
            </thead>
            <tbody>
              {r.items.map((l) => (
                <tr key={l.id} data-part-no={l.part.partNo}>
                  <td className="mono">{l.part.partNo}</td>
                  <td>{partName(l.part, i.language)}</td>
                  <td>{l.warehouse.code}</td>
                  <td className="num" data-testid="own-remaining">{qty(l.remaining)} / {qty(l.quantity)} {l.part.unit}</td>
                  <td className="num" data-testid="own-requested">{qty(l.requested)}</td>
                  <td className="num">{qty(l.swapped)}</td>
                  <td className="num">{money(l.unitPrice)}</td>
                  <td className="nowrap">{fmtTime(l.listedAt, i.language)}</td>
                  <td>{l.status !== 'WITHDRAWN' && manager && <button type="button" className="small" disabled={withdraw.busy} onClick={async () => { if (await withdraw.exec({ id: l.id })) { setDone(t('exchange.withdrawn', { partNo: l.part.partNo })); r.refetch(); } }}>{t('exchange.withdraw')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={r} />
      <ErrorBox error={withdraw.error} />
      {done && <p className="ok-msg" role="status">{done}</p>}
    </Panel>
  );
}

function Board({ rev, onRequested }: { rev: number; onRequested(): void }) {
  const { t, i18n: i } = useTranslation();
  const s = useSession();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 300);
  const sort = useSort({ field: 'board', direction: 'ASC' });
  const filters = { query: q || null, excludeOwnStation: true, status: 'OPEN' };
  const r = usePaged<Listing>(LISTINGS_PAGE, 'surplusListingsPage', { ...filters, sort: sort.sort }, { op: 'Query.surplusListingsPage', first: 20 });
  useEffect(() => { if (rev) r.refetch(); }, [rev]);
  const req = useAction<{ requestSwap: Swap }>(REQUEST_SWAP);
  const [want, setWant] = useState<Record<string, string>>({});
  const [toWh, setToWh] = useState('');
  const [done, setDone] = useState<string>();
  const whs = s.station?.warehouses ?? [];
  const wh = toWh || whs[0]?.id || '';
  return (
    <Panel id="board" title={t('exchange.board')} actions={<ExportButton list="surplus-listings" filters={{ ...filters, sort: sort.exportValue }} />}>
      <div className="row filters">
        <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={t('search.placeholder')} aria-label={t('exchange.searchBoard')} />
        {s.stationId && (
          <label>
            {t('exchange.toWarehouse')}
            <select value={wh} onChange={(e) => setToWh(e.target.value)} data-testid="to-warehouse">
              {whs.map((w) => <option key={w.id} value={w.id}>{w.code} {w.name}</option>)}
            </select>
          </label>
        )}
      </div>
      <QueryProblem of={r} />
      <Loading r={r} />
      {r.items && r.items.length === 0 && <Empty>{t('exchange.noBoard')}</Empty>}
      {r.items && r.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="board">
            <thead>
              <tr>
                <th>{t('part.partNo')}</th><th>{t('part.name')}</th><th>{t('exchange.station')}</th>
                <SortTh s={sort} field="remaining" num first="DESC">{t('exchange.remaining')}</SortTh><SortTh s={sort} field="unitPrice" num>{t('exchange.price')}</SortTh>
                <SortTh s={sort} field="listedAt" first="DESC">{t('exchange.listedAt')}</SortTh><th>{t('exchange.quantity')}</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((l) => {
                const v = want[l.id] ?? String(l.remaining);
                const problem = quantityProblem(v, l.part.unitPrecision, t);
                return (
                  <tr key={l.id} data-part-no={l.part.partNo} data-station={l.station.code}>
                    <td className="mono">{l.part.partNo}</td>
                    <td>{partName(l.part, i.language)}</td>
                    <td>{l.station.code} {l.station.name}{l.station.region ? <div className="hint">{l.station.region}</div> : null}</td>
                    <td className="num">{qty(l.remaining)} {l.part.unit}</td>
                    <td className="num">{money(l.unitPrice)}</td>
                    <td className="nowrap">{fmtTime(l.listedAt, i.language)}</td>
                    <td className="list-cell">
                      {s.stationId && (
                        <form className="inline" onSubmit={async (e) => {
                          e.preventDefault();
                          if (problem || !wh) return;
                          const res = await req.exec({ listingId: l.id, quantity: Number(v), toWarehouseId: wh });
                          if (res) { setDone(t('exchange.requested', { partNo: l.part.partNo, quantity: `${qty(res.requestSwap.quantity)} ${l.part.unit}`, station: `${l.station.code} ${l.station.name}` })); r.refetch(); onRequested(); }
                        }}>
                          <input className="qty" inputMode="decimal" value={v} onChange={(e) => setWant({ ...want, [l.id]: e.target.value })} aria-label={t('exchange.quantity')} />
                          <button type="submit" className="small" disabled={!wh || req.busy || !!problem} data-testid="request-swap">{t('exchange.request')}</button>
                          {problem && <div className="field-error">{problem}</div>}
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={r} />
      <div id="board-messages">
        <ErrorBox error={req.error} />
        {done && !req.error && <p className="ok-msg" role="status" data-testid="swap-requested">{done}</p>}
      </div>
    </Panel>
  );
}

/** One station's swap requests of one direction, page by page, with the status filter and sortable columns both panels show. */
function useSwapsPage(stationId: string, direction: 'INCOMING' | 'OUTGOING', rev: number) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const sort = useSort({ field: 'requestedAt', direction: 'DESC' });
  const r = usePaged<Swap>(SWAPS_PAGE, 'surplusSwapsPage', { stationId, direction, status: status || null, sort: sort.sort }, { op: 'Query.surplusSwapsPage', first: 20 });
  useEffect(() => { if (rev) r.refetch(); }, [rev]);
  const filter = (
    <div className="row filters">
      <select aria-label={t('common.status')} value={status} onChange={(e) => setStatus(e.target.value)} data-testid={`swap-status-${direction.toLowerCase()}`}>
        <option value="">{t('common.allStatuses')}</option>
        {['PENDING', 'ACCEPTED', 'REJECTED'].map((x) => <option key={x} value={x}>{t(`swapStatus.${x}`)}</option>)}
      </select>
    </div>
  );
  const exportButton = <ExportButton list="surplus-swaps" filters={{ stationId, direction, status: status || null, sort: sort.exportValue }} />;
  return { r, sort, filter, exportButton };
}

function Incoming({ stationId, rev, onDecided }: { stationId: string; rev: number; onDecided(): void }) {
  const { t, i18n: i } = useTranslation();
  const { r, sort, filter, exportButton } = useSwapsPage(stationId, 'INCOMING', rev);
  const accept = useAction<{ acceptSwap: Swap }>(ACCEPT_SWAP);
  const reject = useAction<{ rejectSwap: Swap }>(REJECT_SWAP);
  const manager = hasRole(useSession().session, 'STATION_MANAGER'); // acceptSwap / rejectSwap are the manager's
  const mayShip = hasRole(useSession().session, 'PARTS_CLERK', 'STATION_MANAGER');
  const [reason, setReason] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ text: string; transferId?: string | null }>();
  const rows = r.items ?? [];
  return (
    <Panel id="incoming" title={t('exchange.incoming')} actions={<>{exportButton}<button type="button" className="small" onClick={r.refetch}>{t('common.refresh')}</button></>}>
      {filter}
      <QueryProblem of={r} />
      <Loading r={r} />
      {r.items && rows.length === 0 && <Empty>{t('exchange.noIncoming')}</Empty>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table data-testid="incoming">
            <thead><tr><SortTh s={sort} field="requestedAt" first="DESC">{t('exchange.requestedAt')}</SortTh><th>{t('part.partNo')}</th><th>{t('exchange.from')}</th><SortTh s={sort} field="quantity" num first="DESC">{t('exchange.quantity')}</SortTh><SortTh s={sort} field="amount" num first="DESC">{t('exchange.amount')}</SortTh><th>{t('common.status')}</th><th /></tr></thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.id} data-part-no={x.part.partNo} data-status={x.status}>
                  <td className="nowrap">{fmtTime(x.requestedAt, i.language)}</td>
                  <td><span className="mono">{x.part.partNo}</span> {partName(x.part, i.language)}</td>
                  <td>{x.toStation.code} {x.toStation.name}<div className="hint">→ {x.toWarehouse.code} {x.toWarehouse.name}</div></td>
                  <td className="num">{qty(x.quantity)} {x.part.unit}</td>
                  <td className="num">{money(x.amount)}</td>
                  <td><span className={`status s-${x.status}`}>{t(`swapStatus.${x.status}`)}</span>{x.reason && <div className="hint">{x.reason}</div>}</td>
                  <td className="decide">
                    {x.status === 'PENDING' && !manager && <span className="hint" data-testid="decide-not-for-role">{t('exchange.managerDecides')}</span>}
                    {x.status === 'PENDING' && manager && (
                      <>
                        <button type="button" className="small primary" disabled={accept.busy} data-testid="accept-swap" onClick={async () => {
                          reject.clearError();
                          const res = await accept.exec({ id: x.id });
                          if (res) { setDone({ text: t('exchange.accepted', { station: `${x.toStation.code} ${x.toStation.name}`, partNo: x.part.partNo, quantity: `${qty(x.quantity)} ${x.part.unit}` }), transferId: res.acceptSwap.transferId }); r.refetch(); onDecided(); }
                        }}>{t('exchange.accept')}</button>
                        <input className="reason" value={reason[x.id] ?? ''} onChange={(e) => setReason({ ...reason, [x.id]: e.target.value })} placeholder={t('exchange.rejectReason')} aria-label={t('exchange.rejectReason')} maxLength={2000} />
                        <button type="button" className="small" disabled={!reason[x.id]?.trim() || reject.busy} onClick={async () => {
                          accept.clearError();
                          if (await reject.exec({ id: x.id, reason: reason[x.id].trim() })) { setDone({ text: t('exchange.rejected', { station: `${x.toStation.code} ${x.toStation.name}`, partNo: x.part.partNo }) }); r.refetch(); onDecided(); }
                        }}>{t('exchange.reject')}</button>
                      </>
                    )}
                    {x.status === 'ACCEPTED' && x.transferId && (!x.transfer || x.transfer.status === 'DRAFT'
                      ? mayShip && <button type="button" className="small" onClick={() => openTransfer(x.transferId!)} data-testid="go-ship">{t('exchange.goShip')}</button>
                      : <SwapTransfer transfer={x.transfer} />)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={r} />
      <ErrorBox error={accept.error ?? reject.error} />
      {done && (
        <p className="ok-msg" role="status" data-testid="swap-decided">
          {done.text} {done.transferId && <button type="button" className="small" onClick={() => openTransfer(done.transferId!)}>{t('exchange.goShip')}</button>}
        </p>
      )}
    </Panel>
  );
}

function Outgoing({ stationId, rev }: { stationId: string; rev: number }) {
  const { t, i18n: i } = useTranslation();
  const { r, sort, filter, exportButton } = useSwapsPage(stationId, 'OUTGOING', rev);
  const rows = r.items ?? [];
  return (
    <Panel id="outgoing" title={t('exchange.outgoing')} actions={<>{exportButton}<button type="button" className="small" onClick={r.refetch} data-testid="refresh-outgoing">{t('common.refresh')}</button></>}>
      {filter}
      <QueryProblem of={r} />
      <Loading r={r} />
      {r.items && rows.length === 0 && <Empty>{t('exchange.noOutgoing')}</Empty>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table data-testid="outgoing">
            <thead><tr><SortTh s={sort} field="requestedAt" first="DESC">{t('exchange.requestedAt')}</SortTh><th>{t('part.partNo')}</th><th>{t('exchange.offeredBy')}</th><SortTh s={sort} field="quantity" num first="DESC">{t('exchange.quantity')}</SortTh><SortTh s={sort} field="amount" num first="DESC">{t('exchange.amount')}</SortTh><th>{t('common.status')}</th><th /></tr></thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.id} data-part-no={x.part.partNo} data-status={x.status}>
                  <td className="nowrap">{fmtTime(x.requestedAt, i.language)}</td>
                  <td><span className="mono">{x.part.partNo}</span> {partName(x.part, i.language)}</td>
                  <td>{x.fromStation.code} {x.fromStation.name}<div className="hint">→ {x.toWarehouse.code} {x.toWarehouse.name}</div></td>
                  <td className="num">{qty(x.quantity)} {x.part.unit}</td>
                  <td className="num">{money(x.amount)}</td>
                  <td>
                    <span className={`status s-${x.status}`}>{t(`swapStatus.${x.status}`)}</span>
                    {x.reason && <div className="hint">{x.reason}</div>}
                    {x.status === 'ACCEPTED' && <div className="hint">{t('exchange.acceptedHint')}</div>}
                  </td>
                  <td>
                    {x.status === 'ACCEPTED' && x.transferId && (!x.transfer || x.transfer.status === 'SHIPPED'
                      ? <button type="button" className="small primary" onClick={() => openTransfer(x.transferId!)} data-testid="go-receive">{t('exchange.goReceive')}</button>
                      : <SwapTransfer transfer={x.transfer} />)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={r} />
    </Panel>
  );
}
