/**
 * 采购 — purchasing: shortage alerts (live, acknowledged per person, one row
 * per part), recommendations → one draft order per preferred supplier (parts
 * nobody offers named, with an offer form), purchase orders (dates, amounts,
 * lines, receipts, claims; edit, submit, cancel with a reason, receive,
 * print), damage claims to the end (submit, accept / reject, goods back to
 * the supplier, settle, print), suppliers' offers. Every list is read page by
 * page from its `<list>Page` (sorted and filtered on the server) and downloads
 * as Excel. The panels live in ./purchasing/. A parts clerk sees only the
 * shortage alerts and a line saying who handles the rest.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasRole } from '../auth';
import { useSession } from '../session';
import { AlertsPanel } from './purchasing/alerts-panel';
import { RecommendationsPanel } from './purchasing/recommendations-panel';
import { PurchaseOrdersPanel } from './purchasing/orders-panel';
import { DamageClaimsPanel } from './purchasing/claims-panel';
import { SupplierOffersPanel } from './purchasing/offers-panel';

export function PurchasingPage() {
  const { t } = useTranslation();
  const { stationId, session } = useSession();
  // Only the shortage alerts are a parts clerk's (PARTS_CLERK may acknowledge them); recommendations,
  // orders, claims and offers need PURCHASER or STATION_MANAGER at the server, so they are not offered to a clerk.
  const purchases = hasRole(session, 'PURCHASER', 'STATION_MANAGER');
  // bumped when one panel changes what another shows (new drafts, a receipt that opened a claim)
  const [version, setVersion] = useState(0);
  const bump = () => setVersion((v) => v + 1);
  return (
    <div className="page purchasing">
      <AlertsPanel />
      {!purchases ? (
        <p className="hint" data-testid="not-for-role">{t('pur.notForRole')}</p>
      ) : stationId ? (
        <>
          <RecommendationsPanel stationId={stationId} onOrdersCreated={bump} />
          <PurchaseOrdersPanel stationId={stationId} version={version} onChanged={bump} />
          <DamageClaimsPanel stationId={stationId} version={version} />
          <SupplierOffersPanel version={version} />
        </>
      ) : null}
    </div>
  );
}
