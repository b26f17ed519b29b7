/**
 * 前台 · 销售记录 — what the counter sold and what it could not: 柜台销售记录
 * (counterSalesPage) and 缺货流失记录 (lostSalesPage), page by page with the
 * server's filters and sort (sales also by amount and by their total quantity), each downloadable as Excel with the same filters
 * (/export/counter-sales.xlsx, /export/lost-sales.xlsx). The station's own
 * records (HQ: the station picked at the top).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { DayInput, Empty, ErrorBox, ExportButton, Loading, Pager, Panel, QueryProblem, SortTh, fmtTime, money, partName, printDocument, qty, quantityProblem, returnSlip, useAction, useApi, usePaged, useSort, who, type Person, type SlipReturn } from '../components/ui';
import { COUNTER_SALE, COUNTER_SALES_PAGE, LOST_SALES_PAGE, PART_BY_NUMBER, RETURN_SALE_LINE } from '../api/day-ops';
import { newKey } from '../auth';
import { useSession } from '../session';
import { dayEnd, dayStart } from '../dates';

type PartMini = { id: string; partNo: string; name: string; nameEn?: string | null; unit: string; unitPrecision: number };
interface SaleRow {
  id: string; number: string; soldAt: string; soldBy: string; soldByUser?: Person; customerType: string; customerName?: string | null; total: string; quantity: number;
  lines: { id: string; issued: number; returned: number; shortfall: number; part: PartMini }[];
}
interface LostRow { id: string; quantity: number; reason: string; emergencyPurchase: boolean; note?: string | null; recordedAt: string; recordedBy: string; recordedByUser?: Person; part: PartMini }

const CUSTOMER_TYPES = ['WALK_IN', 'MEMBER', 'WHOLESALE', 'INSURANCE'] as const;
const LOST_REASONS = ['NOT_STOCKED', 'OUT_OF_STOCK', 'PRICE', 'OTHER'] as const;

export function CounterRecords() {
  return (
    <>
      <SalesRecords />
      <LostSalesRecords />
    </>
  );
}

/** The date range of a list: two day pickers. */
function DateRange({ from, to, setFrom, setTo }: { from: string; to: string; setFrom(v: string): void; setTo(v: string): void }) {
  const { t } = useTranslation();
  return (
    <>
      <label>{t('common.from')}<DayInput value={from} onChange={setFrom} /></label>
      <label>{t('common.to')}<DayInput value={to} onChange={setTo} /></label>
    </>
  );
}

/** A part filter by number: typed, then looked up by the catalog's own number rule (case, spaces and dashes ignored). */
function PartFilter({ part, onChange }: { part?: PartMini; onChange(p?: PartMini): void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [text, setText] = useState('');
  const [notFound, setNotFound] = useState(false);
  const [error, setError] = useState<Error>();
  const find = async (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (!q) return onChange(undefined);
    const r = await client.query(PART_BY_NUMBER, { partNo: q }, { requestPolicy: 'network-only' }).toPromise();
    setError(r.error);
    const hit: PartMini | undefined = r.data?.partByNumber ?? undefined;
    setNotFound(!r.error && !hit);
    if (hit) onChange(hit);
  };
  if (part) {
    return (
      <span className="nowrap" data-testid="records-part">
        {t('records.part')}: <span className="mono">{part.partNo}</span>
        <button type="button" className="link" onClick={() => { onChange(undefined); setText(''); }} aria-label={t('records.clearPart')}>✕</button>
      </span>
    );
  }
  return (
    <form className="inline" onSubmit={find}>
      <input value={text} onChange={(e) => { setText(e.target.value); setNotFound(false); }} placeholder={t('records.partNo')} aria-label={t('records.partNo')} size={14} />
      <button type="submit" className="small">{t('records.filterPart')}</button>
      {notFound && <span className="field-error" role="alert">{t('records.partNotFound', { partNo: text.trim() })}</span>}
      <ErrorBox error={error} />
    </form>
  );
}

function SalesRecords() {
  const { t, i18n } = useTranslation();
  const { stationId } = useSession();
  const [query, setQuery] = useState('');
  const [customerType, setCustomerType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [part, setPart] = useState<PartMini>();
  const sort = useSort({ field: 'soldAt', direction: 'DESC' });
  const filters = { stationId: stationId ?? null, query: query.trim() || null, customerType: customerType || null, partId: part?.id ?? null, from: dayStart(from), to: dayEnd(to) };
  const [openId, setOpenId] = useState<string>();
  const [reload, setReload] = useState(0);
  const list = usePaged<SaleRow>(COUNTER_SALES_PAGE, 'counterSalesPage', { ...filters, sort: sort.sort, reload }, { op: 'Query.counterSalesPage', first: 20 });
  return (
    <>
    <Panel id="sales-records" title={t('records.sales')} actions={<ExportButton list="counter-sales" filters={{ ...filters, sort: sort.exportValue }} />}>
      <div className="row filters">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('records.findSale')} aria-label={t('records.findSale')} />
        <select value={customerType} onChange={(e) => setCustomerType(e.target.value)} aria-label={t('counter.customerType')} data-testid="records-customer-type">
          <option value="">{t('records.allCustomers')}</option>
          {CUSTOMER_TYPES.map((c) => <option key={c} value={c}>{t(`customerType.${c}`)}</option>)}
        </select>
        <DateRange from={from} to={to} setFrom={setFrom} setTo={setTo} />
        <PartFilter part={part} onChange={setPart} />
      </div>
      <QueryProblem of={list} />
      <Loading r={list} />
      {list.items && list.items.length === 0 && <Empty>{t('records.noSales')}</Empty>}
      {list.items && list.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="sales-records">
            <thead>
              <tr>
                <SortTh s={sort} field="number" first="DESC">{t('print.number')}</SortTh>
                <SortTh s={sort} field="soldAt" first="DESC">{t('records.soldAt')}</SortTh>
                <th>{t('records.customer')}</th>
                <th>{t('records.parts')}</th>
                <SortTh s={sort} field="quantity" num first="DESC">{t('records.quantity')}</SortTh>
                <SortTh s={sort} field="amount" num first="DESC">{t('records.amount')}</SortTh>
                <th>{t('records.soldBy')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <tr key={s.id} data-number={s.number}>
                  <td className="mono nowrap">{s.number}</td>
                  <td className="nowrap">{fmtTime(s.soldAt, i18n.language)}</td>
                  <td>{t(`records.customerType.${s.customerType}`, { defaultValue: s.customerType })}{s.customerName ? ` · ${s.customerName}` : ''}</td>
                  <td className="part">
                    {s.lines.map((l) => (
                      <div key={l.id}>
                        <span className="mono">{l.part.partNo}</span> {partName(l.part, i18n.language)} × {qty(l.issued - l.returned)} {l.part.unit}
                        {l.shortfall > 0 && <span className="warn-msg"> {t('records.short', { n: qty(l.shortfall) })}</span>}
                      </div>
                    ))}
                  </td>
                  <td className="num" data-testid="sale-quantity">{qty(s.quantity)}</td>
                  <td className="num" data-testid="sale-amount">{money(s.total)}</td>
                  <td>{who(s.soldByUser, s.soldBy)}</td>
                  <td><button type="button" className="small" onClick={() => setOpenId(s.id)} data-testid="open-sale">{t('records.open')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={list} />
    </Panel>
    {openId && <SaleDetail key={openId} saleId={openId} onClose={() => setOpenId(undefined)} onChanged={() => setReload((n) => n + 1)} />}
    </>
  );
}

type BinRef = { id: string; code: string; warehouse: { id: string; code: string } };
type SaleReturn = Omit<SlipReturn, 'part'> & { id: string };
interface SaleLine { id: string; issued: number; returned: number; shortfall: number; unitPrice: string; amount: string; part: PartMini; bin?: BinRef | null; returns: SaleReturn[] }
interface Sale { id: string; number: string; soldAt: string; customerType: string; customerName?: string | null; total: string; station: { id: string; code: string; name: string }; lines: SaleLine[] }

/**
 * One sale opened from the list: its lines with what was sold and already returned (each return with its 退料单 number and reason),
 * each returnable into its own bin or a chosen bin of the station; after a return its 退料单, ready to print (the repair order's layout),
 * and the sale's returns all on one 退料单.
 */
function SaleDetail({ saleId, onClose, onChanged }: { saleId: string; onClose(): void; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const r = useApi<{ counterSale: Sale | null }>(COUNTER_SALE, { id: saleId }, { op: 'Query.counterSale' });
  const sale = r.data?.counterSale;
  // The return just booked here: its 退料单 stays on offer until the next return or the sale is closed.
  const [slip, setSlip] = useState<SlipReturn>();
  const refresh = () => { r.refetch(); onChanged(); };
  const returns = sale ? sale.lines.flatMap((l) => l.returns.map((x): SlipReturn => ({ ...x, part: l.part }))).sort((a, b) => a.returnedAt.localeCompare(b.returnedAt) || a.number.localeCompare(b.number)) : [];
  const print = (list: SlipReturn[]) => sale && printDocument(returnSlip(t, i18n.language, {
    station: `${sale.station.code} ${sale.station.name}`,
    fields: [[t('records.sale'), sale.number], [t('records.customer'), `${t(`records.customerType.${sale.customerType}`, { defaultValue: sale.customerType })}${sale.customerName ? ` · ${sale.customerName}` : ''}`], [t('records.soldAt'), fmtTime(sale.soldAt, i18n.language)]],
    returns: list,
  }));
  return (
    <Panel id="sale-detail" title={<>{t('records.sale')} <span className="mono" data-testid="sale-number">{sale?.number ?? ''}</span></>}
      actions={
        <>
          {returns.length > 0 && <button type="button" onClick={() => print(returns)} data-testid="print-sale-returns">{t('print.returnTitle')}</button>}
          <button type="button" onClick={onClose}>{t('records.close')}</button>
        </>
      }>
      <QueryProblem of={r} />
      <Loading r={r} />
      {r.data && !sale && <Empty>{t('records.saleNotFound')}</Empty>}
      {sale && (
        <>
          <p className="meta">{fmtTime(sale.soldAt, i18n.language)} · {t(`records.customerType.${sale.customerType}`, { defaultValue: sale.customerType })}{sale.customerName ? ` · ${sale.customerName}` : ''} · {t('records.amount')} <b data-testid="sale-total">{money(sale.total)}</b></p>
          {slip && (
            <div className="ok-msg row" role="status" data-testid="return-slip">
              <span>{t('records.returnSlip', { n: qty(slip.quantity), unit: slip.part?.unit ?? '', number: slip.number })}</span>
              <button type="button" className="small" onClick={() => print([slip])} data-testid="print-return-slip">{t('records.printSlip')}</button>
            </div>
          )}
          <div className="table-wrap">
            <table data-testid="sale-lines">
              <thead>
                <tr>
                  <th>{t('records.part')}</th><th className="num">{t('records.sold')}</th><th className="num">{t('records.returned')}</th><th className="num">{t('records.returnable')}</th>
                  <th>{t('part.bin')}</th><th className="num">{t('part.unitPrice')}</th><th className="num">{t('records.amount')}</th><th />
                </tr>
              </thead>
              <tbody>
                {sale.lines.map((l) => (
                  <tr key={l.id} data-part-no={l.part.partNo}>
                    <td className="part"><span className="mono">{l.part.partNo}</span> {partName(l.part, i18n.language)}</td>
                    <td className="num" data-testid="line-sold">{qty(l.issued)} {l.part.unit}</td>
                    <td className="num" data-testid="line-returned">{qty(l.returned)}</td>
                    <td className="num" data-testid="line-returnable">{qty(l.issued - l.returned)}</td>
                    <td className="mono">{l.bin ? `${l.bin.warehouse.code}/${l.bin.code}` : '–'}</td>
                    <td className="num">{money(l.unitPrice)}</td>
                    <td className="num">{money(l.amount)}</td>
                    <td className="nowrap">{l.issued - l.returned > 0 && <SaleReturnForm line={l} onDone={(made) => { setSlip(made); refresh(); }} onRefused={r.refetch} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {returns.length > 0 && (
            <ul className="sale-returns" data-testid="sale-returns" aria-label={t('records.returns')}>
              {returns.map((x) => (
                <li key={x.number} data-testid="sale-return-row">
                  <span className="mono">{x.number}</span>
                  <span><span className="mono">{x.part?.partNo}</span> {t(x.reason ? 'records.returnedWhy' : 'records.returnedQty', { n: qty(x.quantity), unit: x.part?.unit ?? '', reason: x.reason })}</span>
                  <span className="hint">{fmtTime(x.returnedAt, i18n.language)} · {who(x.returnedByUser, x.returnedBy)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Panel>
  );
}

/**
 * 退货 of one line: a quantity (whole units for piece parts, at most what is still returnable) into the line's bin or a chosen one, and
 * why (optional, printed on the 退料单); the server's refusal in the user's language, and the sale read again (a refusal usually means it
 * changed meanwhile, e.g. returned at another counter). Done: the return this form booked (the one the line did not have before).
 */
function SaleReturnForm({ line, onDone, onRefused }: { line: SaleLine; onDone(made?: SlipReturn): void; onRefused(): void }) {
  const { t } = useTranslation();
  const { station } = useSession();
  const left = Math.round((line.issued - line.returned) * 1000) / 1000;
  const [open, setOpen] = useState(false);
  const [n, setN] = useState(String(left));
  const [binId, setBinId] = useState('');
  const [reason, setReason] = useState('');
  const [key, setKey] = useState(() => newKey('sale-ret'));
  const ret = useAction<{ returnCounterSaleLine: SaleLine }>(RETURN_SALE_LINE);
  const problem = quantityProblem(n, line.part.unitPrecision, t, left);
  if (!open) return <button type="button" className="small" onClick={() => setOpen(true)} data-testid="sale-return">{t('records.doReturn')}</button>;
  return (
    <form className="inline" data-testid="sale-return-form" onKeyDown={(e) => e.key === 'Escape' && setOpen(false)} onSubmit={async (e) => {
      e.preventDefault();
      if (problem) return;
      const done = await ret.exec({ lineId: line.id, quantity: Number(n), binId: binId || null, reason: reason.trim() || null, idempotencyKey: key });
      if (done) {
        const had = new Set(line.returns.map((x) => x.id));
        const made = done.returnCounterSaleLine.returns.filter((x) => !had.has(x.id)).pop();
        setKey(newKey('sale-ret'));
        setReason('');
        setOpen(false);
        onDone(made && { ...made, part: line.part });
      } else onRefused();
    }}>
      <input className="qty" inputMode="decimal" value={n} onChange={(e) => { setN(e.target.value); ret.clearError(); }} aria-label={t('records.returnQty')} autoFocus />
      <select value={binId} onChange={(e) => setBinId(e.target.value)} aria-label={t('records.returnBin')} data-testid="sale-return-bin">
        <option value="">{t('records.lineBin')}{line.bin ? ` ${line.bin.warehouse.code}/${line.bin.code}` : ''}</option>
        {(station?.warehouses ?? []).map((w) => (
          <optgroup key={w.id} label={`${w.code} ${w.name}`}>
            {w.bins.filter((b) => !b.quarantine).map((b) => <option key={b.id} value={b.id}>{w.code}/{b.code}</option>)}
          </optgroup>
        ))}
      </select>
      <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('records.returnReason')} aria-label={t('records.returnReason')} maxLength={2000} list="sale-return-reasons" size={16} />
      <datalist id="sale-return-reasons">{(t('records.returnReasons', { returnObjects: true }) as string[]).map((x) => <option key={x} value={x} />)}</datalist>
      <button type="submit" className="small" disabled={ret.busy || !!problem}>{t('common.ok')}</button>
      <button type="button" className="link" onClick={() => setOpen(false)}>{t('common.cancel')}</button>
      {problem && !ret.error && <span className="field-error" role="alert">{problem}</span>}
      <ErrorBox error={ret.error} />
    </form>
  );
}

function LostSalesRecords() {
  const { t, i18n } = useTranslation();
  const { stationId } = useSession();
  const [query, setQuery] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<'' | 'lost' | 'emergency'>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const sort = useSort({ field: 'recordedAt', direction: 'DESC' });
  const filters = {
    stationId: stationId ?? null, query: query.trim() || null, reason: reason || null, emergencyPurchase: outcome === '' ? null : outcome === 'emergency', from: dayStart(from), to: dayEnd(to),
  };
  const list = usePaged<LostRow>(LOST_SALES_PAGE, 'lostSalesPage', { ...filters, sort: sort.sort }, { op: 'Query.lostSalesPage', first: 20 });
  return (
    <Panel id="lost-records" title={t('records.lost')} actions={<ExportButton list="lost-sales" filters={{ ...filters, sort: sort.exportValue }} />}>
      <div className="row filters">
        <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('records.findLost')} aria-label={t('records.findLost')} />
        <select value={reason} onChange={(e) => setReason(e.target.value)} aria-label={t('counter.lostReason')} data-testid="records-reason">
          <option value="">{t('records.allReasons')}</option>
          {LOST_REASONS.map((r) => <option key={r} value={r}>{t(`lostReason.${r}`)}</option>)}
        </select>
        <select value={outcome} onChange={(e) => setOutcome(e.target.value as '' | 'lost' | 'emergency')} aria-label={t('records.outcome')} data-testid="records-outcome">
          <option value="">{t('records.allOutcomes')}</option>
          <option value="lost">{t('records.customerLeft')}</option>
          <option value="emergency">{t('records.emergency')}</option>
        </select>
        <DateRange from={from} to={to} setFrom={setFrom} setTo={setTo} />
      </div>
      <QueryProblem of={list} />
      <Loading r={list} />
      {list.items && list.items.length === 0 && <Empty>{t('records.noLost')}</Empty>}
      {list.items && list.items.length > 0 && (
        <div className="table-wrap">
          <table data-testid="lost-records">
            <thead>
              <tr>
                <SortTh s={sort} field="recordedAt" first="DESC">{t('records.recordedAt')}</SortTh>
                <th>{t('records.part')}</th>
                <SortTh s={sort} field="quantity" num first="DESC">{t('counter.quantity')}</SortTh>
                <SortTh s={sort} field="reason">{t('counter.lostReason')}</SortTh>
                <th>{t('records.outcome')}</th>
                <th>{t('records.note')}</th>
                <th>{t('records.recordedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((l) => (
                <tr key={l.id} data-part-no={l.part.partNo}>
                  <td className="nowrap">{fmtTime(l.recordedAt, i18n.language)}</td>
                  <td className="part"><span className="mono">{l.part.partNo}</span> {partName(l.part, i18n.language)}</td>
                  <td className="num">{qty(l.quantity)} {l.part.unit}</td>
                  <td>{t(`lostReason.${l.reason}`, { defaultValue: l.reason })}</td>
                  <td>{l.emergencyPurchase ? t('records.emergency') : t('records.customerLeft')}</td>
                  <td>{l.note ?? ''}</td>
                  <td>{who(l.recordedByUser, l.recordedBy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={list} />
    </Panel>
  );
}
