/**
 * 前台 — the parts counter's day: find a part (typing or scanning), put it on
 * the draft; either issue the draft to a repair order (requisitionParts, one
 * idempotency key per draft) or sell it across the counter at the customer's
 * price tier (sellOverCounter); record a lost sale when the customer leaves.
 * Repair orders: paged list, detail, complete, settle; per requisition the
 * 领料单 and 出库单, returns with a reason and their 退料单, 调价 for
 * managers. Keys: F2 search, Enter add, F4 issue / sell, F8 new repair order.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PartSearch, type Part } from '../components/part-search';
import { DayInput, ErrorBox, QueryProblem, useAction, useApi, usePaged, Pager, qty, money, partName, Panel, Empty, Loading, printDocument, returnSlip, quantityProblem, fmtTime, ExportButton, PartImage, useSort, SortSelect, who, type Person } from '../components/ui';
import { VEHICLE_MODELS } from '../api/ops';
import { ADJUST_PRICE, COMPLETE_RO, ISSUE_PARTS, LOST_SALE, OPEN_RO, REPAIR_ORDERS_PAGE, REPAIR_ORDER_FULL, RETURN_WITH_REASON, SELL, SETTLE_RO } from '../api/day-ops';
import { useSession } from '../session';
import { newKey, hasRole } from '../auth';
import { CounterRecords } from './counter-records';
import { dayEnd, dayStart } from '../dates';

type PartMini = { id: string; partNo: string; name: string; nameEn?: string | null; unit: string; unitPrecision: number };
type BinRef = { id: string; code: string; warehouse: { id: string; code: string; name: string } } | null;
interface Return { id: string; number: string; quantity: number; reason?: string | null; returnedAt: string; returnedBy: string; returnedByUser?: Person; lineId?: string; part?: PartMini; bin?: BinRef }
interface Line { id: string; lineNo: number; requested: number; issued: number; returned: number; shortfall: number; unitPrice: string; tierPrice: string; amount: string; part: PartMini & { prices?: { retail: string; hqCap?: string | null } }; bin?: BinRef; returns: Return[] }
interface Requisition { id: string; number: string; requestedAt: string; issuedAt?: string | null; requestedBy: string; requestedByUser?: Person; lines: Line[] }
interface RepairOrder {
  id: string; number: string; status: string; vin?: string | null; plate?: string | null; openedAt: string; openedBy: string; openedByUser?: Person; completedAt?: string | null; settledAt?: string | null;
  vehicleModel?: { id: string; name: string; nameEn?: string | null } | null; station: { id: string; code: string; name: string }; partsCost: string; requisitions: Requisition[]; returns: Return[];
}
interface Draft { part: Part; quantity: string }
type Mode = 'order' | 'sale' | 'records';
const CUSTOMER_TYPES = ['WALK_IN', 'MEMBER', 'WHOLESALE', 'INSURANCE'] as const;
const TIER: Record<string, 'retail' | 'member' | 'wholesale' | 'insurance'> = { WALK_IN: 'retail', MEMBER: 'member', WHOLESALE: 'wholesale', INSURANCE: 'insurance' };

const RO_KEY = 'partsgraph.counter.repairOrder';

/** The tier price the server will charge (never above the HQ cap). */
function tierPrice(p: Part, customerType: string): string | undefined {
  const prices = p.prices as Record<string, string | null | undefined>;
  const v = prices[TIER[customerType]] ?? prices.retail;
  if (v === undefined || v === null) return undefined;
  return p.prices.hqCap && Number(v) > Number(p.prices.hqCap) ? p.prices.hqCap : v;
}

export function CounterPage() {
  const { t } = useTranslation();
  const { stationId } = useSession();
  const [mode, setMode] = useState<Mode>('order');
  const [roId, setRoId] = useState<string | undefined>(() => sessionStorage.getItem(RO_KEY) || undefined);
  const [draft, setDraft] = useState<Draft[]>([]);
  const [draftKey, setDraftKey] = useState(() => newKey('req'));
  const [lastPart, setLastPart] = useState<Part>();
  const [showNew, setShowNew] = useState(false);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    if (roId) sessionStorage.setItem(RO_KEY, roId);
    else sessionStorage.removeItem(RO_KEY);
  }, [roId]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F8') {
        e.preventDefault();
        setMode('order');
        setShowNew(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const addPart = (p: Part) => {
    setLastPart(p);
    setDraft((d) => {
      const i = d.findIndex((x) => x.part.id === p.id);
      if (i >= 0) return d.map((x, j) => (j === i ? { ...x, quantity: String(Number(x.quantity || 0) + 1) } : x));
      return [...d, { part: p, quantity: '1' }];
    });
    setDraftKey(newKey('req'));
  };
  // The repair order's car narrows the search by default (the same query and variables as the draft panel's, so one request).
  const order = useApi<{ repairOrder: RepairOrder | null }>(REPAIR_ORDER_FULL, { id: roId, reload }, { op: 'Query.repairOrder', pause: !roId });
  const orderVin = roId ? order.data?.repairOrder?.vin ?? null : null;
  const changeDraft = (d: Draft[]) => {
    setDraft(d);
    setDraftKey(newKey('req'));
  };

  // 销售记录: the counter's sales and lost sales, full width, instead of the search and the draft (the draft is kept).
  if (mode === 'records') {
    return (
      <div className="page counter-records">
        <ModeSwitch mode={mode} setMode={setMode} />
        <CounterRecords />
      </div>
    );
  }

  return (
    <div className="page counter">
      <Panel title={t('counter.search')} id="search-panel">
        <PartSearch onPick={addPart} pickLabel={t('counter.add')} vin={mode === 'order' ? orderVin : null} />
        <p className="hint keys" data-testid="shortcuts">{t('counter.keys')}</p>
      </Panel>
      <div className="side">
        <ModeSwitch mode={mode} setMode={setMode} />
        {mode === 'order' && <RepairOrderList roId={roId} setRoId={setRoId} stationId={stationId} showNew={showNew} setShowNew={setShowNew} reload={reload} />}
        <DraftPanel mode={mode} roId={roId} draft={draft} setDraft={changeDraft} draftKey={draftKey} lastPart={lastPart}
          onDone={() => { setDraft([]); setDraftKey(newKey('req')); setReload((n) => n + 1); }} />
      </div>
      {mode === 'order' && roId && <RepairOrderDetail roId={roId} reload={reload} onChanged={() => setReload((n) => n + 1)} />}
    </div>
  );
}

/** Repair order, counter sale, or the records of sales and lost sales. */
function ModeSwitch({ mode, setMode }: { mode: Mode; setMode(m: Mode): void }) {
  const { t } = useTranslation();
  return (
    <div className="mode-switch no-print" role="tablist" aria-label={t('counter.mode')}>
      {(['order', 'sale'] as const).map((m) => (
        <button key={m} type="button" role="tab" aria-selected={mode === m} className={mode === m ? 'on' : ''} onClick={() => setMode(m)} data-testid={`mode-${m}`}>
          {t(`counter.mode_${m}`)}
        </button>
      ))}
      <button type="button" role="tab" aria-selected={mode === 'records'} className={mode === 'records' ? 'on' : ''} onClick={() => setMode('records')} data-testid="mode-records">
        {t('records.mode')}
      </button>
    </div>
  );
}

const ACTIVE = ['OPEN', 'IN_PROGRESS', 'COMPLETED'];
const RO_STATUSES = ['OPEN', 'IN_PROGRESS', 'COMPLETED', 'SETTLED', 'CANCELLED'];

function RepairOrderList({ roId, setRoId, stationId, showNew, setShowNew, reload }: { roId?: string; setRoId(id?: string): void; stationId?: string; showNew: boolean; setShowNew(v: boolean): void; reload: number }) {
  const { t, i18n } = useTranslation();
  // 'active' (not settled), 'all', or one status
  const [statusSet, setStatusSet] = useState('active');
  const [query, setQuery] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const sort = useSort({ field: 'openedAt', direction: 'DESC' });
  // status, text and the day opened, on the server; the download takes the same
  const filters = { stationId: stationId ?? null, statuses: statusSet === 'active' ? ACTIVE : statusSet === 'all' ? null : [statusSet], query: query.trim() || null, from: dayStart(from), to: dayEnd(to) };
  const vars = { ...filters, sort: sort.sort, reload };
  const list = usePaged<{ id: string; number: string; status: string; plate?: string; vin?: string; openedAt: string }>(REPAIR_ORDERS_PAGE, 'repairOrdersPage', vars, { op: 'Query.repairOrdersPage', first: 8 });
  const models = useApi<{ vehicleModels: { id: string; name: string; nameEn?: string }[] }>(VEHICLE_MODELS, {}, { op: 'Query.vehicleModels' });
  const open = useAction<{ openRepairOrder: { id: string } }>(OPEN_RO);
  const [form, setForm] = useState({ plate: '', vin: '', vehicleModelId: '' });
  const [vinError, setVinError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const vin = form.vin.trim().toUpperCase();
    if (vin && !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return setVinError(t('check.vin'));
    setVinError(undefined);
    const r = await open.exec({ input: { stationId: stationId ?? null, plate: form.plate.trim() || null, vin: vin || null, vehicleModelId: form.vehicleModelId || null } });
    if (r) {
      setRoId(r.openRepairOrder.id);
      setShowNew(false);
      setForm({ plate: '', vin: '', vehicleModelId: '' });
      list.refetch();
    }
  };
  return (
    <Panel id="ro-panel" title={t('counter.repairOrders')} actions={
      <>
        <ExportButton list="repair-orders" filters={{ ...filters, sort: sort.exportValue }} />
        <button type="button" onClick={() => setShowNew(!showNew)} data-testid="new-ro" title="F8">{t('counter.newOrder')}</button>
      </>
    }>
      {showNew && (
        <form className="grid-form new-ro" onSubmit={submit} onKeyDown={(e) => e.key === 'Escape' && setShowNew(false)}>
          <label>{t('counter.plate')}<input name="plate" value={form.plate} onChange={(e) => setForm({ ...form, plate: e.target.value })} placeholder="京A·12345" autoFocus /></label>
          <label>VIN<input name="vin" value={form.vin} onChange={(e) => setForm({ ...form, vin: e.target.value })} maxLength={17} placeholder="LVVDB11B0ND000001" /></label>
          <label>{t('counter.model')}
            <select name="vehicleModelId" value={form.vehicleModelId} onChange={(e) => setForm({ ...form, vehicleModelId: e.target.value })}>
              <option value="">–</option>
              {(models.data?.vehicleModels ?? []).map((m) => <option key={m.id} value={m.id}>{partName(m, i18n.language)}</option>)}
            </select>
          </label>
          <button type="submit" className="primary" disabled={open.busy}>{t('counter.openOrder')}</button>
          {vinError && <p className="field-error" role="alert">{vinError}</p>}
          <ErrorBox error={open.error} />
        </form>
      )}
      <div className="row filters">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('counter.findOrder')} aria-label={t('counter.findOrder')} />
        <select value={statusSet} onChange={(e) => setStatusSet(e.target.value)} aria-label={t('common.status')} data-testid="ro-status-filter">
          <option value="active">{t('counter.activeOrders')}</option>
          {RO_STATUSES.map((x) => <option key={x} value={x}>{t(`roStatus.${x}`)}</option>)}
          <option value="all">{t('counter.allOrders')}</option>
        </select>
        <label>{t('common.from')}<DayInput value={from} onChange={setFrom} testId="ro-from" /></label>
        <label>{t('common.to')}<DayInput value={to} onChange={setTo} testId="ro-to" /></label>
        <SortSelect s={sort} fields={[{ field: 'openedAt', label: t('counter.openedAt') }, { field: 'number', label: t('print.number') }, { field: 'status', label: t('common.status') }]} />
      </div>
      <QueryProblem of={list} />
      <Loading r={list} />
      {list.items && list.items.length === 0 && <Empty>{t('counter.noOrders')}</Empty>}
      {list.items && list.items.length > 0 && (
        <ul className="ro-list" data-testid="ro-list">
          {list.items.map((o) => (
            <li key={o.id}>
              <button type="button" className={o.id === roId ? 'on' : ''} onClick={() => setRoId(o.id)} data-number={o.number}>
                <span className="mono">{o.number}</span> <span>{o.plate ?? ''}</span>
                <span className={`status s-${o.status}`}>{t(`roStatus.${o.status}`, { defaultValue: o.status })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <Pager p={list} />
    </Panel>
  );
}

function DraftPanel({ mode, roId, draft, setDraft, draftKey, onDone, lastPart }: { mode: Mode; roId?: string; draft: Draft[]; setDraft(d: Draft[]): void; draftKey: string; onDone(): void; lastPart?: Part }) {
  const { t, i18n } = useTranslation();
  const { stationId } = useSession();
  const issue = useAction<{ requisitionParts: { number: string; lines: Line[] } }>(ISSUE_PARTS);
  const sell = useAction<{ sellOverCounter: { number: string; total: string; lines: { issued: number; shortfall: number; unitPrice: string; part: PartMini }[] } }>(SELL);
  const lost = useAction(LOST_SALE);
  const [customerType, setCustomerType] = useState<string>('WALK_IN');
  const [customerName, setCustomerName] = useState('');
  const [result, setResult] = useState<{ text: string; short: string[] }>();
  const [lostFor, setLostFor] = useState<number>();
  const [lostReason, setLostReason] = useState('OUT_OF_STOCK');
  const problems = draft.map((d) => quantityProblem(d.quantity, d.part.unitPrecision, t));
  const blocked = !draft.length || problems.some(Boolean) || (mode === 'order' && !roId);

  const submit = async () => {
    if (blocked) return;
    const lines = draft.map((d) => ({ partId: d.part.id, quantity: Number(d.quantity) }));
    if (mode === 'order') {
      const r = await issue.exec({ repairOrderId: roId, lines, idempotencyKey: draftKey });
      if (r) {
        const short = r.requisitionParts.lines.filter((l) => l.shortfall > 0).map((l) => t('counter.shortfallLine', { partNo: l.part.partNo, issued: qty(l.issued), shortfall: qty(l.shortfall), unit: l.part.unit }));
        setResult({ text: t('counter.issued', { number: r.requisitionParts.number }), short });
        onDone();
      }
    } else {
      const r = await sell.exec({ input: { stationId: stationId ?? null, customerType, customerName: customerName.trim() || null, lines }, idempotencyKey: draftKey });
      if (r) {
        const s = r.sellOverCounter;
        const short = s.lines.filter((l) => l.shortfall > 0).map((l) => t('counter.shortfallLine', { partNo: l.part.partNo, issued: qty(l.issued), shortfall: qty(l.shortfall), unit: l.part.unit }));
        setResult({ text: t('counter.sold', { number: s.number, total: money(s.total) }), short });
        onDone();
      }
    }
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F4') {
        e.preventDefault();
        void submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  const recordLost = async (i: number) => {
    const d = draft[i];
    if (await lost.exec({ input: { stationId: stationId ?? null, partId: d.part.id, quantity: Number(d.quantity), reason: lostReason, idempotencyKey: newKey('lost') } })) {
      setResult({ text: t('counter.lostRecorded', { partNo: d.part.partNo, quantity: d.quantity, unit: d.part.unit }), short: [] });
      setLostFor(undefined);
      setDraft(draft.filter((_, j) => j !== i));
    }
  };
  const total = mode === 'sale' ? draft.reduce((a, d) => a + Number(tierPrice(d.part, customerType) ?? 0) * (Number(d.quantity) || 0), 0) : 0;

  return (
    <Panel title={mode === 'order' ? t('counter.draft') : t('counter.saleDraft')} id="draft-panel">
      {mode === 'sale' && (
        <div className="row">
          <label>{t('counter.customerType')}
            <select value={customerType} onChange={(e) => setCustomerType(e.target.value)} data-testid="customer-type">
              {CUSTOMER_TYPES.map((c) => <option key={c} value={c}>{t(`customerType.${c}`)}</option>)}
            </select>
          </label>
          <label>{t('counter.customerName')}<input value={customerName} onChange={(e) => setCustomerName(e.target.value)} maxLength={200} /></label>
        </div>
      )}
      {lastPart && (
        <div className="part-card" data-testid="part-card">
          <PartImage part={lastPart} />
          <div>
            <b className="mono">{lastPart.partNo}</b> {partName(lastPart, i18n.language)}
            <div className="hint">{lastPart.spec ?? ''} {lastPart.brand ?? ''}</div>
          </div>
        </div>
      )}
      {draft.length === 0 ? (
        <Empty>{t('counter.draftEmpty')}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="lines" data-testid="draft-lines">
            <thead>
              <tr>
                <th>{t('part.name')} / {t('part.partNo')}</th>
                <th className="num">{t('counter.quantity')}</th>
                <th className="num">{t('part.available')}</th>
                {mode === 'sale' && <th className="num">{t('part.unitPrice')}</th>}
                <th />
              </tr>
            </thead>
            <tbody>
              {draft.map((d, i) => (
                <tr key={d.part.id} data-part-no={d.part.partNo}>
                  <td className="part"><span className="name">{partName(d.part, i18n.language)}</span><div className="sub mono">{d.part.partNo}</div></td>
                  <td className="num">
                    <input className="qty" inputMode="decimal" value={d.quantity} aria-label={t('counter.quantity')} aria-invalid={!!problems[i]}
                      onChange={(e) => setDraft(draft.map((x, j) => (j === i ? { ...x, quantity: e.target.value } : x)))} /> {d.part.unit}
                    {problems[i] && <div className="field-error" role="alert">{problems[i]}</div>}
                  </td>
                  <td className={`num ${d.part.stock && d.part.stock.available < Number(d.quantity) ? 'zero' : ''}`}>{d.part.stock ? qty(d.part.stock.available) : '–'}</td>
                  {mode === 'sale' && <td className="num">{money(tierPrice(d.part, customerType))}</td>}
                  <td className="nowrap">
                    <button type="button" className="link" onClick={() => setLostFor(lostFor === i ? undefined : i)} data-testid="lost-sale">{t('counter.lost')}</button>
                    <button type="button" className="link" onClick={() => setDraft(draft.filter((_, j) => j !== i))} aria-label={t('common.remove')}>✕</button>
                  </td>
                </tr>
              ))}
            </tbody>
            {mode === 'sale' && (
              <tfoot><tr><td colSpan={3}>{t('counter.estimatedTotal')}</td><td className="num" data-testid="sale-total">{money(String(total))}</td><td /></tr></tfoot>
            )}
          </table>
        </div>
      )}
      {lostFor !== undefined && draft[lostFor] && (
        <form className="row lost-form" onSubmit={(e) => { e.preventDefault(); void recordLost(lostFor); }}>
          <span>{t('counter.lostFor', { partNo: draft[lostFor].part.partNo })}</span>
          <select value={lostReason} onChange={(e) => setLostReason(e.target.value)} aria-label={t('counter.lostReason')}>
            {['NOT_STOCKED', 'OUT_OF_STOCK', 'PRICE', 'OTHER'].map((r) => <option key={r} value={r}>{t(`lostReason.${r}`)}</option>)}
          </select>
          <button type="submit" className="small" disabled={lost.busy}>{t('counter.recordLost')}</button>
          <ErrorBox error={lost.error} />
        </form>
      )}
      <div className="row">
        <button type="button" className="primary" data-testid="issue" disabled={blocked || issue.busy || sell.busy} onClick={submit} title="F4">
          {mode === 'order' ? t('counter.issue') : t('counter.sell')} <kbd>F4</kbd>
        </button>
        {mode === 'order' && !roId && draft.length > 0 && <span className="warn-msg">{t('counter.pickOrderFirst')}</span>}
        {(issue.busy || sell.busy) && <span className="hint">{t('common.working')}</span>}
      </div>
      <ErrorBox error={issue.error ?? sell.error} />
      {result && (
        <div className={result.short.length ? 'warn-msg shortfall-box' : 'ok-msg'} role="status" data-testid="issue-result">
          {result.text}
          {result.short.length > 0 && <ul>{result.short.map((s) => <li key={s}>{s}</li>)}</ul>}
        </div>
      )}
    </Panel>
  );
}

function RepairOrderDetail({ roId, reload, onChanged }: { roId: string; reload: number; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const manager = hasRole(s.session, 'STATION_MANAGER');
  const ro = useApi<{ repairOrder: RepairOrder | null }>(REPAIR_ORDER_FULL, { id: roId, reload }, { op: 'Query.repairOrder' });
  const complete = useAction(COMPLETE_RO);
  const settle = useAction(SETTLE_RO);
  const order = ro.data?.repairOrder;
  const refresh = () => { ro.refetch(); onChanged(); };
  if (!order) return (
    <Panel title={t('counter.partsList')} id="parts-list">
      <QueryProblem of={ro} />
      <Loading r={ro} />
      {ro.data && <Empty>{t('counter.orderNotFound')}</Empty>}
    </Panel>
  );
  const closed = order.status === 'SETTLED' || order.status === 'CANCELLED';
  const station = `${order.station.code} ${order.station.name}`;
  const vehicle = `${order.plate ?? '–'} · VIN ${order.vin ?? '–'}${order.vehicleModel ? ` · ${partName(order.vehicleModel, i18n.language)}` : ''}`;
  const bin = (b?: BinRef) => (b ? `${b.warehouse.code}/${b.code}` : '–');

  const printRequisition = (r: Requisition, kind: 'pick' | 'issue') => {
    const rows = r.lines.map((l) => kind === 'pick'
      ? [String(l.lineNo), l.part.partNo, partName(l.part, i18n.language), l.part.unit, bin(l.bin), qty(l.requested), qty(l.issued), qty(l.shortfall)]
      : [String(l.lineNo), l.part.partNo, partName(l.part, i18n.language), l.part.unit, bin(l.bin), qty(l.issued), money(l.unitPrice), money(String(l.issued * Number(l.unitPrice)))]);
    const sum = (f: (l: Line) => number) => qty(r.lines.reduce((a, l) => a + f(l), 0));
    printDocument(kind === 'pick' ? {
      title: t('print.pickTitle'), number: r.number, station,
      fields: [[t('counter.orderNo'), order.number], [t('counter.vehicle'), vehicle], [t('print.requestedAt'), fmtTime(r.requestedAt, i18n.language)]],
      columns: [{ header: '#' }, { header: t('part.partNo') }, { header: t('part.name') }, { header: t('part.unit') }, { header: t('part.bin') }, { header: t('counter.requested'), num: true }, { header: t('counter.issuedQty'), num: true }, { header: t('counter.shortfall'), num: true }],
      rows, totals: [t('print.total'), '', '', '', '', sum((l) => l.requested), sum((l) => l.issued), sum((l) => l.shortfall)],
      signatures: [t('print.picker'), t('print.issuer')],
    } : {
      title: t('print.issueTitle'), number: r.number, station,
      fields: [[t('counter.orderNo'), order.number], [t('counter.vehicle'), vehicle], [t('print.issuedAt'), fmtTime(r.issuedAt, i18n.language)]],
      columns: [{ header: '#' }, { header: t('part.partNo') }, { header: t('part.name') }, { header: t('part.unit') }, { header: t('part.bin') }, { header: t('counter.issuedQty'), num: true }, { header: t('part.unitPrice'), num: true }, { header: t('counter.amount'), num: true }],
      rows, totals: [t('print.total'), '', '', '', '', sum((l) => l.issued), '', money(String(r.lines.reduce((a, l) => a + l.issued * Number(l.unitPrice), 0)))],
      signatures: [t('print.picker'), t('print.issuer'), t('print.keeper')],
    });
  };
  const printReturns = () => printDocument(returnSlip(t, i18n.language, { station, fields: [[t('counter.orderNo'), order.number], [t('counter.vehicle'), vehicle]], returns: order.returns }));
  const printPartsList = () => printDocument({
    title: t('counter.printTitle'), number: order.number, station,
    fields: [[t('counter.vehicle'), vehicle], [t('common.status'), t(`roStatus.${order.status}`)]],
    columns: [{ header: t('counter.requisition') }, { header: t('part.partNo') }, { header: t('part.name') }, { header: t('part.unit') }, { header: t('counter.issuedQty'), num: true }, { header: t('counter.returned'), num: true }, { header: t('part.unitPrice'), num: true }, { header: t('counter.amount'), num: true }],
    rows: order.requisitions.flatMap((r) => r.lines.map((l) => [r.number, l.part.partNo, partName(l.part, i18n.language), l.part.unit, qty(l.issued), qty(l.returned), money(l.unitPrice), money(l.amount)])),
    totals: [t('counter.partsCost'), '', '', '', '', '', '', money(order.partsCost)],
    signatures: [t('print.issuer'), t('print.customer')],
  });

  return (
    <Panel id="parts-list" title={<>{t('counter.repairOrder')} <span className="mono" data-testid="ro-number">{order.number}</span> <span className={`status s-${order.status}`} data-testid="ro-status">{t(`roStatus.${order.status}`)}</span></>}
      actions={
        <>
          {(order.status === 'OPEN' || order.status === 'IN_PROGRESS') && <button type="button" onClick={async () => { if (await complete.exec({ id: order.id })) refresh(); }} disabled={complete.busy} data-testid="complete">{t('counter.complete')}</button>}
          {order.status === 'COMPLETED' && <button type="button" className="primary" onClick={async () => { if (await settle.exec({ id: order.id })) refresh(); }} disabled={settle.busy} data-testid="settle">{t('counter.settle')}</button>}
          <button type="button" onClick={printPartsList}>{t('counter.print')}</button>
          {order.returns.length > 0 && <button type="button" onClick={printReturns} data-testid="print-returns">{t('print.returnTitle')}</button>}
        </>
      }>
      <p className="meta">{vehicle} · {t('counter.openedAt')} {fmtTime(order.openedAt, i18n.language)} · {t('counter.partsCost')} <b data-testid="parts-cost">{money(order.partsCost)}</b></p>
      <ErrorBox error={complete.error ?? settle.error} />
      {order.requisitions.length === 0 && <Empty>{t('counter.noLines')}</Empty>}
      {order.requisitions.map((r) => (
        <div key={r.id} className="requisition" data-testid={`requisition-${r.number}`}>
          <div className="req-head">
            <b>{t('counter.requisition')} <span className="mono">{r.number}</span></b>
            <span className="hint">{fmtTime(r.requestedAt, i18n.language)} · {who(r.requestedByUser, r.requestedBy)}</span>
            <span className="actions">
              <button type="button" className="small" onClick={() => printRequisition(r, 'pick')} data-testid="print-pick">{t('print.pickTitle')}</button>
              <button type="button" className="small" onClick={() => printRequisition(r, 'issue')} data-testid="print-issue">{t('print.issueTitle')}</button>
            </span>
          </div>
          <div className="table-wrap">
            <table className="lines" data-testid="ro-lines">
              <thead>
                <tr>
                  <th>{t('part.partNo')}</th><th>{t('part.name')}</th><th className="num">{t('counter.requested')}</th><th className="num">{t('counter.issuedQty')}</th>
                  <th className="num">{t('counter.returned')}</th><th className="num">{t('counter.shortfall')}</th><th>{t('part.bin')}</th><th className="num">{t('part.unitPrice')}</th><th className="num">{t('counter.amount')}</th><th />
                </tr>
              </thead>
              <tbody>
                {r.lines.map((l) => (
                  <tr key={l.id} className={l.shortfall > 0 ? 'has-shortfall' : ''} data-part-no={l.part.partNo}>
                    <td className="mono">{l.part.partNo}</td>
                    <td>{partName(l.part, i18n.language)}{l.returns.filter((x) => x.reason).map((x) => <div key={x.id} className="hint">{t('counter.returnedBecause', { quantity: qty(x.quantity), reason: x.reason })}</div>)}</td>
                    <td className="num">{qty(l.requested)} {l.part.unit}</td>
                    <td className="num">{qty(l.issued)}</td>
                    <td className="num">{qty(l.returned)}</td>
                    <td className="num">{l.shortfall > 0 ? <strong>{qty(l.shortfall)}</strong> : '0'}</td>
                    <td className="mono">{bin(l.bin)}</td>
                    <td className="num">{money(l.unitPrice)}{l.unitPrice !== l.tierPrice && <div className="hint">{t('counter.tier', { price: money(l.tierPrice) })}</div>}</td>
                    <td className="num">{money(l.amount)}</td>
                    <td className="nowrap">
                      {!closed && l.issued - l.returned > 0 && <ReturnForm line={l} onDone={refresh} />}
                      {!closed && manager && <PriceForm line={l} onDone={refresh} />}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ))}
    </Panel>
  );
}

function ReturnForm({ line, onDone }: { line: Line; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const left = line.issued - line.returned;
  const [n, setN] = useState(String(left));
  const [reason, setReason] = useState('');
  const [key] = useState(() => newKey('ret'));
  const ret = useAction(RETURN_WITH_REASON);
  const problem = quantityProblem(n, line.part.unitPrecision, t, left);
  if (!open) return <button type="button" className="small" onClick={() => setOpen(true)} data-testid="return">{t('counter.return')}</button>;
  return (
    <form className="inline" data-testid="return-form" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} onSubmit={async (e) => {
      e.preventDefault();
      if (problem || !reason.trim()) return;
      if (await ret.exec({ requisitionLineId: line.id, quantity: Number(n), binId: line.bin?.id ?? null, reason: reason.trim(), idempotencyKey: key })) {
        setOpen(false);
        onDone();
      }
    }}>
      <input className="qty" inputMode="decimal" value={n} onChange={(e) => setN(e.target.value)} aria-label={t('counter.returnQty')} autoFocus />
      <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('counter.returnReason')} aria-label={t('counter.returnReason')} maxLength={2000} list="return-reasons" />
      <datalist id="return-reasons">{(t('counter.returnReasons', { returnObjects: true }) as string[]).map((r) => <option key={r} value={r} />)}</datalist>
      <button type="submit" className="small" disabled={ret.busy || !!problem || !reason.trim()}>{t('common.ok')}</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      {problem && <span className="field-error">{problem}</span>}
      <ErrorBox error={ret.error} />
    </form>
  );
}

function PriceForm({ line, onDone }: { line: Line; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [price, setPrice] = useState(line.unitPrice);
  const adjust = useAction(ADJUST_PRICE);
  const cap = line.part.prices?.hqCap;
  const bad = !/^\d{1,12}(\.\d{1,2})?$/.test(price.trim()) ? t('check.money') : cap && Number(price) > Number(cap) ? t('check.aboveCap', { cap: money(cap) }) : undefined;
  if (!open) return <button type="button" className="small" onClick={() => setOpen(true)} data-testid="adjust-price">{t('counter.adjustPrice')}</button>;
  return (
    <form className="inline" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} onSubmit={async (e) => {
      e.preventDefault();
      if (bad) return;
      if (await adjust.exec({ id: line.id, unitPrice: price.trim() })) {
        setOpen(false);
        onDone();
      }
    }}>
      <input className="qty" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} aria-label={t('part.unitPrice')} autoFocus />
      <button type="submit" className="small" disabled={adjust.busy || !!bad}>{t('common.ok')}</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      {bad && <span className="field-error">{bad}</span>}
      <ErrorBox error={adjust.error} />
    </form>
  );
}
