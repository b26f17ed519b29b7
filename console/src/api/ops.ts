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
export const PART_STOCK = `query PartStock($id: ID!, $stationId: ID) { part(id: $id) { ${PART} stock(stationId: $stationId) { ${LEVELS} } } }`;

const SHORTAGE = `id kind quantity openedAt resolvedAt part { id partNo name nameEn } station { id code name } repairOrder { id number }`;
// $afterSeq: the client (api/client.ts) resumes after the last seq seen when it reconnects, e.g. after 4401 (token expired).
export const SHORTAGE_ALERTS = `subscription ShortageAlerts($stationId: ID, $afterSeq: Int) { shortageAlerts(stationId: $stationId, afterSeq: $afterSeq) { id seq available reorderPoint shortage { ${SHORTAGE} } } }`;

export const CONSUMPTION = `query Consumption($stationId: ID!, $partId: ID!) { consumptionHistory(stationId: $stationId, partId: $partId, months: 24) { month quantity } }`;

export const INBOUND_STATS = `query InboundStats($stationId: ID, $fromMonth: String, $toMonth: String) { inboundStatistics(stationId: $stationId, fromMonth: $fromMonth, toMonth: $toMonth) {
  month category received accepted damaged value receipts supplier { id name }
} }`;
