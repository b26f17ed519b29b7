/** The purchasing page's operations (采购): offers, orders, receipts, claims, alerts — only names from API.md and the schema. */

const PART = `id partNo name nameEn unit unitPrecision`;
export const OFFER = `supplier { id code name } unitPrice leadTimeDays minOrderQty packSize preferred`;

export const REC_FIELDS = `part { ${PART} offers { ${OFFER} } } supplierId demandClass method forecastPerMonth seasonalIndex leadTimeDays safetyStock reorderPoint orderUpTo
  onHand onOrder suggestedQuantity networkSurplus netRequirement fromNetworkSurplus packSize minOrderQty explanation`;

const LINE = `id quantity unitPrice amount received accepted damaged outstanding part { ${PART} } offer { ${OFFER} }`;
export const PO_SUMMARY = `id number kind status createdAt submittedAt expectedAt receivedAt cancelledAt cancelReason amount note
  supplier { id code name leadTimeDays } station { id code name } lines { ${LINE} }`;
const RECEIPT = `id number receivedAt receivedBy stockPosted warehouse { id code name }
  lines { id purchaseOrderLineId received accepted damaged damageReason part { ${PART} } bin { id code } quarantineBin { id code } }
  damageClaim { id number status }`;
export const CLAIM = `id number status amount createdAt updatedAt resolutionNote returnedAt returnedBy
  supplier { id code name } station { id code name }
  purchaseOrder { id number } goodsReceipt { id number receivedAt warehouse { id code name } }
  lines { id quantity unitPrice amount reason part { ${PART} } }
  replacementOrder { id number status kind submittedAt expectedAt receivedAt receipts { id number receivedAt lines { id received accepted damaged } } }`;

export const PURCHASE_ORDER = `query PurchasingOrder($id: ID!) { purchaseOrder(id: $id) { ${PO_SUMMARY} receipts { ${RECEIPT} } damageClaims { ${CLAIM} } } }`;
export const UPDATE_PO = `mutation PurchasingUpdateOrder($id: ID!, $input: PurchaseOrderInput!) { updatePurchaseOrder(id: $id, input: $input) { ${PO_SUMMARY} } }`;
export const SUBMIT_PO = `mutation PurchasingSubmitOrder($id: ID!) { submitPurchaseOrder(id: $id) { ${PO_SUMMARY} } }`;
export const MARK_SHIPPED = `mutation PurchasingMarkShipped($id: ID!) { markShipped(id: $id) { ${PO_SUMMARY} } }`;
export const CANCEL_PO = `mutation PurchasingCancelOrder($id: ID!, $reason: String) { cancelPurchaseOrder(id: $id, reason: $reason) { ${PO_SUMMARY} } }`;
export const CLOSE_PO = `mutation PurchasingCloseOrder($id: ID!) { closePurchaseOrder(id: $id) { ${PO_SUMMARY} } }`;
export const POS_FROM_RECS = `mutation PurchasingOrdersFromRecommendations($stationId: ID!, $partIds: [ID!]!) {
  createPurchaseOrdersFromRecommendations(stationId: $stationId, partIds: $partIds) { id number status amount supplier { id code name } lines { id } }
}`;
export const RECEIVE_GOODS = `mutation PurchasingReceiveGoods($purchaseOrderId: ID!, $warehouseId: ID!, $lines: [ReceiptLineInput!]!, $idempotencyKey: String!) {
  receiveGoods(purchaseOrderId: $purchaseOrderId, warehouseId: $warehouseId, lines: $lines, idempotencyKey: $idempotencyKey) {
    ${RECEIPT} purchaseOrder { id status } damageClaim { ${CLAIM} }
  }
}`;

export const SUPPLIERS = `query PurchasingSuppliers { suppliers { id code name leadTimeDays } }`;
export const SET_OFFER = `mutation PurchasingSetOffer($input: SupplierOfferInput!) { setSupplierOffer(input: $input) { part { id partNo } ${OFFER} } }`;

export const SUBMIT_CLAIM = `mutation PurchasingSubmitClaim($id: ID!) { submitDamageClaim(id: $id) { ${CLAIM} } }`;
export const ACCEPT_CLAIM = `mutation PurchasingAcceptClaim($id: ID!, $note: String) { acceptDamageClaim(id: $id, note: $note) { ${CLAIM} } }`;
export const REJECT_CLAIM = `mutation PurchasingRejectClaim($id: ID!, $reason: String!) { rejectDamageClaim(id: $id, reason: $reason) { ${CLAIM} } }`;
export const SETTLE_CLAIM = `mutation PurchasingSettleClaim($id: ID!, $note: String) { settleDamageClaim(id: $id, note: $note) { ${CLAIM} } }`;
export const RETURN_GOODS = `mutation PurchasingReturnGoods($id: ID!, $key: String!) { returnDamagedGoods(damageClaimId: $id, idempotencyKey: $key) { ${CLAIM} } }`;

const SHORTAGE = `id kind quantity openedAt resolvedAt acknowledgedByMe reference part { id partNo name nameEn unit } station { id code name } repairOrder { id number }`;
export const ACK_SHORTAGE = `mutation PurchasingAcknowledge($id: ID!) { acknowledgeShortage(id: $id) { id acknowledgedByMe } }`;

/* ---------- the paged lists (server-side paging, sort and filters; the Excel export reads the same `<list>Page`) ---------- */

const PAGE_INFO = `pageInfo { endCursor hasNextPage } totalCount`;
export const REC_PAGE_FIELDS = `${REC_FIELDS} orderValue explanationItems { reason params }`;
export const RECOMMENDATIONS_PAGE = `query PurchasingRecommendationsPage($stationId: ID!, $targetFillRate: Float!, $reviewPeriodDays: Int!, $partIds: [ID!], $demandClass: String, $toOrder: Boolean, $sort: PageSort, $first: Int!, $after: String) {
  reorderRecommendationsPage(stationId: $stationId, targetFillRate: $targetFillRate, reviewPeriodDays: $reviewPeriodDays, partIds: $partIds, demandClass: $demandClass, toOrder: $toOrder, sort: $sort, first: $first, after: $after) {
    items { ${REC_PAGE_FIELDS} } ${PAGE_INFO}
  }
}`;
/** Only the part ids of the filtered set (select-all over every page). */
export const RECOMMENDATION_IDS_PAGE = `query PurchasingRecommendationIds($stationId: ID!, $targetFillRate: Float!, $reviewPeriodDays: Int!, $partIds: [ID!], $demandClass: String, $toOrder: Boolean, $sort: PageSort, $first: Int!, $after: String) {
  reorderRecommendationsPage(stationId: $stationId, targetFillRate: $targetFillRate, reviewPeriodDays: $reviewPeriodDays, partIds: $partIds, demandClass: $demandClass, toOrder: $toOrder, sort: $sort, first: $first, after: $after) {
    items { part { id } } ${PAGE_INFO}
  }
}`;
/** A text query as the counter's search reads it: the matching parts' ids narrow the recommendations. */
export const PART_IDS_MATCHING = `query PurchasingPartIds($query: String!) { searchParts(query: $query, first: 200) { hits { part { id } } } }`;

export const PURCHASE_ORDERS_PAGE = `query PurchasingOrdersPage($stationId: ID, $status: PurchaseOrderStatus, $supplierId: ID, $kind: PurchaseOrderKind, $sort: PageSort, $first: Int!, $after: String) {
  purchaseOrdersPage(stationId: $stationId, status: $status, supplierId: $supplierId, kind: $kind, sort: $sort, first: $first, after: $after) { items { ${PO_SUMMARY} } ${PAGE_INFO} }
}`;
export const DAMAGE_CLAIMS_PAGE = `query PurchasingClaimsPage($stationId: ID, $status: DamageClaimStatus, $supplierId: ID, $returned: Boolean, $sort: PageSort, $first: Int!, $after: String) {
  damageClaimsPage(stationId: $stationId, status: $status, supplierId: $supplierId, returned: $returned, sort: $sort, first: $first, after: $after) { items { ${CLAIM} } ${PAGE_INFO} }
}`;
export const SHORTAGES_PAGE = `query PurchasingShortagesPage($stationId: ID, $kind: ShortageKind, $acknowledged: Boolean, $sort: PageSort, $first: Int!, $after: String) {
  shortagesPage(stationId: $stationId, open: true, kind: $kind, acknowledged: $acknowledged, sort: $sort, first: $first, after: $after) { items { ${SHORTAGE} } ${PAGE_INFO} }
}`;
/** How many open shortages the caller has not acknowledged (the badge). */
export const UNACKED_COUNT = `query PurchasingUnacked($stationId: ID) { shortagesPage(stationId: $stationId, open: true, acknowledged: false, first: 1) { totalCount } }`;
export const SUPPLIER_OFFERS_PAGE = `query PurchasingOffersPage($supplierId: ID, $partId: ID, $preferred: Boolean, $sort: PageSort, $first: Int!, $after: String) {
  supplierOffersPage(supplierId: $supplierId, partId: $partId, preferred: $preferred, sort: $sort, first: $first, after: $after) {
    items { ${OFFER} updatedAt part { ${PART} } } ${PAGE_INFO}
  }
}`;
