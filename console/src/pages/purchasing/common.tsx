/** What the purchasing components share: the shapes they read, dates, a refusal's reason and params. Refusals are shown by the console's one ErrorBox (its text from locales/reasons*.ts). */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, type AnyVariables, type CombinedError, type OperationResult } from 'urql';
import { useApi } from '../../components/ui';
import { fmtDate, fmtDateTime } from '../../dates';
import { SUPPLIERS } from '../../api/purchasing-ops';

export interface PartRef { id: string; partNo: string; name: string; nameEn?: string | null; unit: string; unitPrecision?: number }
export interface Offer { supplier: { id: string; code: string; name: string }; unitPrice: string; leadTimeDays: number; minOrderQty: number; packSize: number; preferred: boolean }
export interface PoLine { id: string; quantity: number; unitPrice: string; amount: string; received: number; accepted: number; damaged: number; outstanding: number; part: PartRef; offer?: Offer | null }
export interface Po {
  id: string; number: string; kind: string; status: string; createdAt: string; submittedAt?: string | null; expectedAt?: string | null; receivedAt?: string | null; cancelledAt?: string | null;
  cancelReason?: string | null; amount: string; note?: string | null; supplier: { id: string; code: string; name: string; leadTimeDays?: number }; station: { id: string; code: string; name?: string }; lines: PoLine[];
}
export interface ReceiptLine { id: string; purchaseOrderLineId: string; received: number; accepted: number; damaged: number; damageReason?: string | null; part: PartRef; bin?: { id: string; code: string } | null; quarantineBin?: { id: string; code: string } | null }
export interface Receipt { id: string; number: string; receivedAt: string; receivedBy: string; stockPosted: boolean; warehouse?: { id: string; code: string; name: string } | null; lines: ReceiptLine[]; damageClaim?: { id: string; number: string; status: string } | null }
export interface Claim {
  id: string; number: string; status: string; amount: string; createdAt: string; updatedAt: string; resolutionNote?: string | null; returnedAt?: string | null; returnedBy?: string | null;
  supplier: { id: string; code: string; name: string }; station: { id: string; code: string; name?: string }; purchaseOrder: { id: string; number: string };
  goodsReceipt?: { id: string; number: string; receivedAt: string; warehouse?: { code: string; name: string } | null } | null;
  lines: { id: string; quantity: number; unitPrice: string; amount: string; reason?: string | null; part: PartRef }[];
  replacementOrder?: { id: string; number: string; status: string; kind: string; submittedAt?: string | null; expectedAt?: string | null; receivedAt?: string | null; receipts: { id: string; number: string; receivedAt: string }[] } | null;
}
export type PoDetail = Po & { receipts: Receipt[]; damageClaims: Claim[] };

export function useDates() {
  const { i18n } = useTranslation();
  return {
    date: (d?: string | null) => (d ? fmtDate(new Date(d), i18n.language) : '–'),
    dateTime: (d?: string | null) => (d ? fmtDateTime(new Date(d), i18n.language) : '–'),
  };
}

/** The first error's reason and params, when the server refused with one. */
export function refusalOf(error?: CombinedError | null): { reason: string; params: Record<string, any> } | undefined {
  const ext = error?.graphQLErrors?.[0]?.extensions as { reason?: string; params?: Record<string, any> } | undefined;
  return ext?.reason ? { reason: ext.reason, params: ext.params ?? {} } : undefined;
}

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <span className="fact-label">{label}</span>
      <span className="fact-value">{children}</span>
    </div>
  );
}

/** A mutation whose caller reads the outcome (data or the refusal) right away, keeping the last error for display. */
export function useCommand<T = any>(doc: string) {
  const [state, run] = useMutation<T>(doc);
  const [error, setError] = useState<CombinedError | undefined>();
  const exec = async (vars: AnyVariables): Promise<OperationResult<T>> => {
    setError(undefined);
    const r = await run(vars, { requestPolicy: 'network-only' });
    if (r.error) setError(r.error);
    return r;
  };
  return { exec, busy: state.fetching, error };
}

/** The suppliers as a filter (all suppliers first). */
export function SupplierSelect({ value, onChange, testId }: { value: string; onChange(v: string): void; testId?: string }) {
  const { t } = useTranslation();
  const r = useApi<{ suppliers: { id: string; code: string; name: string }[] }>(SUPPLIERS, {}, { op: 'Query.suppliers' });
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} aria-label={t('pur.po.supplier')} data-testid={testId}>
      <option value="">{t('pur.recs.allSuppliers')}</option>
      {(r.data?.suppliers ?? []).map((s) => <option key={s.id} value={s.id}>{s.code} {s.name}</option>)}
    </select>
  );
}
