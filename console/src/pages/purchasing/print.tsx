/**
 * Printed documents of purchasing: 采购订单 (purchase order), 入库单 (goods
 * receipt) and 货损单 (damage claim) — station, number, date and time, lines
 * with their unit, totals and signature lines. Shown in a preview over the
 * page; the print stylesheet prints the preview's document and nothing else.
 */
import { useEffect, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { money, partName, qty } from '../../components/ui';
import { useSession } from '../../session';
import { useDates, type Claim, type Po, type Receipt } from './common';

export type PrintJob = { kind: 'po'; po: Po } | { kind: 'receipt'; po: Po; receipt: Receipt } | { kind: 'claim'; claim: Claim };

export function PrintPreview({ job, onClose }: { job: PrintJob; onClose(): void }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.body.classList.add('printing');
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('printing');
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);
  return createPortal(
    <div className="print-overlay" role="dialog" aria-modal="true" aria-label={t('pur.print.title')}>
      <div className="print-bar no-print">
        <strong>{t('pur.print.title')}</strong>
        <button type="button" className="primary" onClick={() => window.print()} data-testid="print-now">{t('pur.print.print')}</button>
        <button type="button" onClick={onClose}>{t('pur.print.close')}</button>
      </div>
      <div className="print-doc" data-testid="print-doc" data-kind={job.kind}>
        {job.kind === 'po' && <PoDocument po={job.po} />}
        {job.kind === 'receipt' && <ReceiptDocument po={job.po} receipt={job.receipt} />}
        {job.kind === 'claim' && <ClaimDocument claim={job.claim} />}
      </div>
    </div>,
    document.body,
  );
}

function Head({ title, facts }: { title: string; facts: [string, ReactNode][] }) {
  const { t } = useTranslation();
  const { station } = useSession();
  const { dateTime } = useDates();
  return (
    <header className="doc-head">
      <div className="doc-station">{station ? `${station.code} ${station.name}` : ''}</div>
      <h1>{title}</h1>
      <dl className="doc-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>{t('pur.print.printedAt')}</dt>
          <dd>{dateTime(new Date().toISOString())}</dd>
        </div>
      </dl>
    </header>
  );
}

function Signatures({ roles }: { roles: string[] }) {
  return (
    <footer className="doc-sign">
      {roles.map((r) => (
        <div key={r}>
          {r}：<span className="sign-line" />
        </div>
      ))}
    </footer>
  );
}

function PoDocument({ po }: { po: Po }) {
  const { t, i18n } = useTranslation();
  const { dateTime, date } = useDates();
  return (
    <article>
      <Head title={t('pur.print.po')} facts={[
        [t('pur.print.orderNo'), po.number],
        [t('pur.print.supplier'), `${po.supplier.code} ${po.supplier.name}`],
        [t('pur.print.date'), dateTime(po.submittedAt ?? po.createdAt)],
        [t('pur.print.expected'), date(po.expectedAt)],
        [t('pur.print.status'), t(`poStatus.${po.status}`, { defaultValue: po.status })],
      ]} />
      <table className="doc-lines">
        <thead>
          <tr><th>{t('pur.print.line')}</th><th>{t('pur.po.partNo')}</th><th>{t('pur.po.name')}</th><th>{t('pur.po.unit')}</th><th className="num">{t('pur.po.qty')}</th><th className="num">{t('pur.po.unitPrice')}</th><th className="num">{t('pur.po.lineAmount')}</th></tr>
        </thead>
        <tbody>
          {po.lines.map((l, i) => (
            <tr key={l.id}><td>{i + 1}</td><td className="mono">{l.part.partNo}</td><td>{partName(l.part, i18n.language)}</td><td>{l.part.unit}</td><td className="num">{qty(l.quantity)}</td><td className="num">{money(l.unitPrice)}</td><td className="num">{money(l.amount)}</td></tr>
          ))}
        </tbody>
        <tfoot>
          <tr><td colSpan={4}>{t('pur.print.total')}</td><td className="num">{qty(po.lines.reduce((a, l) => a + l.quantity, 0))}</td><td /><td className="num" data-testid="doc-total">{money(po.amount)}</td></tr>
        </tfoot>
      </table>
      {po.note && <p className="doc-note">{t('pur.po.note')}：{po.note}</p>}
      <Signatures roles={[t('pur.print.buyer'), t('pur.print.approver'), t('pur.print.supplierSign')]} />
    </article>
  );
}

function ReceiptDocument({ po, receipt }: { po: Po; receipt: Receipt }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useDates();
  const priceOf = new Map(po.lines.map((l) => [l.id, l.unitPrice]));
  const cents = (n: number, p?: string) => Math.round(n * Number(p ?? 0) * 100);
  const totalCents = receipt.lines.reduce((a, l) => a + cents(l.accepted, priceOf.get(l.purchaseOrderLineId)), 0);
  return (
    <article>
      <Head title={t('pur.print.receipt')} facts={[
        [t('pur.print.receiptNo'), receipt.number],
        [t('pur.print.orderNo'), po.number],
        [t('pur.print.supplier'), `${po.supplier.code} ${po.supplier.name}`],
        [t('pur.print.warehouse'), receipt.warehouse ? `${receipt.warehouse.code} ${receipt.warehouse.name}` : '–'],
        [t('pur.print.date'), dateTime(receipt.receivedAt)],
      ]} />
      <table className="doc-lines">
        <thead>
          <tr><th>{t('pur.print.line')}</th><th>{t('pur.po.partNo')}</th><th>{t('pur.po.name')}</th><th>{t('pur.po.unit')}</th><th className="num">{t('pur.po.received')}</th><th className="num">{t('pur.po.accepted')}</th><th className="num">{t('pur.po.damaged')}</th><th>{t('pur.print.reasonCol')}</th><th>{t('part.bin')}</th><th className="num">{t('pur.po.unitPrice')}</th><th className="num">{t('pur.po.lineAmount')}</th></tr>
        </thead>
        <tbody>
          {receipt.lines.map((l, i) => (
            <tr key={l.id}>
              <td>{i + 1}</td><td className="mono">{l.part.partNo}</td><td>{partName(l.part, i18n.language)}</td><td>{l.part.unit}</td>
              <td className="num">{qty(l.received)}</td><td className="num">{qty(l.accepted)}</td><td className="num">{qty(l.damaged)}</td><td>{l.damageReason ?? ''}</td>
              <td className="mono">{l.bin?.code ?? ''}{l.quarantineBin ? ` / ${l.quarantineBin.code}` : ''}</td>
              <td className="num">{money(priceOf.get(l.purchaseOrderLineId))}</td><td className="num">{money((cents(l.accepted, priceOf.get(l.purchaseOrderLineId)) / 100).toFixed(2))}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><td colSpan={4}>{t('pur.print.total')}</td><td className="num">{qty(receipt.lines.reduce((a, l) => a + l.received, 0))}</td><td className="num">{qty(receipt.lines.reduce((a, l) => a + l.accepted, 0))}</td><td className="num">{qty(receipt.lines.reduce((a, l) => a + l.damaged, 0))}</td><td colSpan={3} /><td className="num" data-testid="doc-total">{money((totalCents / 100).toFixed(2))}</td></tr>
        </tfoot>
      </table>
      <Signatures roles={[t('pur.print.inspector'), t('pur.print.storekeeper'), t('pur.print.receiver')]} />
    </article>
  );
}

function ClaimDocument({ claim }: { claim: Claim }) {
  const { t, i18n } = useTranslation();
  const { dateTime } = useDates();
  return (
    <article>
      <Head title={t('pur.print.claim')} facts={[
        [t('pur.print.claimNo'), claim.number],
        [t('pur.print.orderNo'), claim.purchaseOrder.number],
        [t('pur.print.receiptNo'), claim.goodsReceipt?.number ?? '–'],
        [t('pur.print.supplier'), `${claim.supplier.code} ${claim.supplier.name}`],
        [t('pur.print.date'), dateTime(claim.createdAt)],
        [t('pur.print.status'), t(`claimStatus.${claim.status}`, { defaultValue: claim.status })],
        [t('pur.print.returnedAt'), dateTime(claim.returnedAt)],
      ]} />
      <table className="doc-lines">
        <thead>
          <tr><th>{t('pur.print.line')}</th><th>{t('pur.po.partNo')}</th><th>{t('pur.po.name')}</th><th>{t('pur.po.unit')}</th><th className="num">{t('pur.po.qty')}</th><th className="num">{t('pur.po.unitPrice')}</th><th className="num">{t('pur.po.lineAmount')}</th><th>{t('pur.print.reasonCol')}</th></tr>
        </thead>
        <tbody>
          {claim.lines.map((l, i) => (
            <tr key={l.id}><td>{i + 1}</td><td className="mono">{l.part.partNo}</td><td>{partName(l.part, i18n.language)}</td><td>{l.part.unit}</td><td className="num">{qty(l.quantity)}</td><td className="num">{money(l.unitPrice)}</td><td className="num">{money(l.amount)}</td><td>{l.reason ?? ''}</td></tr>
          ))}
        </tbody>
        <tfoot>
          <tr><td colSpan={4}>{t('pur.print.total')}</td><td className="num">{qty(claim.lines.reduce((a, l) => a + l.quantity, 0))}</td><td /><td className="num" data-testid="doc-total">{money(claim.amount)}</td><td /></tr>
        </tfoot>
      </table>
      {claim.resolutionNote && <p className="doc-note">{t('pur.claims.resolution')}：{claim.resolutionNote}</p>}
      <Signatures roles={[t('pur.print.inspector'), t('pur.print.buyer'), t('pur.print.supplierSign')]} />
    </article>
  );
}
