/**
 * The stock room's lists and documents: the paged ledger (filters, running
 * balance), bin moves, transfers (create, ship, receive with differences,
 * cancel, 调拨单), stocktakes with their count sheet (book quantity per bin,
 * blind count, scan to count, progress, 盘点表, approve / reject) and
 * write-offs (request, a manager's pending list, approve / reject).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Part } from '../components/part-search';
import { DayInput, ErrorBox, Loading, QueryProblem, useAction, useApi, usePaged, Pager, qty, partName, Panel, Empty, printDocument, quantityProblem, fmtTime, ExportButton, useSort, SortTh, who, type Person } from '../components/ui';
import {
  APPROVE_COUNT, ASK_WRITE_OFF, BEGIN_STOCKTAKE, CANCEL_TRANSFER, COUNT, LEDGER_PAGE, MOVE_BIN, NEW_TRANSFER, NO_WRITE_OFF, OK_WRITE_OFF, RECEIVE, REJECT_COUNT, SHIP, STOCKTAKE,
  STOCKTAKES_PAGE, TRANSFERS_PAGE, TRANSFER_WRITE_OFF, WRITE_OFFS_PAGE,
} from '../api/day-ops';
import { useSession } from '../session';
import i18n from '../i18n';
import { hasRole, newKey } from '../auth';
import { dayEnd, dayStart } from '../dates';

i18n.addResourceBundle('zh', 'translation', {
  transfers: {
    createN: '新建调拨（{{n}} 行）', created: '调拨单 {{number}} 已建立（{{n}} 行），待发运。', pickParts: '在上方查找备件：选中的每个备件都会加入这张调拨单。',
    addHint: '可加入多个备件；调出与调入仓库须不同。', sameWarehouse: '调出与调入仓库不能相同。',
    allDirections: '调出和调入', out: '本站调出', in: '调入本站', onlyMissing: '只看收货短少',
    awaitingReceipt: '待 {{station}} 收货', awaitingShipment: '待 {{station}} 发运',
    notForRole: '调拨单由仓管员或站长建立和发运；到货的调拨单可以在下表收货。',
  },
  writeOff: { otherManager: '本人提交，须由另一位站长审批' },
  partFilter: { only: '只看 {{partNo}}' },
}, true, true);
i18n.addResourceBundle('en', 'translation', {
  transfers: {
    createN: 'Create transfer ({{n}} lines)', created: 'Transfer {{number}} created ({{n}} lines); ready to ship.', pickParts: 'Find parts above: each part you pick joins this transfer.',
    addHint: 'Add as many parts as needed; the two warehouses must differ.', sameWarehouse: 'The two warehouses must differ.',
    allDirections: 'Out and in', out: 'Out of this station', in: 'Into this station', onlyMissing: 'Only received short',
    awaitingReceipt: 'Waiting for {{station}} to receive', awaitingShipment: 'Waiting for {{station}} to ship',
    notForRole: 'Transfers are created and shipped by a parts clerk or the manager; you can receive arriving transfers in the list below.',
  },
  writeOff: { otherManager: 'Your own request: another manager must approve it' },
  partFilter: { only: 'Only {{partNo}}' },
}, true, true);

type PartMini = { id: string; partNo: string; name: string; nameEn?: string | null; unit: string; unitPrecision: number; barcode?: string | null };
type Wh = { id: string; code: string; name: string; station?: { id: string; code: string; name: string } };
const MOVEMENT_TYPES = ['RECEIPT', 'ISSUE', 'RETURN', 'BIN_MOVE', 'TRANSFER_OUT', 'TRANSFER_IN', 'ADJUSTMENT', 'WRITE_OFF', 'QUARANTINE', 'DEPOT_SHIPMENT'];
const stationLabel = (s: { station?: { code: string; name: string } }) => (s.station ? `${s.station.code} ${s.station.name}` : '');

function WarehouseSelect({ value, onChange, label, allowAll }: { value: string; onChange(v: string): void; label: string; allowAll?: boolean }) {
  const { t } = useTranslation();
  const { station } = useSession();
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{allowAll ? t('stock.allWarehouses') : label}</option>
      {(station?.warehouses ?? []).map((w) => <option key={w.id} value={w.id}>{w.code} {w.name}</option>)}
    </select>
  );
}

function BinSelect({ value, onChange, warehouseId, label }: { value: string; onChange(v: string): void; warehouseId?: string; label?: string }) {
  const { t } = useTranslation();
  const { station } = useSession();
  return (
    <select aria-label={label ?? t('part.bin')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{label ?? t('part.bin')}</option>
      {(station?.warehouses ?? []).filter((w) => !warehouseId || w.id === warehouseId).map((w) => (
        <optgroup key={w.id} label={`${w.code} ${w.name}`}>
          {w.bins.map((b) => <option key={b.id} value={b.id}>{w.code}/{b.code}</option>)}
        </optgroup>
      ))}
    </select>
  );
}

/* ---------- ledger ---------- */

/** Actors the platform writes for rows no person made (the opening balance, imported history). */
const SYSTEM_ACTORS = new Set(['migration']);
/** A movement's reference as a clerk reads it: the system's own markers in words, document numbers as they are. */
function ledgerReference(ref: string | null | undefined, t: TFunction): string {
  if (!ref) return '';
  if (ref === 'OPENING' || ref === 'HIST') return t(`stock.ref.${ref}`);
  const move = /^MOVE([→←])(.+)$/.exec(ref);
  if (move) return t(move[1] === '→' ? 'stock.ref.moveTo' : 'stock.ref.moveFrom', { bin: move[2] });
  return ref;
}

export function Ledger({ part }: { part?: Part }) {
  const { t, i18n } = useTranslation();
  const [warehouseId, setWarehouseId] = useState('');
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { stationId } = useSession();
  const filters = { stationId: stationId ?? null, partId: part?.id ?? null, warehouseId: warehouseId || null, type: type || null, from: dayStart(from), to: dayEnd(to) };
  const sort = useSort({ field: 'occurredAt', direction: 'DESC' });
  const r = usePaged<{ id: string; type: string; quantity: number; balance: number | null; reference?: string; occurredAt: string; actor: string; actorUser?: Person; part: PartMini; bin: { code: string; warehouse: { code: string } } }>(
    LEDGER_PAGE, 'stockMovementsPage', { ...filters, sort: sort.sort }, { op: 'Query.stockMovementsPage', first: 50 });
  const withBalance = !!(part && warehouseId);
  return (
    <Panel id="ledger" title={`${t('stock.ledger')}${part ? ` · ${part.partNo}` : ''}`} actions={<ExportButton list="stock-movements" filters={{ ...filters, sort: sort.exportValue }} />}>
      <div className="row filters">
        <WarehouseSelect value={warehouseId} onChange={setWarehouseId} label={t('stock.warehouse')} allowAll />
        <select aria-label={t('stock.type')} value={type} onChange={(e) => setType(e.target.value)} data-testid="ledger-type">
          <option value="">{t('stock.allTypes')}</option>
          {MOVEMENT_TYPES.map((m) => <option key={m} value={m}>{t(`movement.${m}`)}</option>)}
        </select>
        <label>{t('common.from')}<DayInput value={from} onChange={setFrom} /></label>
        <label>{t('common.to')}<DayInput value={to} onChange={setTo} /></label>
      </div>
      {!withBalance && <p className="hint">{t('stock.balanceHint')}</p>}
      <QueryProblem of={r} />
      <Loading r={r} />
      {r.items && r.items.length === 0 && <Empty>{t('stock.noMovements')}</Empty>}
      {r.items && r.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="ledger">
            <thead>
              <tr>
                <SortTh s={sort} field="occurredAt" first="DESC">{t('stock.when')}</SortTh><th>{t('stock.type')}</th>{!part && <th>{t('part.partNo')}</th>}<th>{t('part.bin')}</th>
                <SortTh s={sort} field="quantity" num first="DESC">{t('counter.quantity')}</SortTh>{withBalance && <th className="num">{t('stock.balance')}</th>}<th>{t('stock.reference')}</th><th>{t('stock.actor')}</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{fmtTime(m.occurredAt, i18n.language)}</td>
                  <td>{t(`movement.${m.type}`, { defaultValue: m.type })}</td>
                  {!part && <td className="mono">{m.part.partNo}</td>}
                  <td className="mono">{m.bin.warehouse.code}/{m.bin.code}</td>
                  <td className={`num ${m.quantity < 0 ? 'neg' : ''}`}>{qty(m.quantity)}</td>
                  {withBalance && <td className="num" data-testid="balance">{qty(m.balance)}</td>}
                  <td className="ref">{ledgerReference(m.reference, t)}</td>
                  <td>{SYSTEM_ACTORS.has(m.actor) && !m.actorUser ? t('stock.systemActor') : who(m.actorUser, m.actor)}</td>
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

/* ---------- bin move and write-off request (for the picked part) ---------- */

export function BinMove({ part, onDone }: { part: Part; onDone?(): void }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [done, setDone] = useState<string>();
  const move = useAction(MOVE_BIN);
  const problem = quantityProblem(quantity, part.unitPrecision, t);
  return (
    <Panel id="bin-move" title={t('binMove.title')}>
      <form className="row" onSubmit={async (e: FormEvent) => {
        e.preventDefault();
        if (problem || !from || !to) return;
        if (await move.exec({ partId: part.id, from, to, quantity: Number(quantity) })) { setDone(t('binMove.done', { partNo: part.partNo, quantity, unit: part.unit })); onDone?.(); }
      }}>
        <BinSelect value={from} onChange={setFrom} label={t('binMove.from')} />
        <BinSelect value={to} onChange={setTo} label={t('binMove.to')} />
        <input className="qty" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} aria-label={t('counter.quantity')} /> {part.unit}
        <button type="submit" disabled={!from || !to || !!problem || move.busy}>{t('binMove.move')}</button>
        {problem && <span className="field-error">{problem}</span>}
      </form>
      <ErrorBox error={move.error} />
      {done && <p className="ok-msg" role="status">{done}</p>}
    </Panel>
  );
}

export function WriteOffRequest({ part, onDone }: { part: Part; onDone?(): void }) {
  const { t } = useTranslation();
  const [binId, setBinId] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string>();
  const ask = useAction<{ requestWriteOff: { number: string } }>(ASK_WRITE_OFF);
  const problem = quantityProblem(quantity, part.unitPrecision, t);
  return (
    <Panel id="write-off" title={t('writeOff.title')}>
      <form className="row" onSubmit={async (e) => {
        e.preventDefault();
        if (problem || !binId || !reason.trim()) return;
        const r = await ask.exec({ partId: part.id, binId, quantity: Number(quantity), reason: reason.trim() });
        if (r) { setDone(t('writeOff.requested', { id: r.requestWriteOff.number })); onDone?.(); }
      }}>
        <span className="mono">{part.partNo}</span>
        <BinSelect value={binId} onChange={setBinId} />
        <input className="qty" inputMode="decimal" value={quantity} onChange={(e) => setQuantity(e.target.value)} aria-label={t('counter.quantity')} />
        <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('writeOff.reason')} aria-label={t('writeOff.reason')} maxLength={2000} />
        <button type="submit" disabled={!binId || !reason.trim() || !!problem || ask.busy}>{t('writeOff.request')}</button>
        {problem && <span className="field-error">{problem}</span>}
      </form>
      <ErrorBox error={ask.error} />
      {done && <p className="ok-msg" role="status" data-testid="write-off-requested">{done}</p>}
    </Panel>
  );
}

/* ---------- transfers ---------- */

interface TransferLine { id: string; lineNo: number; quantity: number; received: number; difference: number; missing: number; writtenOff: number; part: PartMini; fromBins?: LineBin[]; toBins?: LineBin[] }
type LineBin = { quantity: number; bin: { code: string } };
interface Transfer { id: string; number: string; status: string; createdAt: string; createdBy: string; createdByUser?: Person; shippedAt?: string | null; shippedBy?: string | null; shippedByUser?: Person; receivedAt?: string | null; receivedBy?: string | null; receivedByUser?: Person; fromWarehouse: Wh; toWarehouse: Wh; lines: TransferLine[] }
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sum = <T,>(xs: T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);
/** "C-02-03 ×2, C-02-04 ×1": where a line is picked from, or put away into (one bin: just its code). */
const binsOf = (b: LineBin[] = []) => (b.length === 1 ? b[0].bin.code : b.map((x) => `${x.bin.code} ×${qty(x.quantity)}`).join(', '));

/**
 * Transfers of the station: the new transfer's form takes several parts (each
 * part picked in the search above joins it as a line); `focus` (from
 * /stock?tab=transfers&transfer=<id>, the exchange's links) marks that
 * transfer and opens its receipt when it is in transit.
 */
export function Transfers({ stationId, part, focus }: { stationId: string; part?: Part; focus?: string }) {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const manager = hasRole(s.session, 'STATION_MANAGER'); // cancelTransfer is STATION_MANAGER's
  // The sending station ships, the receiving station receives (the server checks each; HQ may act for both):
  // a transfer between two stations offers each station only its own step and names the other's.
  const isHq = s.session.roles.includes('HQ_ADMIN');
  const ours = (w: Wh) => isHq || !w.station || w.station.id === stationId;
  // creating and shipping are the parts clerk's and the manager's; a purchaser may receive
  const mayShip = hasRole(s.session, 'PARTS_CLERK', 'STATION_MANAGER');
  const between = (x: Transfer) => !!x.fromWarehouse.station && !!x.toWarehouse.station && x.fromWarehouse.station.id !== x.toWarehouse.station.id;
  const whLabel = (x: Transfer, w: Wh) => `${between(x) && w.station ? `${w.station.code} · ` : ''}${w.code} ${w.name}`;
  const [status, setStatus] = useState('');
  const [direction, setDirection] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);
  const [onlyPart, setOnlyPart] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reload, setReload] = useState(0);
  const sort = useSort({ field: 'createdAt', direction: 'DESC' });
  // status, direction, created from/to and "received short", on the server (the download takes the same)
  const filters = { stationId, status: status || null, direction: direction || null, from: dayStart(from), to: dayEnd(to), missing: onlyMissing || null, partId: onlyPart && part ? part.id : null };
  const list = usePaged<Transfer>(TRANSFERS_PAGE, 'transfersPage', { ...filters, sort: sort.sort, reload }, { op: 'Query.transfersPage', first: 20 });
  const create = useAction<{ createTransfer: Transfer }>(NEW_TRANSFER);
  const ship = useAction(SHIP);
  const cancel = useAction(CANCEL_TRANSFER);
  const [form, setForm] = useState({ from: '', to: '' });
  const [lines, setLines] = useState<{ part: PartMini; quantity: string }[]>([]);
  // the part picked above joins the new transfer (once)
  useEffect(() => {
    if (part && !lines.some((l) => l.part.id === part.id)) setLines((ls) => [...ls, { part, quantity: '1' }]);
  }, [part?.id]);
  const [receiving, setReceiving] = useState<string | undefined>(focus);
  const problems = lines.map((l) => quantityProblem(l.quantity, l.part.unitPrecision, t));
  const problem = problems.find(Boolean) ?? (form.from && form.from === form.to ? t('transfers.sameWarehouse') : undefined);
  const [created, setCreated] = useState<string>();
  const refresh = () => setReload((n) => n + 1);
  const print = (x: Transfer) => printDocument({
    title: t('print.transferTitle'), number: x.number, station: stationLabel(x.fromWarehouse),
    fields: [[t('transfers.from'), `${x.fromWarehouse.code} ${x.fromWarehouse.name} ${stationLabel(x.fromWarehouse)}`], [t('transfers.to'), `${x.toWarehouse.code} ${x.toWarehouse.name} ${stationLabel(x.toWarehouse)}`],
      [t('common.status'), t(`transferStatus.${x.status}`)], [t('transfers.createdAt'), `${fmtTime(x.createdAt, i18n.language)} ${who(x.createdByUser, x.createdBy)}`], [t('transfers.shippedAt'), x.shippedAt ? `${fmtTime(x.shippedAt, i18n.language)} ${who(x.shippedByUser, x.shippedBy)}` : '–'],
      ...(x.receivedAt ? [[t('transfers.receivedAt'), `${fmtTime(x.receivedAt, i18n.language)} ${who(x.receivedByUser, x.receivedBy)}`] as [string, string]] : [])],
    columns: [{ header: '#' }, { header: t('part.partNo') }, { header: t('part.name') }, { header: t('part.unit') }, { header: t('transfers.fromBin') }, { header: t('transfers.quantity'), num: true }, { header: t('transfers.toBin') }, { header: t('transfers.received'), num: true }, { header: t('transfers.missing'), num: true }],
    rows: x.lines.map((l) => [String(l.lineNo), l.part.partNo, partName(l.part, i18n.language), l.part.unit, binsOf(l.fromBins), qty(l.quantity), binsOf(l.toBins), x.status === 'RECEIVED' ? qty(l.received) : '', x.status === 'RECEIVED' ? qty(l.missing) : '']),
    totals: [t('print.total'), '', '', '', '', qty(sum(x.lines, (l) => l.quantity)), '', x.status === 'RECEIVED' ? qty(sum(x.lines, (l) => l.received)) : '', x.status === 'RECEIVED' ? qty(sum(x.lines, (l) => l.missing)) : ''],
    signatures: [t('print.shipper'), t('print.carrier'), t('print.receiver')],
  });
  return (
    <Panel id="transfers" title={t('transfers.title')} actions={<ExportButton list="transfers" filters={{ ...filters, sort: sort.exportValue }} />}>
      {!mayShip && <p className="hint" data-testid="transfer-not-for-role">{t('transfers.notForRole')}</p>}
      {mayShip && <form className="transfer-form" data-testid="transfer-form" onSubmit={async (e) => {
        e.preventDefault();
        if (!lines.length || problem) return;
        const r = await create.exec({ from: form.from, to: form.to, lines: lines.map((l) => ({ partId: l.part.id, quantity: Number(l.quantity) })) });
        if (r) { setCreated(t('transfers.created', { number: r.createTransfer.number, n: lines.length })); setLines([]); refresh(); }
      }}>
        <div className="row">
          <WarehouseSelect value={form.from} onChange={(v) => setForm({ ...form, from: v })} label={t('transfers.from')} />
          <WarehouseSelect value={form.to} onChange={(v) => setForm({ ...form, to: v })} label={t('transfers.to')} />
          <button type="submit" disabled={!lines.length || !form.from || !form.to || !!problem || create.busy} data-testid="create-transfer">{t('transfers.createN', { n: lines.length })}</button>
        </div>
        {lines.length === 0 ? <p className="hint">{t('transfers.pickParts')}</p> : (
          <table className="transfer-lines" data-testid="transfer-lines">
            <thead><tr><th>#</th><th>{t('part.partNo')}</th><th>{t('part.name')}</th><th className="num">{t('transfers.quantity')}</th><th /></tr></thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.part.id} data-part-no={l.part.partNo}>
                  <td>{i + 1}</td>
                  <td className="mono">{l.part.partNo}</td>
                  <td>{partName(l.part, i18n.language)}</td>
                  <td className="num">
                    <input className="qty" inputMode="decimal" value={l.quantity} onChange={(e) => setLines(lines.map((x) => (x.part.id === l.part.id ? { ...x, quantity: e.target.value } : x)))} aria-label={`${t('counter.quantity')} ${l.part.partNo}`} /> {l.part.unit}
                    {problems[i] && <div className="field-error">{problems[i]}</div>}
                  </td>
                  <td><button type="button" className="link" onClick={() => setLines(lines.filter((x) => x.part.id !== l.part.id))} aria-label={`${t('common.remove')} ${l.part.partNo}`}>×</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {problem && !problems.some(Boolean) && <span className="field-error">{problem}</span>}
        <p className="hint">{t('transfers.addHint')}</p>
      </form>}
      <ErrorBox error={create.error} />
      {created && !create.error && <p className="ok-msg" role="status" data-testid="transfer-created">{created}</p>}
      <div className="row filters">
        <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('common.status')}>
          <option value="">{t('common.allStatuses')}</option>
          {['DRAFT', 'SHIPPED', 'RECEIVED', 'CANCELLED'].map((x) => <option key={x} value={x}>{t(`transferStatus.${x}`)}</option>)}
        </select>
        <select value={direction} onChange={(e) => setDirection(e.target.value)} aria-label={t('transfers.allDirections')} data-testid="transfer-direction">
          <option value="">{t('transfers.allDirections')}</option>
          <option value="OUT">{t('transfers.out')}</option>
          <option value="IN">{t('transfers.in')}</option>
        </select>
        <label>{t('common.from')}<DayInput value={from} onChange={setFrom} testId="transfer-from" /></label>
        <label>{t('common.to')}<DayInput value={to} onChange={setTo} testId="transfer-to" /></label>
        <label className="check"><input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} data-testid="transfer-missing" /> {t('transfers.onlyMissing')}</label>
        {part && <label className="check"><input type="checkbox" checked={onlyPart} onChange={(e) => setOnlyPart(e.target.checked)} data-testid="transfer-only-part" /> {t('partFilter.only', { partNo: part.partNo })}</label>}
      </div>
      <QueryProblem of={list} />
      <Loading r={list} />
      {list.items && list.items.length === 0 && <Empty>{t('transfers.none')}</Empty>}
      {list.items && list.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="transfers">
            <thead><tr><SortTh s={sort} field="number" first="DESC">{t('transfers.number')}</SortTh><SortTh s={sort} field="status">{t('common.status')}</SortTh><th>{t('transfers.parts')}</th><th>{t('transfers.from')} → {t('transfers.to')}</th><SortTh s={sort} field="createdAt" first="DESC">{t('transfers.createdAt')}</SortTh><th /></tr></thead>
            <tbody>
              {list.items.map((x) => (
                <tr key={x.id} data-number={x.number} className={x.id === focus ? 'active' : ''} data-focus={x.id === focus ? 'true' : undefined}>
                  <td className="mono">{x.number}</td>
                  <td><span className={`status s-${x.status}`}>{t(`transferStatus.${x.status}`, { defaultValue: x.status })}</span></td>
                  <td>
                    {x.lines.map((l) => (
                      <div key={l.id} className="tline">
                        <span><span className="mono">{l.part.partNo}</span> {partName(l.part, i18n.language)} × {qty(l.quantity)} {l.part.unit}</span>
                        {(l.fromBins ?? []).length > 0 && <span className="hint mono">{t('transfers.fromBin')} {binsOf(l.fromBins)}</span>}
                        {(l.toBins ?? []).length > 0 && <span className="hint mono" data-testid="to-bins">{t('transfers.toBin')} {binsOf(l.toBins)}</span>}
                        {x.status === 'RECEIVED' && l.difference > 0 && <span className="warn-tag" data-testid="missing">{t('transfers.shortBy', { missing: qty(l.missing), writtenOff: qty(l.writtenOff) })}</span>}
                        {x.status === 'RECEIVED' && l.missing > 0 && <MissingWriteOff line={l} onDone={refresh} />}
                      </div>
                    ))}
                  </td>
                  <td className="wh-route" data-testid="transfer-route"><span>{whLabel(x, x.fromWarehouse)}</span> → <span>{whLabel(x, x.toWarehouse)}</span></td>
                  <td className="nowrap">{fmtTime(x.createdAt, i18n.language)}<div className="hint">{who(x.createdByUser, x.createdBy)}</div></td>
                  <td className="nowrap">
                    {x.status === 'DRAFT' && mayShip && ours(x.fromWarehouse) && <button type="button" className="small" onClick={async () => { if (await ship.exec({ id: x.id })) refresh(); }}>{t('transfers.ship')}</button>}
                    {x.status === 'DRAFT' && !ours(x.fromWarehouse) && <span className="hint" data-testid="awaiting">{t('transfers.awaitingShipment', { station: x.fromWarehouse.station?.code })}</span>}
                    {x.status === 'DRAFT' && manager && ours(x.fromWarehouse) && <button type="button" className="small" onClick={async () => { if (await cancel.exec({ id: x.id })) refresh(); }}>{t('transfers.cancel')}</button>}
                    {x.status === 'SHIPPED' && ours(x.toWarehouse) && <button type="button" className="small primary" onClick={() => setReceiving(receiving === x.id ? undefined : x.id)} data-testid="receive">{t('transfers.receive')}</button>}
                    {x.status === 'SHIPPED' && !ours(x.toWarehouse) && <span className="hint" data-testid="awaiting">{t('transfers.awaitingReceipt', { station: x.toWarehouse.station?.code })}</span>}
                    <button type="button" className="small" onClick={() => print(x)} data-testid="print-transfer">{t('print.transferTitle')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={list} />
      <ErrorBox error={ship.error ?? cancel.error} />
      {receiving && list.items?.find((x) => x.id === receiving && x.status === 'SHIPPED') && <ReceiveForm transfer={list.items.find((x) => x.id === receiving)!} onDone={() => { setReceiving(undefined); refresh(); }} />}
    </Panel>
  );
}

function ReceiveForm({ transfer, onDone }: { transfer: Transfer; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const [got, setGot] = useState<Record<string, string>>(() => Object.fromEntries(transfer.lines.map((l) => [l.id, String(l.quantity)])));
  const [bins, setBins] = useState<Record<string, string>>({});
  const receive = useAction(RECEIVE);
  const problems = transfer.lines.map((l) => (got[l.id] === '0' ? undefined : quantityProblem(got[l.id] ?? '', l.part.unitPrecision, t, l.quantity)));
  return (
    <form className="receive-form" data-testid="receive-form" onSubmit={async (e) => {
      e.preventDefault();
      if (problems.some(Boolean)) return;
      if (await receive.exec({ id: transfer.id, lines: transfer.lines.map((l) => ({ transferLineId: l.id, quantity: Number(got[l.id]), binId: bins[l.id] || null })) })) onDone();
    }}>
      <b>{t('transfers.receiveTitle', { number: transfer.number })}</b>
      <table>
        <thead><tr><th>{t('part.partNo')}</th><th className="num">{t('transfers.quantity')}</th><th className="num">{t('transfers.received')}</th><th>{t('part.bin')}</th></tr></thead>
        <tbody>
          {transfer.lines.map((l, i) => (
            <tr key={l.id} data-part-no={l.part.partNo}>
              <td><span className="mono">{l.part.partNo}</span> {partName(l.part, i18n.language)}</td>
              <td className="num">{qty(l.quantity)} {l.part.unit}</td>
              <td className="num">
                <input className="qty" name="received" inputMode="decimal" value={got[l.id] ?? ''} onChange={(e) => setGot({ ...got, [l.id]: e.target.value })} aria-label={t('transfers.received')} />
                {problems[i] && <div className="field-error">{problems[i]}</div>}
                {!problems[i] && Number(got[l.id]) < l.quantity && <div className="warn-tag">{t('transfers.willMiss', { n: qty(l.quantity - Number(got[l.id])) })}</div>}
              </td>
              <td><BinSelect value={bins[l.id] ?? ''} onChange={(v) => setBins({ ...bins, [l.id]: v })} warehouseId={transfer.toWarehouse.id} label={t('transfers.rememberedBin')} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row"><button type="submit" className="primary" disabled={receive.busy || problems.some(Boolean)} data-testid="confirm-receive">{t('transfers.confirmReceive')}</button></div>
      <ErrorBox error={receive.error} />
    </form>
  );
}

function MissingWriteOff({ line, onDone }: { line: TransferLine; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const ask = useAction<{ requestTransferWriteOff: { number: string } }>(TRANSFER_WRITE_OFF);
  const [done, setDone] = useState<string>();
  if (done) return <span className="ok-msg">{done}</span>;
  if (!open) return <button type="button" className="link" onClick={() => setOpen(true)} data-testid="missing-write-off">{t('transfers.writeOffMissing')}</button>;
  return (
    <form className="inline" onSubmit={async (e) => {
      e.preventDefault();
      if (!reason.trim()) return;
      const r = await ask.exec({ lineId: line.id, quantity: line.missing, reason: reason.trim() });
      if (r) { setDone(t('writeOff.requested', { id: r.requestTransferWriteOff.number })); onDone(); }
    }}>
      <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('writeOff.reason')} aria-label={t('writeOff.reason')} autoFocus />
      <button type="submit" className="small" disabled={!reason.trim() || ask.busy}>{t('writeOff.request')}</button>
      <ErrorBox error={ask.error} />
    </form>
  );
}

/* ---------- stocktakes ---------- */

const STOCKTAKE_STATUSES = ['OPEN', 'APPROVED', 'REJECTED', 'CANCELLED'];
interface StocktakeRow { id: string; number: string; status: string; startedAt: string; startedBy: string; startedByUser?: Person; lineCount: number; countedCount: number; rejectReason?: string | null; warehouse: Wh }
interface Stocktake extends StocktakeRow { lines: { expected: number; counted: number | null; bookAtCount: number | null; variance: number | null; part: PartMini; bin: { id: string; code: string } }[] }

export function Stocktakes({ stationId, pendingOnly }: { stationId: string; pendingOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const [reload, setReload] = useState(0);
  const [warehouseId, setWarehouseId] = useState('');
  const [openId, setOpenId] = useState<string>();
  const [status, setStatus] = useState('');
  const [inWarehouse, setInWarehouse] = useState('');
  const sort = useSort({ field: 'startedAt', direction: 'DESC' });
  // the pending list is the open counts; the whole list filters by status and warehouse, on the server
  const filters = { stationId, status: pendingOnly ? 'OPEN' : status || null, warehouseId: pendingOnly ? null : inWarehouse || null };
  const list = usePaged<StocktakeRow>(STOCKTAKES_PAGE, 'stocktakesPage', { ...filters, sort: sort.sort, reload }, { op: 'Query.stocktakesPage', first: 20 });
  const start = useAction<{ startStocktake: Stocktake }>(BEGIN_STOCKTAKE);
  return (
    <Panel id={pendingOnly ? 'pending-stocktakes' : 'stocktakes'} title={pendingOnly ? t('stocktake.pending') : t('stocktake.title')} actions={<ExportButton list="stocktakes" filters={{ ...filters, sort: sort.exportValue }} />}>
      {!pendingOnly && (
        <div className="row">
          <WarehouseSelect value={warehouseId} onChange={setWarehouseId} label={t('stock.warehouse')} />
          <button type="button" disabled={!warehouseId || start.busy} data-testid="start-stocktake" onClick={async () => {
            const r = await start.exec({ warehouseId });
            if (r) { setOpenId(r.startStocktake.id); setReload((n) => n + 1); }
          }}>{t('stocktake.start')}</button>
        </div>
      )}
      {!pendingOnly && (
        <div className="row filters" data-testid="stocktake-filters">
          <WarehouseSelect value={inWarehouse} onChange={setInWarehouse} label={t('stock.warehouse')} allowAll />
          <select aria-label={t('common.status')} value={status} onChange={(e) => setStatus(e.target.value)} data-testid="stocktake-status">
            <option value="">{t('common.allStatuses')}</option>
            {STOCKTAKE_STATUSES.map((x) => <option key={x} value={x}>{t(`docStatus.${x}`)}</option>)}
          </select>
        </div>
      )}
      <ErrorBox error={start.error} />
      <QueryProblem of={list} />
      <Loading r={list} />
      {list.items && list.items.length === 0 && <Empty>{t('stocktake.none')}</Empty>}
      {list.items && list.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid={pendingOnly ? 'pending-stocktakes' : 'stocktakes'}>
            <thead><tr><SortTh s={sort} field="number" first="DESC">{t('stocktake.id')}</SortTh><th>{t('stock.warehouse')}</th><th>{t('common.status')}</th><th>{t('stocktake.progress')}</th><SortTh s={sort} field="startedAt" first="DESC">{t('stocktake.startedAt')}</SortTh><th /></tr></thead>
            <tbody>
              {list.items.map((x) => (
                <tr key={x.id} className={x.id === openId ? 'active' : ''}>
                  <td className="mono">{x.number}</td>
                  <td>{x.warehouse.code} {x.warehouse.name}</td>
                  <td><span className={`status s-${x.status}`}>{t(`docStatus.${x.status}`, { defaultValue: x.status })}</span>{x.rejectReason && <div className="hint">{x.rejectReason}</div>}</td>
                  <td><progress max={x.lineCount || 1} value={x.countedCount} /> {x.countedCount}/{x.lineCount}</td>
                  <td className="nowrap">{fmtTime(x.startedAt, i18n.language)}<div className="hint">{who(x.startedByUser, x.startedBy)}</div></td>
                  <td><button type="button" className="small" onClick={() => setOpenId(openId === x.id ? undefined : x.id)} data-testid="open-stocktake">{t('stocktake.sheet')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={list} />
      {openId && <CountSheet id={openId} onChanged={() => setReload((n) => n + 1)} />}
    </Panel>
  );
}

function CountSheet({ id, onChanged }: { id: string; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const manager = hasRole(s.session, 'STATION_MANAGER');
  const [version, setVersion] = useState(0);
  const r = useApi<{ stocktake: Stocktake | null }>(STOCKTAKE, { id, version }, { op: 'Query.stocktake' });
  const count = useAction<{ recordCount: Stocktake }>(COUNT);
  const approve = useAction(APPROVE_COUNT);
  const reject = useAction(REJECT_COUNT);
  const [blind, setBlind] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [scan, setScan] = useState('');
  const [scanMsg, setScanMsg] = useState<string>();
  const [rejectReason, setRejectReason] = useState('');
  const [find, setFind] = useState('');
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [approveUncounted, setApproveUncounted] = useState(false);
  const inputs = useRef<Record<string, HTMLInputElement | null>>({});
  const st = r.data?.stocktake;
  if (!st) return <><ErrorBox error={r.error} /><Loading r={r} /></>;
  const key = (l: Stocktake['lines'][number]) => `${l.part.id}:${l.bin.id}`;
  const needle = find.trim().toUpperCase();
  // in walking order: bin by bin, then part number (the sheet and the printed 盘点表 alike)
  const lines = [...st.lines].sort((a, b) => cmp(a.bin.code, b.bin.code) || cmp(a.part.partNo, b.part.partNo));
  const shownLines = lines.filter((l) => (!onlyOpen || l.counted === null) && (!needle || l.bin.code.toUpperCase().includes(needle) || l.part.partNo.toUpperCase().includes(needle) || l.part.name.includes(find.trim())));
  const open = st.status === 'OPEN';
  // A count may be 0 (an empty bin), never negative, in the part's unit (whole pieces, or its decimals).
  const countProblem = (l: Stocktake['lines'][number]): string | undefined => {
    const v = values[key(l)];
    if (v === undefined || v.trim() === '') return undefined;
    const n = Number(v);
    if (Number.isFinite(n) && n < 0) return t('check.notNegative');
    if (n === 0) return undefined;
    return quantityProblem(v, l.part.unitPrecision, t);
  };
  const save = async (l: Stocktake['lines'][number]) => {
    const v = values[key(l)];
    if (v === undefined || v === '' || countProblem(l)) return;
    if (await count.exec({ id: st.id, partId: l.part.id, binId: l.bin.id, counted: Number(v) })) { setVersion((n) => n + 1); onChanged(); }
  };
  const onScan = (e: FormEvent) => {
    e.preventDefault();
    const code = scan.trim();
    const line = st.lines.find((l) => l.part.barcode === code || l.part.partNo === code);
    if (!line) { setScanMsg(t('stocktake.scanUnknown', { code })); return; }
    if (!shownLines.includes(line)) { setFind(''); setOnlyOpen(false); }
    const k = key(line);
    setValues((v) => ({ ...v, [k]: String(Number(v[k] ?? line.counted ?? 0) + 1) }));
    setScanMsg(t('stocktake.scanned', { partNo: line.part.partNo, bin: line.bin.code }));
    setScan('');
    inputs.current[k]?.focus();
  };
  const print = () => printDocument({
    title: t('print.stocktakeTitle'), number: st.number, station: s.station ? `${s.station.code} ${s.station.name}` : '',
    fields: [[t('stock.warehouse'), `${st.warehouse.code} ${st.warehouse.name}`], [t('stocktake.startedAt'), `${fmtTime(st.startedAt, i18n.language)} ${who(st.startedByUser, st.startedBy)}`], [t('stocktake.progress'), `${st.countedCount}/${st.lineCount}`]],
    columns: [{ header: t('part.bin') }, { header: t('part.partNo') }, { header: t('part.name') }, { header: t('part.unit') }, ...(blind ? [] : [{ header: t('stocktake.book'), num: true }]), { header: t('stocktake.counted'), num: true }, ...(blind ? [] : [{ header: t('stocktake.variance'), num: true }])],
    rows: lines.map((l) => [l.bin.code, l.part.partNo, partName(l.part, i18n.language), l.part.unit, ...(blind ? [] : [qty(l.expected)]), l.counted === null ? '' : qty(l.counted), ...(blind ? [] : [l.variance === null ? '' : qty(l.variance)])]),
    totals: [t('print.total'), '', '', '', ...(blind ? [] : [qty(st.lines.reduce((a, l) => a + l.expected, 0))]), qty(st.lines.reduce((a, l) => a + (l.counted ?? 0), 0)), ...(blind ? [] : [''])],
    signatures: [t('print.counter'), t('print.checker'), t('print.keeper')],
  });
  return (
    <div className="count-sheet" data-testid="count-sheet">
      <div className="row">
        <b>{t('stocktake.sheetTitle', { number: st.number, warehouse: `${st.warehouse.code} ${st.warehouse.name}` })}</b>
        <span className={`status s-${st.status}`}>{t(`docStatus.${st.status}`)}</span>
        <progress max={st.lineCount || 1} value={st.countedCount} /> <span data-testid="progress">{st.countedCount}/{st.lineCount}</span>
        <label className="check"><input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} data-testid="blind" /> {t('stocktake.blind')}</label>
        <button type="button" className="small" onClick={print} data-testid="print-stocktake">{t('print.stocktakeTitle')}</button>
      </div>
      <div className="row">
        {open && (
          <form className="inline" onSubmit={onScan}>
            <input value={scan} onChange={(e) => setScan(e.target.value)} placeholder={t('stocktake.scan')} aria-label={t('stocktake.scan')} className="scan" />
            {scanMsg && <span className="hint" role="status">{scanMsg}</span>}
          </form>
        )}
        <input type="search" value={find} onChange={(e) => setFind(e.target.value)} placeholder={t('stocktake.find')} aria-label={t('stocktake.find')} data-testid="sheet-find" />
        <label className="check"><input type="checkbox" checked={onlyOpen} onChange={(e) => setOnlyOpen(e.target.checked)} data-testid="only-uncounted" /> {t('stocktake.onlyUncounted')}</label>
        <span className="hint" data-testid="sheet-shown">{t('common.shown', { shown: shownLines.length, total: st.lines.length })}</span>
      </div>
      <div className="table-wrap sheet-scroll">
        <table data-testid="count-lines">
          <thead><tr><th>{t('part.bin')}</th><th>{t('part.partNo')}</th><th>{t('part.name')}</th>{!blind && <th className="num">{t('stocktake.book')}</th>}<th className="num">{t('stocktake.counted')}</th>{!blind && <th className="num">{t('stocktake.variance')}</th>}</tr></thead>
          <tbody>
            {shownLines.map((l) => (
              <tr key={key(l)} data-part-no={l.part.partNo} data-bin={l.bin.code}>
                <td className="mono">{l.bin.code}</td>
                <td className="mono">{l.part.partNo}</td>
                <td>{partName(l.part, i18n.language)}</td>
                {!blind && <td className="num">{qty(l.expected)} {l.part.unit}</td>}
                <td className="num">
                  {open ? (
                    <input className="qty" name="counted" inputMode="decimal" ref={(el) => { inputs.current[key(l)] = el; }} value={values[key(l)] ?? (l.counted === null ? '' : String(l.counted))}
                      onChange={(e) => setValues({ ...values, [key(l)]: e.target.value })} onBlur={() => void save(l)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void save(l); } }} aria-label={t('stocktake.counted')} />
                  ) : qty(l.counted)}
                  {open && countProblem(l) && <div className="field-error">{countProblem(l)}</div>}
                </td>
                {!blind && <td className={`num ${l.variance && l.variance < 0 ? 'neg' : ''}`}>{l.variance === null ? '' : qty(l.variance)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorBox error={count.error} />
      {open && manager && st.countedCount < st.lineCount && (
        // Lines nobody counted keep their book quantity when the count is posted: the manager says so knowingly.
        <label className="check warn-msg" data-testid="uncounted-warning">
          <input type="checkbox" checked={approveUncounted} onChange={(e) => setApproveUncounted(e.target.checked)} />
          {t('stocktake.uncounted', { n: st.lineCount - st.countedCount })}
        </label>
      )}
      {open && manager && (
        <div className="row">
          <button type="button" className="primary" disabled={approve.busy || (st.countedCount < st.lineCount && !approveUncounted)} data-testid="approve-stocktake" onClick={async () => { if (await approve.exec({ id: st.id })) { setVersion((n) => n + 1); onChanged(); } }}>{t('stocktake.approve')}</button>
          <input value={rejectReason} onChange={(e) => setRejectReason(e.target.value)} placeholder={t('common.rejectReason')} aria-label={t('common.rejectReason')} />
          <button type="button" disabled={!rejectReason.trim() || reject.busy} data-testid="reject-stocktake" onClick={async () => { if (await reject.exec({ id: st.id, reason: rejectReason.trim() })) { setVersion((n) => n + 1); onChanged(); } }}>{t('common.reject')}</button>
        </div>
      )}
      <ErrorBox error={approve.error ?? reject.error} />
    </div>
  );
}

/* ---------- write-offs ---------- */

interface WriteOff { id: string; number: string; status: string; quantity: number; reason: string; requestedBy: string; requestedByUser?: Person; requestedAt: string; decidedBy?: string | null; decidedByUser?: Person; decisionNote?: string | null; part: PartMini; bin?: { code: string; warehouse: { code: string } } | null; warehouse: Wh; transfer?: { number: string } | null }

export function WriteOffs({ stationId, pendingForMe, part }: { stationId: string; pendingForMe: boolean; part?: Part }) {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const manager = hasRole(s.session, 'STATION_MANAGER');
  // a request of the signed-in manager is decided by another manager (SELF_APPROVAL): no approve button on it
  const mine = (w: WriteOff) => (w.requestedByUser?.id ?? w.requestedBy) === s.session.sub;
  const [reload, setReload] = useState(0);
  const [status, setStatus] = useState(pendingForMe ? 'PENDING' : '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [onlyPart, setOnlyPart] = useState(false);
  const sort = useSort({ field: 'requestedAt', direction: 'DESC' });
  // the pending list is what waits for this manager; the whole list filters by status and the day asked, on the server
  const filters = pendingForMe ? { stationId, status: null, pendingForMe: true } : { stationId, status: status || null, pendingForMe: null, from: dayStart(from), to: dayEnd(to), partId: onlyPart && part ? part.id : null };
  const list = usePaged<WriteOff>(WRITE_OFFS_PAGE, 'writeOffsPage', { ...filters, sort: sort.sort, reload }, { op: 'Query.writeOffsPage', first: 20 });
  const approve = useAction(OK_WRITE_OFF);
  const reject = useAction(NO_WRITE_OFF);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [key] = useState(() => newKey('wo'));
  void key;
  return (
    <Panel id={pendingForMe ? 'pending-write-offs' : 'write-offs'} title={pendingForMe ? t('writeOff.pending') : t('writeOff.list')} actions={<ExportButton list="write-offs" filters={{ ...filters, sort: sort.exportValue }} />}>
      {!pendingForMe && (
        <div className="row filters">
          <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('common.status')}>
            <option value="">{t('common.allStatuses')}</option>
            {['PENDING', 'APPROVED', 'REJECTED'].map((x) => <option key={x} value={x}>{t(`docStatus.${x}`)}</option>)}
          </select>
          <label>{t('common.from')}<DayInput value={from} onChange={setFrom} testId="write-off-from" /></label>
          <label>{t('common.to')}<DayInput value={to} onChange={setTo} testId="write-off-to" /></label>
          {part && <label className="check"><input type="checkbox" checked={onlyPart} onChange={(e) => setOnlyPart(e.target.checked)} data-testid="write-off-only-part" /> {t('partFilter.only', { partNo: part.partNo })}</label>}
        </div>
      )}
      <QueryProblem of={list} />
      <Loading r={list} />
      {list.items && list.items.length === 0 && <Empty>{pendingForMe ? t('writeOff.nonePending') : t('writeOff.none')}</Empty>}
      {list.items && list.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid={pendingForMe ? 'pending-write-offs' : 'write-offs'}>
            <thead><tr><SortTh s={sort} field="number" first="DESC">{t('writeOff.id')}</SortTh><th>{t('common.status')}</th><th>{t('part.partNo')}</th><SortTh s={sort} field="quantity" num first="DESC">{t('counter.quantity')}</SortTh><th>{t('part.bin')}</th><th>{t('writeOff.reason')}</th><SortTh s={sort} field="requestedAt" first="DESC">{t('writeOff.requestedBy')}</SortTh><th /></tr></thead>
            <tbody>
              {list.items.map((w) => (
                <tr key={w.id} data-number={w.number}>
                  <td className="mono">{w.number}</td>
                  <td><span className={`status s-${w.status}`}>{t(`docStatus.${w.status}`)}</span>{(w.decidedBy || w.decisionNote) && <div className="hint">{[who(w.decidedByUser, w.decidedBy), w.decisionNote].filter(Boolean).join('：')}</div>}</td>
                  <td><span className="mono">{w.part.partNo}</span> {partName(w.part, i18n.language)}</td>
                  <td className="num">{qty(w.quantity)} {w.part.unit}</td>
                  <td className={w.bin ? 'mono' : 'of-transfer'}>{w.bin ? `${w.bin.warehouse.code}/${w.bin.code}` : w.transfer ? t('writeOff.ofTransfer', { number: w.transfer.number }) : '–'}</td>
                  <td className="reason-text">{w.reason}</td>
                  <td className="nowrap">{fmtTime(w.requestedAt, i18n.language)}<div className="hint">{who(w.requestedByUser, w.requestedBy)}</div></td>
                  <td className="decide">
                    {w.status === 'PENDING' && manager && mine(w) && <span className="hint" data-testid="needs-other-manager">{t('writeOff.otherManager')}</span>}
                    {w.status === 'PENDING' && manager && !mine(w) && (
                      <>
                        <button type="button" className="small primary" data-testid="approve-write-off" onClick={async () => { if (await approve.exec({ id: w.id })) setReload((n) => n + 1); }}>{t('common.approve')}</button>
                        <input className="reason" value={reasons[w.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [w.id]: e.target.value })} placeholder={t('common.rejectReason')} aria-label={t('common.rejectReason')} />
                        <button type="button" className="small" disabled={!(reasons[w.id] ?? '').trim()} onClick={async () => { if (await reject.exec({ id: w.id, reason: reasons[w.id].trim() })) setReload((n) => n + 1); }}>{t('common.reject')}</button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={list} />
      <ErrorBox error={approve.error ?? reject.error} />
    </Panel>
  );
}
