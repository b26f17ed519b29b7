/**
 * 采购订单 — the station's purchase orders with their dates and amounts; an
 * order's detail shows its lines (offer, received, damaged, outstanding),
 * receipts (入库单, printable) and damage claims; a draft can be edited,
 * submitted or cancelled with a reason; a shipped order is received here.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorBox, ExportButton, Loading, Pager, Panel, SortTh, QueryProblem, money, partName, qty, useAction, useApi, usePaged, useSort, who } from '../../components/ui';
import { CANCEL_PO, CLOSE_PO, MARK_SHIPPED, PURCHASE_ORDER, PURCHASE_ORDERS_PAGE, RECEIVE_GOODS, SUBMIT_PO, UPDATE_PO } from '../../api/purchasing-ops';
import { useSession } from '../../session';
import { newKey } from '../../auth';
import { Fact, SupplierSelect, useDates, type Claim, type Po, type PoDetail } from './common';
import { PrintPreview, type PrintJob } from './print';

const STATUSES = ['DRAFT', 'SUBMITTED', 'SHIPPED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CLOSED', 'CANCELLED'];

export function PurchaseOrdersPanel({ stationId, version, onChanged }: { stationId: string; version: number; onChanged(): void }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [status, setStatus] = useState('');
  const [supplierId, setSupplierId] = useState('');
  const [kind, setKind] = useState('');
  const sort = useSort({ field: 'createdAt', direction: 'DESC' });
  const filters = { stationId, status: status || null, supplierId: supplierId || null, kind: kind || null };
  const pos = usePaged<Po>(PURCHASE_ORDERS_PAGE, 'purchaseOrdersPage', { ...filters, sort: sort.sort }, { op: 'Query.purchaseOrdersPage', first: 20 });
  const [openId, setOpenId] = useState<string>();
  useEffect(() => { if (version) pos.refetch(); }, [version]);
  const list = pos.items ?? [];
  return (
    <Panel id="purchase-orders" title={t('pur.po.title')} actions={
      <div className="row tight">
        <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('pur.po.status')} data-testid="po-status-filter">
          <option value="">{t('pur.po.allStatuses')}</option>
          {STATUSES.map((s) => <option key={s} value={s}>{t(`poStatus.${s}`)}</option>)}
        </select>
        <SupplierSelect value={supplierId} onChange={setSupplierId} />
        <select value={kind} onChange={(e) => setKind(e.target.value)} aria-label={t('pur.po.kind')}>
          <option value="">{t('pur.po.allKinds')}</option>
          <option value="STANDARD">{t('pur.po.standard')}</option>
          <option value="REPLACEMENT">{t('pur.po.replacement')}</option>
        </select>
        <ExportButton list="purchase-orders" filters={{ ...filters, sort: sort.exportValue }} />
        <button type="button" onClick={pos.refetch}>{t('common.refresh')}</button>
      </div>
    }>
      <QueryProblem of={pos} />
      <Loading r={pos} />
      {pos.data && list.length === 0 && <Empty>{t('pur.po.none')}</Empty>}
      {list.length > 0 && (
        <div className="scroll tall">
          <table className="pos" data-testid="purchase-orders">
            <thead>
              <tr>
                <SortTh s={sort} field="number" first="DESC">{t('pur.po.number')}</SortTh>
                <th>{t('pur.po.supplier')}</th>
                <SortTh s={sort} field="status">{t('pur.po.status')}</SortTh>
                <SortTh s={sort} field="createdAt" first="DESC">{t('pur.po.createdAt')}</SortTh>
                <SortTh s={sort} field="expectedAt" first="ASC">{t('pur.po.expectedAt')}</SortTh>
                <th className="num">{t('pur.po.lines')}</th>
                <th className="num">{t('pur.po.amount')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((po) => (
                <PoRow key={po.id} po={po} open={openId === po.id} onToggle={() => setOpenId(openId === po.id ? undefined : po.id)} stationId={stationId} onChanged={() => { pos.refetch(); onChanged(); }} date={date} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={pos} />
    </Panel>
  );
}

function PoRow({ po, open, onToggle, stationId, onChanged, date }: { po: Po; open: boolean; onToggle(): void; stationId: string; onChanged(): void; date: (d?: string | null) => string }) {
  const { t } = useTranslation();
  const submit = useAction(SUBMIT_PO);
  const ship = useAction(MARK_SHIPPED);
  const [receiving, setReceiving] = useState(false);
  const receivable = ['SHIPPED', 'PARTIALLY_RECEIVED'].includes(po.status);
  // refused too, the list is read again: a colleague may have moved the order on, and the row then shows where it is now
  const quick = async (a: ReturnType<typeof useAction>) => { await a.exec({ id: po.id }); onChanged(); };
  return (
    <>
      <tr data-po={po.number} className={open ? 'active' : ''}>
        <td className="mono">{po.number}{po.kind === 'REPLACEMENT' && <span className="tag p">{t('pur.po.replacement')}</span>}</td>
        <td>{po.supplier.code} {po.supplier.name}</td>
        <td data-testid="po-status">{t(`poStatus.${po.status}`, { defaultValue: po.status })}</td>
        <td className="nowrap">{date(po.createdAt)}</td>
        <td className="nowrap">{date(po.expectedAt)}</td>
        <td className="num">{po.lines.length}</td>
        <td className="num">{money(po.amount)}</td>
        <td className="actions">
          {po.status === 'DRAFT' && <button type="button" className="small" disabled={submit.busy} onClick={() => quick(submit)}>{t('pur.po.submit')}</button>}
          {po.status === 'SUBMITTED' && <button type="button" className="small" disabled={ship.busy} onClick={() => quick(ship)}>{t('pur.po.markShipped')}</button>}
          {receivable && <button type="button" className="small primary" onClick={() => { setReceiving(true); if (!open) onToggle(); }} data-testid={`receive-${po.number}`}>{t('pur.po.receive')}</button>}
          <button type="button" className="small" onClick={() => { setReceiving(false); onToggle(); }} data-testid={`open-${po.number}`}>{open ? t('pur.po.close') : t('pur.po.open')}</button>
        </td>
      </tr>
      {(submit.error || ship.error) && <tr><td colSpan={8}><ErrorBox error={submit.error ?? ship.error} /></td></tr>}
      {open && (
        <tr className="expand">
          <td colSpan={8}>
            <OrderDetail key={receiving ? 'receive' : 'view'} id={po.id} stationId={stationId} onChanged={onChanged} initialMode={receiving ? 'receive' : 'view'} />
          </td>
        </tr>
      )}
    </>
  );
}

function OrderDetail({ id, stationId, onChanged, initialMode = 'view' }: { id: string; stationId: string; onChanged(): void; initialMode?: 'view' | 'receive' }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useDates();
  const r = useApi<{ purchaseOrder: PoDetail | null }>(PURCHASE_ORDER, { id }, { op: 'Query.purchaseOrder' });
  const submit = useAction(SUBMIT_PO);
  const ship = useAction(MARK_SHIPPED);
  const cancel = useAction(CANCEL_PO);
  const close = useAction(CLOSE_PO);
  const [mode, setMode] = useState<'view' | 'edit' | 'cancel' | 'receive'>(initialMode);
  const [reason, setReason] = useState('');
  const [print, setPrint] = useState<PrintJob>();
  const po = r.data?.purchaseOrder;
  const done = () => { r.refetch(); onChanged(); setMode('view'); };
  const act = async (a: ReturnType<typeof useAction>, vars: Record<string, unknown>) => { if (await a.exec(vars)) done(); };
  if (!po) return <><Loading r={r} /><ErrorBox error={r.error} /></>;
  const receivable = ['SHIPPED', 'PARTIALLY_RECEIVED'].includes(po.status);
  return (
    <div className="order-detail" data-testid="order-detail" data-number={po.number}>
      <h3>{t('pur.po.detailTitle', { number: po.number })} <span className="tag">{t(`poStatus.${po.status}`, { defaultValue: po.status })}</span></h3>
      <div className="facts">
        <Fact label={t('pur.po.supplier')}>{po.supplier.code} {po.supplier.name}</Fact>
        <Fact label={t('pur.po.createdAt')}>{dateTime(po.createdAt)}</Fact>
        <Fact label={t('pur.po.submittedAt')}>{dateTime(po.submittedAt)}</Fact>
        <Fact label={t('pur.po.expectedAt')}>{dateTime(po.expectedAt)}</Fact>
        <Fact label={t('pur.po.receivedAt')}>{dateTime(po.receivedAt)}</Fact>
        {po.cancelledAt && <Fact label={t('pur.po.cancelledAt')}>{dateTime(po.cancelledAt)} · {po.cancelReason ?? ''}</Fact>}
        <Fact label={t('pur.po.amount')}><strong data-testid="po-amount">{money(po.amount)}</strong></Fact>
        {po.note && <Fact label={t('pur.po.note')}>{po.note}</Fact>}
      </div>
      {mode === 'edit' ? <EditDraft po={po} onSaved={done} onCancel={() => setMode('view')} /> : (
        <table className="lines" data-testid="po-lines">
          <thead>
            <tr>
              <th>{t('pur.po.partNo')}</th><th>{t('pur.po.name')}</th><th>{t('pur.po.unit')}</th><th className="num">{t('pur.po.ordered')}</th><th className="num">{t('pur.po.unitPrice')}</th>
              <th className="num">{t('pur.po.lineAmount')}</th><th className="num">{t('pur.po.received')}</th><th className="num">{t('pur.po.damaged')}</th><th className="num">{t('pur.po.outstanding')}</th><th>{t('pur.po.offer')}</th>
            </tr>
          </thead>
          <tbody>
            {po.lines.map((l) => (
              <tr key={l.id} data-part-no={l.part.partNo}>
                <td className="mono">{l.part.partNo}</td><td>{partName(l.part, i18n.language)}</td><td>{l.part.unit}</td>
                <td className="num">{qty(l.quantity)}</td><td className="num">{money(l.unitPrice)}</td><td className="num">{money(l.amount)}</td>
                <td className="num">{qty(l.received)}</td><td className="num">{qty(l.damaged)}</td><td className="num">{qty(l.outstanding)}</td>
                <td className="sub">{l.offer ? t('pur.recs.lot', { pack: qty(l.offer.packSize), moq: qty(l.offer.minOrderQty) }) : '–'}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr><td colSpan={5}>{t('pur.po.total')}</td><td className="num">{money(po.amount)}</td><td colSpan={4} /></tr>
          </tfoot>
        </table>
      )}
      {mode === 'view' && (
        <div className="row actions-row">
          {po.status === 'DRAFT' && <button type="button" onClick={() => setMode('edit')}>{t('pur.po.edit')}</button>}
          {po.status === 'DRAFT' && <button type="button" className="primary" disabled={submit.busy} onClick={() => act(submit, { id })}>{t('pur.po.submit')}</button>}
          {po.status === 'SUBMITTED' && <button type="button" disabled={ship.busy} onClick={() => act(ship, { id })}>{t('pur.po.markShipped')}</button>}
          {receivable && <button type="button" className="primary" onClick={() => setMode('receive')}>{t('pur.po.receive')}</button>}
          {['DRAFT', 'SUBMITTED', 'SHIPPED'].includes(po.status) && <button type="button" onClick={() => setMode('cancel')}>{t('pur.po.cancel')}</button>}
          {['RECEIVED', 'PARTIALLY_RECEIVED'].includes(po.status) && <button type="button" onClick={() => act(close, { id })}>{t('pur.po.closeShort')}</button>}
          <button type="button" onClick={() => setPrint({ kind: 'po', po })} data-testid="print-po">{t('pur.po.print')}</button>
        </div>
      )}
      {mode === 'cancel' && (
        <div className="row">
          <label>{t('pur.po.cancelReason')}<input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} name="cancelReason" /></label>
          <button type="button" className="primary" disabled={cancel.busy} onClick={() => act(cancel, { id, reason: reason.trim() || null })}>{t('pur.po.confirmCancel')}</button>
          <button type="button" onClick={() => setMode('view')}>{t('common.cancel')}</button>
        </div>
      )}
      {mode === 'receive' && <ReceiveForm po={po} stationId={stationId} onDone={() => { r.refetch(); onChanged(); }} />}
      <ErrorBox error={submit.error ?? ship.error ?? cancel.error ?? close.error} />

      <h4>{t('pur.po.receipts')}</h4>
      {po.receipts.length === 0 ? <Empty>{t('pur.po.noReceipts')}</Empty> : (
        <table className="receipts" data-testid="po-receipts">
          <tbody>
            {po.receipts.map((g) => (
              <tr key={g.id}>
                <td className="mono">{g.number}</td>
                <td className="nowrap">{dateTime(g.receivedAt)}</td>
                <td>{g.warehouse ? `${g.warehouse.code} ${g.warehouse.name}` : ''}</td>
                <td className="num">{qty(g.lines.reduce((a, l) => a + l.accepted, 0))} / {qty(g.lines.reduce((a, l) => a + l.damaged, 0))}</td>
                <td>{who(undefined, g.receivedBy)}</td>
                <td>{g.damageClaim ? <span className="mono">{g.damageClaim.number}</span> : ''}</td>
                <td><button type="button" className="small" onClick={() => setPrint({ kind: 'receipt', po, receipt: g })} data-testid={`print-receipt-${g.number}`}>{t('pur.po.printReceipt')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('pur.po.claims')}</h4>
      {po.damageClaims.length === 0 ? <Empty>{t('pur.po.noClaims')}</Empty> : <ClaimSummary claims={po.damageClaims} />}
      {print && <PrintPreview job={print} onClose={() => setPrint(undefined)} />}
    </div>
  );
}

function ClaimSummary({ claims }: { claims: Claim[] }) {
  const { t } = useTranslation();
  return (
    <ul className="plain">
      {claims.map((c) => (
        <li key={c.id}><span className="mono">{c.number}</span> · {t(`claimStatus.${c.status}`, { defaultValue: c.status })} · {money(c.amount)}{c.replacementOrder ? ` · ${c.replacementOrder.number} ${t(`poStatus.${c.replacementOrder.status}`)}` : ''}</li>
      ))}
    </ul>
  );
}

function EditDraft({ po, onSaved, onCancel }: { po: PoDetail; onSaved(): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const save = useAction(UPDATE_PO);
  const [lines, setLines] = useState(() => po.lines.map((l) => ({ partId: l.part.id, part: l.part, quantity: String(l.quantity), unitPrice: l.unitPrice })));
  const [note, setNote] = useState(po.note ?? '');
  const set = (i: number, k: 'quantity' | 'unitPrice', v: string) => setLines(lines.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  const submit = async () => {
    const input = { supplierId: po.supplier.id, note: note.trim() || null, lines: lines.map((l) => ({ partId: l.partId, quantity: Number(l.quantity), unitPrice: l.unitPrice.trim() || null })) };
    if (await save.exec({ id: po.id, input })) onSaved();
  };
  return (
    <div className="edit-draft" data-testid="edit-draft">
      <table className="lines">
        <thead><tr><th>{t('pur.po.partNo')}</th><th>{t('pur.po.name')}</th><th className="num">{t('pur.po.qty')}</th><th className="num">{t('pur.po.unitPrice')}</th><th /></tr></thead>
        <tbody>
          {lines.map((l, i) => (
            <tr key={l.partId} data-part-no={l.part.partNo}>
              <td className="mono">{l.part.partNo}</td>
              <td>{partName(l.part, i18n.language)}</td>
              <td className="num"><input className="qty" name="quantity" type="number" min={0} step="any" value={l.quantity} onChange={(e) => set(i, 'quantity', e.target.value)} aria-label={t('pur.po.qty')} /> {l.part.unit}</td>
              <td className="num"><input className="qty" name="unitPrice" value={l.unitPrice} onChange={(e) => set(i, 'unitPrice', e.target.value)} aria-label={t('pur.po.unitPrice')} /></td>
              <td><button type="button" className="small" disabled={lines.length < 2} onClick={() => setLines(lines.filter((_, j) => j !== i))}>{t('pur.po.removeLine')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      <label className="block">{t('pur.po.note')}<input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} /></label>
      <div className="row">
        <button type="button" className="primary" disabled={save.busy} onClick={submit} data-testid="save-draft">{t('pur.po.save')}</button>
        <button type="button" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
      <ErrorBox error={save.error} />
    </div>
  );
}

interface ReceiptResult { id: string; number: string; damageClaim?: { id: string; number: string; amount: string; replacementOrder?: { id: string; number: string; status: string } | null } | null }

function ReceiveForm({ po, stationId, onDone }: { po: PoDetail; stationId: string; onDone(): void }) {
  const { t, i18n } = useTranslation();
  const { stations } = useSession();
  const warehouses = stations.find((s) => s.id === stationId)?.warehouses ?? [];
  const [warehouseId, setWarehouseId] = useState('');
  useEffect(() => {
    if (!warehouseId && warehouses.length) setWarehouseId(warehouses[0].id);
  }, [warehouses, warehouseId]);
  const [lines, setLines] = useState(() => po.lines.map((l) => ({ id: l.id, received: String(Math.max(l.quantity - l.received, 0)), damaged: '0', reason: '' })));
  const [key] = useState(() => newKey('rcv'));
  const receive = useAction<{ receiveGoods: ReceiptResult }>(RECEIVE_GOODS);
  const [result, setResult] = useState<ReceiptResult>();
  const set = (i: number, k: 'received' | 'damaged' | 'reason', v: string) => setLines(lines.map((x, j) => (j === i ? { ...x, [k]: v } : x)));
  const submit = async () => {
    const input = lines
      .filter((l) => Number(l.received) > 0)
      .map((l) => ({ purchaseOrderLineId: l.id, received: Number(l.received), damaged: Number(l.damaged) || 0, damageReason: Number(l.damaged) > 0 ? l.reason || t('pur.po.damagedDefault') : null }));
    const r = await receive.exec({ purchaseOrderId: po.id, warehouseId, lines: input, idempotencyKey: key });
    if (r) {
      setResult(r.receiveGoods);
      onDone();
    }
  };
  if (result)
    return (
      <div className="ok-msg" role="status" data-testid="receipt-result">
        {t('pur.po.receiptDone', { number: result.number })}
        {result.damageClaim && (
          <div>
            {t('pur.po.claimOpened', { number: result.damageClaim.number, amount: money(result.damageClaim.amount) })}
            {result.damageClaim.replacementOrder && <> · {t('pur.po.replacementOrder', { number: result.damageClaim.replacementOrder.number })}</>}
          </div>
        )}
      </div>
    );
  return (
    <div className="receive-form" data-testid="receive-form">
      <label>
        {t('pur.po.warehouse')}
        <select value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)}>
          {warehouses.map((w) => <option key={w.id} value={w.id}>{w.code} {w.name}</option>)}
        </select>
      </label>
      <table className="lines">
        <thead>
          <tr>
            <th>{t('pur.po.partNo')}</th><th>{t('pur.po.name')}</th><th className="num">{t('pur.po.ordered')}</th><th className="num">{t('pur.po.received')}</th>
            <th className="num">{t('pur.po.receivedNow')}</th><th className="num">{t('pur.po.damaged')}</th><th>{t('pur.po.damageReason')}</th>
          </tr>
        </thead>
        <tbody>
          {po.lines.map((l, i) => (
            <tr key={l.id} data-part-no={l.part.partNo}>
              <td className="mono">{l.part.partNo}</td>
              <td>{partName(l.part, i18n.language)}</td>
              <td className="num">{qty(l.quantity)} {l.part.unit}</td>
              <td className="num">{qty(l.received)}</td>
              <td className="num"><input className="qty" name="received" type="number" min={0} step="any" value={lines[i].received} onChange={(e) => set(i, 'received', e.target.value)} aria-label={t('pur.po.receivedNow')} /></td>
              <td className="num"><input className="qty" name="damaged" type="number" min={0} step="any" value={lines[i].damaged} onChange={(e) => set(i, 'damaged', e.target.value)} aria-label={t('pur.po.damaged')} /></td>
              <td><input name="reason" value={lines[i].reason} onChange={(e) => set(i, 'reason', e.target.value)} placeholder={t('pur.po.damagedDefault')} disabled={!(Number(lines[i].damaged) > 0)} aria-label={t('pur.po.damageReason')} /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="primary" disabled={receive.busy || !warehouseId} onClick={submit} data-testid="confirm-receipt">{t('pur.po.confirmReceipt')}</button>
      <ErrorBox error={receive.error} />
    </div>
  );
}
