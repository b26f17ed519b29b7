/**
 * 供应商报价 — every supplier's offers, page by page from `supplierOffersPage`:
 * filtered by supplier and preferred, sorted on the server (supplier, price,
 * lead time, last change), downloadable as the Excel sheet the offers
 * importer reads back (`npm run import -- offers <file>`).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ExportButton, Loading, Pager, Panel, SortTh, QueryProblem, money, partName, qty, usePaged, useSort } from '../../components/ui';
import { SUPPLIER_OFFERS_PAGE } from '../../api/purchasing-ops';
import { SupplierSelect, useDates, type Offer, type PartRef } from './common';

type OfferRow = Offer & { updatedAt: string; part: PartRef };

export function SupplierOffersPanel({ version }: { version: number }) {
  const { t, i18n } = useTranslation();
  const { date } = useDates();
  const [supplierId, setSupplierId] = useState('');
  const [preferred, setPreferred] = useState('');
  const sort = useSort({ field: 'supplier', direction: 'ASC' });
  const filters = { supplierId: supplierId || null, preferred: preferred === '' ? null : preferred === 'true' };
  const offers = usePaged<OfferRow>(SUPPLIER_OFFERS_PAGE, 'supplierOffersPage', { ...filters, sort: sort.sort }, { op: 'Query.supplierOffersPage', first: 20 });
  useEffect(() => { if (version) offers.refetch(); }, [version]);
  const list = offers.items ?? [];
  return (
    <Panel id="supplier-offers" title={t('pur.offer.title')} actions={
      <div className="row tight">
        <SupplierSelect value={supplierId} onChange={setSupplierId} testId="offers-supplier" />
        <select value={preferred} onChange={(e) => setPreferred(e.target.value)} aria-label={t('pur.offer.preferred')}>
          <option value="">{t('pur.offer.allOffers')}</option>
          <option value="true">{t('pur.offer.onlyPreferred')}</option>
          <option value="false">{t('pur.offer.notPreferred')}</option>
        </select>
        <ExportButton list="supplier-offers" filters={{ ...filters, sort: sort.exportValue }} />
        <button type="button" onClick={offers.refetch}>{t('common.refresh')}</button>
      </div>
    }>
      <QueryProblem of={offers} />
      <Loading r={offers} />
      {offers.data && list.length === 0 && <Empty>{t('pur.offer.none')}</Empty>}
      {list.length > 0 && (
        <div className="scroll">
          <table data-testid="supplier-offers">
            <thead>
              <tr>
                <SortTh s={sort} field="supplier">{t('pur.offer.supplier')}</SortTh>
                <th>{t('part.partNo')}</th>
                <th>{t('part.name')}</th>
                <SortTh s={sort} field="unitPrice" num>{t('pur.offer.price')}</SortTh>
                <SortTh s={sort} field="leadTimeDays" num>{t('pur.offer.leadTime')}</SortTh>
                <th className="num">{t('pur.offer.moq')}</th>
                <th className="num">{t('pur.offer.pack')}</th>
                <th />
                <SortTh s={sort} field="updatedAt" first="DESC">{t('pur.offer.updatedAt')}</SortTh>
              </tr>
            </thead>
            <tbody>
              {list.map((o) => (
                <tr key={`${o.supplier.id}:${o.part.id}`} data-part-no={o.part.partNo} data-supplier={o.supplier.code}>
                  <td>{o.supplier.code} {o.supplier.name}</td>
                  <td className="mono">{o.part.partNo}</td>
                  <td>{partName(o.part, i18n.language)}</td>
                  <td className="num">{money(o.unitPrice)}</td>
                  <td className="num">{o.leadTimeDays}</td>
                  <td className="num">{qty(o.minOrderQty)}</td>
                  <td className="num">{qty(o.packSize)}</td>
                  <td>{o.preferred && <span className="tag pref">{t('pur.offer.preferred')}</span>}</td>
                  <td className="nowrap">{date(o.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager p={offers} />
    </Panel>
  );
}
