/** 供应商报价: a part's offers, and a form to add or change one (price, lead time, minimum, pack, preferred). */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorBox, money, qty, useAction, useApi } from '../../components/ui';
import { SET_OFFER, SUPPLIERS } from '../../api/purchasing-ops';
import { type Offer, type PartRef } from './common';

export function OffersTable({ offers }: { offers: Offer[] }) {
  const { t } = useTranslation();
  if (!offers.length) return <p className="empty">{t('pur.offer.none')}</p>;
  return (
    <table className="offers" data-testid="offers">
      <thead>
        <tr><th>{t('pur.offer.supplier')}</th><th className="num">{t('pur.offer.price')}</th><th className="num">{t('pur.offer.leadTime')}</th><th className="num">{t('pur.offer.moq')}</th><th className="num">{t('pur.offer.pack')}</th><th /></tr>
      </thead>
      <tbody>
        {offers.map((o) => (
          <tr key={o.supplier.id}>
            <td>{o.supplier.code} {o.supplier.name}</td>
            <td className="num">{money(o.unitPrice)}</td>
            <td className="num">{o.leadTimeDays}</td>
            <td className="num">{qty(o.minOrderQty)}</td>
            <td className="num">{qty(o.packSize)}</td>
            <td>{o.preferred && <span className="tag pref">{t('pur.offer.preferred')}</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function OfferForm({ part, onSaved }: { part: PartRef; onSaved(): void }) {
  const { t } = useTranslation();
  const suppliers = useApi<{ suppliers: { id: string; code: string; name: string; leadTimeDays: number }[] }>(SUPPLIERS, {}, { op: 'Query.suppliers' });
  const save = useAction(SET_OFFER);
  const [f, setF] = useState({ supplierId: '', unitPrice: '', leadTimeDays: '', minOrderQty: '', packSize: '', preferred: true });
  const [done, setDone] = useState(false);
  const set = (k: keyof typeof f, v: string | boolean) => setF({ ...f, [k]: v });
  const submit = async () => {
    const input = {
      supplierId: f.supplierId,
      partId: part.id,
      unitPrice: f.unitPrice.trim(),
      leadTimeDays: f.leadTimeDays ? Number(f.leadTimeDays) : null,
      minOrderQty: f.minOrderQty ? Number(f.minOrderQty) : null,
      packSize: f.packSize ? Number(f.packSize) : null,
      preferred: f.preferred,
    };
    if (await save.exec({ input })) {
      setDone(true);
      onSaved();
    }
  };
  return (
    <form className="offer-form" data-testid={`offer-form-${part.partNo}`} onSubmit={(e) => { e.preventDefault(); void submit(); }}>
      <span className="mono">{part.partNo}</span>
      <label>
        {t('pur.offer.supplier')}
        <select name="supplier" value={f.supplierId} onChange={(e) => set('supplierId', e.target.value)} required>
          <option value="">{t('pur.offer.pick')}</option>
          {(suppliers.data?.suppliers ?? []).map((s) => <option key={s.id} value={s.id}>{s.code} {s.name}（{t('pur.offer.days', { days: s.leadTimeDays })}）</option>)}
        </select>
      </label>
      <label>{t('pur.offer.price')}<input name="unitPrice" className="qty" inputMode="decimal" value={f.unitPrice} onChange={(e) => set('unitPrice', e.target.value)} required /></label>
      <label>{t('pur.offer.leadTime')}<input name="leadTimeDays" className="qty" type="number" min={0} max={365} value={f.leadTimeDays} onChange={(e) => set('leadTimeDays', e.target.value)} /></label>
      <label>{t('pur.offer.moq')}<input name="minOrderQty" className="qty" type="number" min={0} step="any" value={f.minOrderQty} onChange={(e) => set('minOrderQty', e.target.value)} /></label>
      <label>{t('pur.offer.pack')}<input name="packSize" className="qty" type="number" min={0} step="any" value={f.packSize} onChange={(e) => set('packSize', e.target.value)} /></label>
      <label className="check"><input type="checkbox" checked={f.preferred} onChange={(e) => set('preferred', e.target.checked)} />{t('pur.offer.preferred')}</label>
      <button type="submit" className="small primary" disabled={save.busy || !f.supplierId || !f.unitPrice.trim()}>{t('pur.offer.save')}</button>
      <ErrorBox error={save.error} />
      {done && !save.error && <span className="ok-msg" role="status">{t('pur.offer.saved', { partNo: part.partNo })}</span>}
    </form>
  );
}
