/**
 * 货损单 — damage claims worked to the end: send to the supplier, the
 * supplier's answer (accepted with a note / rejected with a reason), the
 * quarantined goods back to the supplier, settled; the replacement order's
 * arrival shows in the claim's view; each claim prints as a 货损单.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorBox, ExportButton, Loading, Pager, Panel, SortTh, QueryProblem, money, partName, qty, useAction, usePaged, useSort } from '../../components/ui';
import { ACCEPT_CLAIM, DAMAGE_CLAIMS_PAGE, REJECT_CLAIM, RETURN_GOODS, SETTLE_CLAIM, SUBMIT_CLAIM } from '../../api/purchasing-ops';
import { newKey } from '../../auth';
import { Fact, SupplierSelect, useDates, type Claim } from './common';
import { PrintPreview } from './print';

const CLAIM_STATUSES = ['OPEN', 'SUBMITTED', 'ACCEPTED', 'REJECTED', 'SETTLED'];

export function DamageClaimsPanel({ stationId, version }: { stationId: string; version: number }) {
  const { t } = useTranslation();
  const { date } = useDates();
  const [status, setStatus] = useState('');
  const [supplierId, setSupplierId] = useState('');
  const [returned, setReturned] = useState('');
  const sort = useSort({ field: 'createdAt', direction: 'DESC' });
  const filters = { stationId, status: status || null, supplierId: supplierId || null, returned: returned === '' ? null : returned === 'true' };
  const claims = usePaged<Claim>(DAMAGE_CLAIMS_PAGE, 'damageClaimsPage', { ...filters, sort: sort.sort }, { op: 'Query.damageClaimsPage', first: 20 });
  const [openId, setOpenId] = useState<string>();
  useEffect(() => { if (version) claims.refetch(); }, [version]);
  const list = claims.items ?? [];
  return (
    <Panel id="damage-claims" title={t('pur.claims.title')} actions={
      <div className="row tight">
        <select value={status} onChange={(e) => setStatus(e.target.value)} aria-label={t('pur.claims.status')} data-testid="claim-status-filter">
          <option value="">{t('pur.po.allStatuses')}</option>
          {CLAIM_STATUSES.map((s) => <option key={s} value={s}>{t(`claimStatus.${s}`)}</option>)}
        </select>
        <SupplierSelect value={supplierId} onChange={setSupplierId} />
        <select value={returned} onChange={(e) => setReturned(e.target.value)} aria-label={t('pur.claims.quarantined')}>
          <option value="">{t('pur.claims.anyGoods')}</option>
          <option value="false">{t('pur.claims.notReturned')}</option>
          <option value="true">{t('pur.claims.returnedFilter')}</option>
        </select>
        <ExportButton list="damage-claims" filters={{ ...filters, sort: sort.exportValue }} />
        <button type="button" onClick={claims.refetch}>{t('common.refresh')}</button>
      </div>
    }>
      <QueryProblem of={claims} />
      <Loading r={claims} />
      {claims.data && list.length === 0 && <Empty>{t('pur.claims.none')}</Empty>}
      {list.length > 0 && (
        <div className="scroll tall">
          <table data-testid="damage-claims">
            <thead>
              <tr>
                <SortTh s={sort} field="number" first="DESC">{t('pur.claims.number')}</SortTh>
                <SortTh s={sort} field="createdAt" first="DESC">{t('pur.claims.createdAt')}</SortTh>
                <th>{t('po.supplier')}</th>
                <th>{t('pur.claims.order')}</th>
                <SortTh s={sort} field="status">{t('pur.claims.status')}</SortTh>
                <SortTh s={sort} field="amount" num first="DESC">{t('pur.claims.amount')}</SortTh>
                <th>{t('pur.claims.replacement')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <ClaimRow key={c.id} claim={c} open={openId === c.id} onToggle={() => setOpenId(openId === c.id ? undefined : c.id)} onChanged={claims.refetch} date={date} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={claims} />
    </Panel>
  );
}

function ClaimRow({ claim: c, open, onToggle, onChanged, date }: { claim: Claim; open: boolean; onToggle(): void; onChanged(): void; date: (d?: string | null) => string }) {
  const { t } = useTranslation();
  return (
    <>
      <tr data-claim={c.number} className={open ? 'active' : ''}>
        <td className="mono">{c.number}</td>
        <td className="nowrap">{date(c.createdAt)}</td>
        <td>{c.supplier.code} {c.supplier.name}</td>
        <td className="mono">{c.purchaseOrder.number}</td>
        <td data-testid="claim-status">{t(`claimStatus.${c.status}`, { defaultValue: c.status })}{c.returnedAt && <span className="tag">{t('pur.claims.returned', { at: date(c.returnedAt) })}</span>}</td>
        <td className="num">{money(c.amount)}</td>
        <td className="mono">{c.replacementOrder ? `${c.replacementOrder.number} · ${t(`poStatus.${c.replacementOrder.status}`, { defaultValue: c.replacementOrder.status })}` : '–'}</td>
        <td><button type="button" className="small" onClick={onToggle} data-testid={`open-claim-${c.number}`}>{open ? t('pur.claims.close') : t('pur.claims.open')}</button></td>
      </tr>
      {open && (
        <tr className="expand">
          <td colSpan={8}><ClaimDetail claim={c} onChanged={onChanged} /></td>
        </tr>
      )}
    </>
  );
}

function ClaimDetail({ claim: c, onChanged }: { claim: Claim; onChanged(): void }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useDates();
  const submit = useAction(SUBMIT_CLAIM);
  const accept = useAction(ACCEPT_CLAIM);
  const reject = useAction(REJECT_CLAIM);
  const settle = useAction(SETTLE_CLAIM);
  const ret = useAction(RETURN_GOODS);
  const [note, setNote] = useState('');
  const [returnKey] = useState(() => newKey('return'));
  const [printing, setPrinting] = useState(false);
  const run = async (a: ReturnType<typeof useAction>, vars: Record<string, unknown>) => { if (await a.exec(vars)) { setNote(''); onChanged(); } };
  const rep = c.replacementOrder;
  const arrived = rep?.receipts?.[0];
  const canReturn = ['SUBMITTED', 'ACCEPTED'].includes(c.status) && !c.returnedAt;
  return (
    <div className="claim-detail" data-testid="claim-detail" data-number={c.number}>
      <div className="facts">
        <Fact label={t('pur.claims.order')}>{c.purchaseOrder.number}</Fact>
        <Fact label={t('pur.claims.receipt')}>{c.goodsReceipt ? `${c.goodsReceipt.number} · ${dateTime(c.goodsReceipt.receivedAt)}` : '–'}</Fact>
        <Fact label={t('pur.claims.status')}>{t(`claimStatus.${c.status}`, { defaultValue: c.status })}</Fact>
        <Fact label={t('pur.claims.quarantined')}>
          <span data-testid="claim-return">{c.returnedAt ? t('pur.claims.returned', { at: dateTime(c.returnedAt) }) : t('pur.claims.notReturned')}</span>
        </Fact>
        <Fact label={t('pur.claims.replacement')}>
          <span data-testid="claim-replacement">
            {!rep ? '–' : arrived ? t('pur.claims.replacementArrived', { number: `${rep.number} / ${arrived.number}`, at: dateTime(arrived.receivedAt) }) : `${rep.number} · ${t('pur.claims.replacementWaiting', { status: t(`poStatus.${rep.status}`, { defaultValue: rep.status }) })}`}
          </span>
        </Fact>
        {c.resolutionNote && <Fact label={t('pur.claims.resolution')}>{c.resolutionNote}</Fact>}
      </div>
      <table className="lines">
        <thead><tr><th>{t('pur.po.partNo')}</th><th>{t('pur.po.name')}</th><th className="num">{t('pur.po.qty')}</th><th className="num">{t('pur.po.unitPrice')}</th><th className="num">{t('pur.po.lineAmount')}</th><th>{t('pur.claims.reason')}</th></tr></thead>
        <tbody>
          {c.lines.map((l) => (
            <tr key={l.id}><td className="mono">{l.part.partNo}</td><td>{partName(l.part, i18n.language)}</td><td className="num">{qty(l.quantity)} {l.part.unit}</td><td className="num">{money(l.unitPrice)}</td><td className="num">{money(l.amount)}</td><td>{l.reason ?? ''}</td></tr>
          ))}
        </tbody>
        <tfoot><tr><td colSpan={4}>{t('pur.po.total')}</td><td className="num">{money(c.amount)}</td><td /></tr></tfoot>
      </table>
      <div className="row actions-row">
        {c.status === 'OPEN' && <button type="button" className="primary" disabled={submit.busy} onClick={() => run(submit, { id: c.id })}>{t('pur.claims.submit')}</button>}
        {['SUBMITTED', 'ACCEPTED', 'REJECTED'].includes(c.status) && (
          <label>{c.status === 'SUBMITTED' ? `${t('pur.claims.note')} / ${t('pur.claims.rejectReason')}` : t('pur.claims.settleNote')}
            <input name="claimNote" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </label>
        )}
        {c.status === 'SUBMITTED' && <button type="button" disabled={accept.busy} onClick={() => run(accept, { id: c.id, note: note.trim() || null })}>{t('pur.claims.accept')}</button>}
        {c.status === 'SUBMITTED' && <button type="button" disabled={reject.busy || !note.trim()} onClick={() => run(reject, { id: c.id, reason: note.trim() })}>{t('pur.claims.reject')}</button>}
        {canReturn && <button type="button" disabled={ret.busy} onClick={() => run(ret, { id: c.id, key: returnKey })} data-testid="return-goods">{t('pur.claims.returnGoods')}</button>}
        {['ACCEPTED', 'REJECTED'].includes(c.status) && <button type="button" className="primary" disabled={settle.busy} onClick={() => run(settle, { id: c.id, note: note.trim() || null })}>{t('pur.claims.settle')}</button>}
        <button type="button" onClick={() => setPrinting(true)} data-testid="print-claim">{t('pur.claims.print')}</button>
      </div>
      <ErrorBox error={submit.error ?? accept.error ?? reject.error ?? settle.error ?? ret.error} />
      {printing && <PrintPreview job={{ kind: 'claim', claim: c }} onClose={() => setPrinting(false)} />}
    </div>
  );
}
