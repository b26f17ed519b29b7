/** Every GraphQL operation the console sends: only names from API.md (the public contract). */

const PART = `id partNo name nameEn unit unitPrecision barcode category brand spec imageUrls prices { retail member wholesale insurance hqCap } compatibleModels { id code name nameEn }`;
const LEVELS = `onHand available inTransit levels { onHand reserved available bin { id code quarantine warehouse { id code name } } }`;

export const STATIONS = `query Stations { stations { id code name region warehouses { id code name bins { id code quarantine } } } }`;
export const VEHICLE_MODELS = `query VehicleModels { vehicleModels { id code series name nameEn } }`;

const SEARCH_PAGE = `estimatedTotal estimatedTotalIsLowerBound engine tookMs pageInfo { endCursor hasNextPage } vehicleModel { id name nameEn }`;
/** A page of search results; `vin` narrows to the parts that fit the car, `after` is the previous page's pageInfo.endCursor. */
export const SEARCH_PARTS = `query SearchParts($query: String!, $vehicleModelId: ID, $inStockAtStation: ID, $stationId: ID, $vin: String, $after: String) {
  searchParts(query: $query, vehicleModelId: $vehicleModelId, inStockAtStation: $inStockAtStation, vin: $vin, first: 20, after: $after) {
    ${SEARCH_PAGE}
    hits { score part { ${PART} stock(stationId: $stationId) { ${LEVELS} } } }
  }
}`;
/** The same search without Part.stock, for when the stock subgraph does not serve it yet. */
export const SEARCH_PARTS_NO_STOCK = `query SearchPartsNoStock($query: String!, $vehicleModelId: ID, $inStockAtStation: ID, $vin: String, $after: String) {
  searchParts(query: $query, vehicleModelId: $vehicleModelId, inStockAtStation: $inStockAtStation, vin: $vin, first: 20, after: $after) {
    ${SEARCH_PAGE}
    hits { score part { ${PART} } }
  }
}`;
export const PART_BY_BARCODE = `query PartByBarcode($barcode: String!, $stationId: ID) { partByBarcode(barcode: $barcode) { ${PART} stock(stationId: $stationId) { ${LEVELS} } } }`;
export const PART_BY_BARCODE_NO_STOCK = `query PartByBarcodeNoStock($barcode: String!) { partByBarcode(barcode: $barcode) { ${PART} } }`;
export const PART_BY_NUMBER = `query PartByNumber($partNo: String!) { partByNumber(partNo: $partNo) { ${PART} } }`;
export const PART_STOCK = `query PartStock($id: ID!, $stationId: ID) { part(id: $id) { ${PART} stock(stationId: $stationId) { ${LEVELS} } } }`;

const LINE = `id requested issued returned shortfall unitPrice part { id partNo name nameEn unit unitPrecision } bin { id code warehouse { id code name } }`;
const RO = `id number status vin plate vehicleModel { id name nameEn } station { id code name } partsCost requisitions { id number lines { ${LINE} } }`;
export const REPAIR_ORDERS = `query RepairOrders($stationId: ID) { repairOrders(stationId: $stationId, first: 50) { id number status plate vin vehicleModel { id name nameEn } } }`;
export const REPAIR_ORDER = `query RepairOrder($id: ID!) { repairOrder(id: $id) { ${RO} } }`;
export const OPEN_REPAIR_ORDER = `mutation OpenRepairOrder($input: RepairOrderInput!) { openRepairOrder(input: $input) { ${RO} } }`;
export const REQUISITION_PARTS = `mutation RequisitionParts($repairOrderId: ID!, $lines: [RequisitionLineInput!]!, $idempotencyKey: String!) {
  requisitionParts(repairOrderId: $repairOrderId, lines: $lines, allowPartial: true, idempotencyKey: $idempotencyKey) { id number lines { ${LINE} } }
}`;
export const RETURN_PARTS = `mutation ReturnParts($requisitionLineId: ID!, $quantity: Float!, $binId: ID) { returnParts(requisitionLineId: $requisitionLineId, quantity: $quantity, binId: $binId) { ${LINE} } }`;

const SHORTAGE = `id kind quantity openedAt resolvedAt part { id partNo name nameEn } station { id code name } repairOrder { id number }`;
export const SHORTAGES = `query Shortages($stationId: ID) { shortages(stationId: $stationId, open: true) { ${SHORTAGE} } }`;
// $afterSeq: the client (api/client.ts) resumes after the last seq seen when it reconnects, e.g. after 4401 (token expired).
export const SHORTAGE_ALERTS = `subscription ShortageAlerts($stationId: ID, $afterSeq: Int) { shortageAlerts(stationId: $stationId, afterSeq: $afterSeq) { id seq available reorderPoint shortage { ${SHORTAGE} } } }`;

export const RECOMMENDATIONS = `query Recommendations($stationId: ID!, $targetFillRate: Float, $reviewPeriodDays: Int) {
  reorderRecommendations(stationId: $stationId, targetFillRate: $targetFillRate, reviewPeriodDays: $reviewPeriodDays) {
    part { id partNo name nameEn unit } demandClass method forecastPerMonth seasonalIndex leadTimeDays safetyStock reorderPoint orderUpTo onHand onOrder suggestedQuantity networkSurplus explanation
  }
}`;
export const CONSUMPTION = `query Consumption($stationId: ID!, $partId: ID!) { consumptionHistory(stationId: $stationId, partId: $partId, months: 24) { month quantity } }`;
export const SUPPLIERS = `query Suppliers { suppliers { id code name leadTimeDays } }`;
export const PO_FROM_RECS = `mutation PoFromRecommendations($stationId: ID!, $supplierId: ID!, $partIds: [ID!]!) {
  createPurchaseOrderFromRecommendations(stationId: $stationId, supplierId: $supplierId, partIds: $partIds) { id number status }
}`;
const PO = `id number kind status supplier { id code name } station { id code } lines { id quantity unitPrice received accepted damaged part { id partNo name nameEn unit unitPrecision } }`;
export const PURCHASE_ORDERS = `query PurchaseOrders($stationId: ID) { purchaseOrders(stationId: $stationId) { ${PO} } }`;
export const SUBMIT_PO = `mutation SubmitPurchaseOrder($id: ID!) { submitPurchaseOrder(id: $id) { ${PO} } }`;
export const MARK_SHIPPED = `mutation MarkShipped($id: ID!) { markShipped(id: $id) { ${PO} } }`;
const CLAIM = `id number status amount supplier { id name } lines { id quantity amount reason part { id partNo name nameEn } } replacementOrder { id number status kind }`;
export const RECEIVE_GOODS = `mutation ReceiveGoods($purchaseOrderId: ID!, $warehouseId: ID!, $lines: [ReceiptLineInput!]!, $idempotencyKey: String!) {
  receiveGoods(purchaseOrderId: $purchaseOrderId, warehouseId: $warehouseId, lines: $lines, idempotencyKey: $idempotencyKey) {
    id number purchaseOrder { ${PO} } damageClaim { ${CLAIM} }
  }
}`;
export const DAMAGE_CLAIMS = `query DamageClaims($stationId: ID) { damageClaims(stationId: $stationId) { ${CLAIM} } }`;

export const MOVEMENTS = `query Movements($partId: ID, $warehouseId: ID) { stockMovements(partId: $partId, warehouseId: $warehouseId, first: 100) {
  id type quantity reference occurredAt actor part { id partNo name nameEn } bin { id code warehouse { id code } }
} }`;
const TRANSFER = `id status __typename`;
export const TRANSFERS = `query Transfers($stationId: ID) { transfers(stationId: $stationId) { ${TRANSFER} } }`;
export const CREATE_TRANSFER = `mutation CreateTransfer($from: ID!, $to: ID!, $lines: [TransferLineInput!]!) { createTransfer(fromWarehouseId: $from, toWarehouseId: $to, lines: $lines) { ${TRANSFER} } }`;
export const SHIP_TRANSFER = `mutation ShipTransfer($id: ID!) { shipTransfer(id: $id) { ${TRANSFER} } }`;
export const MOVE_STOCK = `mutation MoveStock($partId: ID!, $from: ID!, $to: ID!, $quantity: Float!) { moveStock(partId: $partId, fromBinId: $from, toBinId: $to, quantity: $quantity) { available bin { id code } } }`;
export const START_STOCKTAKE = `mutation StartStocktake($warehouseId: ID!) { startStocktake(warehouseId: $warehouseId) { id } }`;
export const RECORD_COUNT = `mutation RecordCount($id: ID!, $partId: ID!, $binId: ID!, $counted: Float!) { recordCount(stocktakeId: $id, partId: $partId, binId: $binId, counted: $counted) { id } }`;
export const APPROVE_STOCKTAKE = `mutation ApproveStocktake($id: ID!) { approveStocktake(id: $id) { id } }`;
export const REQUEST_WRITE_OFF = `mutation RequestWriteOff($partId: ID!, $binId: ID!, $quantity: Float!, $reason: String!) { requestWriteOff(partId: $partId, binId: $binId, quantity: $quantity, reason: $reason) { id } }`;
export const APPROVE_WRITE_OFF = `mutation ApproveWriteOff($id: ID!) { approveWriteOff(id: $id) { id } }`;

const LISTING = `id quantity remaining status unitPrice listedAt part { id partNo name nameEn unit } station { id code name } warehouse { id code name }`;
export const SURPLUS_CANDIDATES = `query SurplusCandidates($stationId: ID) { surplusCandidates(stationId: $stationId) {
  part { id partNo name nameEn unit } onHand available listed reason explanation monthsOfCover listableQuantity unitCost excessValue hqCap warehouse { id code name }
} }`;
const SWAP = `id quantity unitPrice amount status reason requestedAt requestedBy part { id partNo name nameEn unit } fromStation { id code name } toStation { id code name } toWarehouse { id code name }`;
export const SWAPS = `query Swaps($stationId: ID, $direction: SwapDirection!) { surplusSwaps(stationId: $stationId, direction: $direction) { ${SWAP} } }`;
export const INBOUND_STATS = `query InboundStats($stationId: ID, $fromMonth: String, $toMonth: String) { inboundStatistics(stationId: $stationId, fromMonth: $fromMonth, toMonth: $toMonth) {
  month category received accepted damaged value receipts supplier { id name }
} }`;
export const SURPLUS_LISTINGS = `query SurplusListings($query: String) { surplusListings(query: $query, excludeOwnStation: true) { ${LISTING} } }`;
export const OWN_LISTINGS = `query OwnListings($stationId: ID) { stationSurplusListings(stationId: $stationId) { ${LISTING} } }`;
export const LIST_SURPLUS = `mutation ListSurplus($partId: ID!, $warehouseId: ID!, $quantity: Float!, $unitPrice: Decimal!) { listSurplus(partId: $partId, warehouseId: $warehouseId, quantity: $quantity, unitPrice: $unitPrice) { ${LISTING} } }`;
export const WITHDRAW_SURPLUS = `mutation WithdrawSurplus($id: ID!) { withdrawSurplus(id: $id) { id } }`;
export const REQUEST_SWAP = `mutation RequestSwap($listingId: ID!, $quantity: Float!, $toWarehouseId: ID!) { requestSwap(listingId: $listingId, quantity: $quantity, toWarehouseId: $toWarehouseId) { id } }`;
export const ACCEPT_SWAP = `mutation AcceptSwap($id: ID!) { acceptSwap(id: $id) { id } }`;
export const REJECT_SWAP = `mutation RejectSwap($id: ID!, $reason: String!) { rejectSwap(id: $id, reason: $reason) { id } }`;
