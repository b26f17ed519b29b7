/** The operations of the counter's and the stock room's day (names from API.md; paged lists through their `<list>Page`). */

const PART_MINI = `id partNo name nameEn unit unitPrecision`;
const BIN = `id code quarantine warehouse { id code name }`;

const LINE = `id lineNo requested issued returned shortfall unitPrice tierPrice amount part { ${PART_MINI} prices { retail hqCap } } bin { ${BIN} }
  returns { id number quantity reason returnedAt returnedBy returnedByUser { id username displayName } bin { ${BIN} } }`;
const RO = `id number status vin plate openedAt openedBy openedByUser { id username displayName } completedAt settledAt vehicleModel { id name nameEn } station { id code name } partsCost
  requisitions { id number requestedAt issuedAt requestedBy requestedByUser { id username displayName } lines { ${LINE} } }
  returns { id number quantity reason returnedAt returnedBy returnedByUser { id username displayName } lineId part { ${PART_MINI} } bin { ${BIN} } }`;

export const REPAIR_ORDERS_PAGE = `query RepairOrdersPage($stationId: ID, $statuses: [RepairOrderStatus!], $query: String, $from: DateTime, $to: DateTime, $first: Int, $after: String, $sort: PageSort) {
  repairOrdersPage(stationId: $stationId, statuses: $statuses, query: $query, from: $from, to: $to, sort: $sort, first: $first, after: $after) {
    items { id number status plate vin openedAt vehicleModel { id name nameEn } } pageInfo { endCursor hasNextPage } totalCount } }`;
export const REPAIR_ORDER_FULL = `query RepairOrderFull($id: ID!) { repairOrder(id: $id) { ${RO} } }`;
export const OPEN_RO = `mutation OpenRO($input: RepairOrderInput!) { openRepairOrder(input: $input) { id number status } }`;
export const ISSUE_PARTS = `mutation IssueParts($repairOrderId: ID!, $lines: [RequisitionLineInput!]!, $idempotencyKey: String!) {
  requisitionParts(repairOrderId: $repairOrderId, lines: $lines, allowPartial: true, idempotencyKey: $idempotencyKey) { id number lines { ${LINE} } } }`;
export const RETURN_WITH_REASON = `mutation ReturnWithReason($requisitionLineId: ID!, $quantity: Float!, $binId: ID, $reason: String, $idempotencyKey: String) {
  returnParts(requisitionLineId: $requisitionLineId, quantity: $quantity, binId: $binId, reason: $reason, idempotencyKey: $idempotencyKey) { ${LINE} } }`;
export const ADJUST_PRICE = `mutation AdjustPrice($id: ID!, $unitPrice: Decimal!) { adjustLinePrice(requisitionLineId: $id, unitPrice: $unitPrice) { id unitPrice amount } }`;
export const COMPLETE_RO = `mutation CompleteRO($id: ID!) { completeRepairOrder(id: $id) { id status completedAt } }`;
export const SETTLE_RO = `mutation SettleRO($id: ID!) { settleRepairOrder(id: $id) { id status settledAt } }`;

export const SELL = `mutation Sell($input: CounterSaleInput!, $idempotencyKey: String!) { sellOverCounter(input: $input, idempotencyKey: $idempotencyKey, allowPartial: true) {
  id number customerType customerName soldAt soldBy soldByUser { id username displayName } total station { id code name }
  lines { id requested issued shortfall priceTier tierPrice unitPrice amount part { ${PART_MINI} } bin { ${BIN} } } } }`;
export const LOST_SALE = `mutation LostSale($input: LostSaleInput!) { recordLostSale(input: $input) { id quantity reason part { partNo } } }`;

/* The counter's records (柜台销售记录, 缺货流失记录): page by page with the filters, as the Excel downloads counter-sales and lost-sales. */
export const COUNTER_SALES_PAGE = `query CounterSalesPage($stationId: ID, $from: DateTime, $to: DateTime, $partId: ID, $customerType: CustomerType, $query: String, $first: Int, $after: String, $sort: PageSort) {
  counterSalesPage(stationId: $stationId, from: $from, to: $to, partId: $partId, customerType: $customerType, query: $query, sort: $sort, first: $first, after: $after) {
    items { id number soldAt soldBy soldByUser { id username displayName } customerType customerName total quantity lines { id issued returned shortfall part { ${PART_MINI} } } }
    pageInfo { endCursor hasNextPage } totalCount } }`;
export const LOST_SALES_PAGE = `query LostSalesPage($stationId: ID, $from: DateTime, $to: DateTime, $reason: LostSaleReason, $emergencyPurchase: Boolean, $query: String, $first: Int, $after: String, $sort: PageSort) {
  lostSalesPage(stationId: $stationId, from: $from, to: $to, reason: $reason, emergencyPurchase: $emergencyPurchase, query: $query, sort: $sort, first: $first, after: $after) {
    items { id quantity reason emergencyPurchase note recordedAt recordedBy recordedByUser { id username displayName } part { ${PART_MINI} } }
    pageInfo { endCursor hasNextPage } totalCount } }`;
/**
 * One counter sale with its station and lines (sold, returned, bin, the returns with their 退料单 numbers and reasons), and a line's
 * return into a bin (its own one when binId is null) with a reason.
 */
const SALE_LINE = `id issued returned shortfall unitPrice amount part { ${PART_MINI} } bin { ${BIN} }
  returns { id number quantity reason returnedAt returnedBy returnedByUser { id username displayName } bin { ${BIN} } }`;
export const COUNTER_SALE = `query CounterSale($id: ID!) { counterSale(id: $id) { id number soldAt customerType customerName total station { id code name } lines { ${SALE_LINE} } } }`;
export const RETURN_SALE_LINE = `mutation ReturnSaleLine($lineId: ID!, $quantity: Float!, $binId: ID, $reason: String, $idempotencyKey: String!) {
  returnCounterSaleLine(lineId: $lineId, quantity: $quantity, binId: $binId, reason: $reason, idempotencyKey: $idempotencyKey) { ${SALE_LINE} } }`;
/** A part by its number, for a list's part filter (the exact number among the first hits). */
export const PART_BY_NUMBER = `query PartByNumber($partNo: String!) { partByNumber(partNo: $partNo) { ${PART_MINI} } }`;

const MOVE = `id type quantity balance reference occurredAt actor actorUser { id username displayName } part { ${PART_MINI} } bin { ${BIN} }`;
export const LEDGER_PAGE = `query LedgerPage($partId: ID, $warehouseId: ID, $stationId: ID, $type: MovementType, $from: DateTime, $to: DateTime, $first: Int, $after: String, $sort: PageSort) {
  stockMovementsPage(partId: $partId, warehouseId: $warehouseId, stationId: $stationId, type: $type, from: $from, to: $to, sort: $sort, first: $first, after: $after) {
    items { ${MOVE} } pageInfo { endCursor hasNextPage } totalCount } }`;
export const PART_LEVELS = `query PartLevels($id: ID!, $stationId: ID) { part(id: $id) { ${PART_MINI} stock(stationId: $stationId) { onHand available inTransit levels { onHand reserved available bin { ${BIN} } } } } }`;
export const MOVE_BIN = `mutation MoveBin($partId: ID!, $from: ID!, $to: ID!, $quantity: Float!) { moveStock(partId: $partId, fromBinId: $from, toBinId: $to, quantity: $quantity) { onHand available bin { ${BIN} } } }`;

const TRANSFER = `id number status createdAt createdBy createdByUser { id username displayName } shippedAt receivedAt receivedBy receivedByUser { id username displayName } swapId fromWarehouse { id code name station { id code name } } toWarehouse { id code name station { id code name } }
  shippedBy shippedByUser { id username displayName } lines { id lineNo quantity received difference missing writtenOff part { ${PART_MINI} } fromBins { quantity bin { id code } } toBins { quantity bin { id code } } }`;
export const TRANSFERS_PAGE = `query TransfersPage($stationId: ID, $status: TransferStatus, $direction: TransferDirection, $from: DateTime, $to: DateTime, $missing: Boolean, $partId: ID, $first: Int, $after: String, $sort: PageSort) {
  transfersPage(stationId: $stationId, status: $status, direction: $direction, from: $from, to: $to, missing: $missing, partId: $partId, sort: $sort, first: $first, after: $after) { items { ${TRANSFER} } pageInfo { endCursor hasNextPage } totalCount } }`;
export const NEW_TRANSFER = `mutation NewTransfer($from: ID!, $to: ID!, $lines: [TransferLineInput!]!) { createTransfer(fromWarehouseId: $from, toWarehouseId: $to, lines: $lines) { ${TRANSFER} } }`;
export const SHIP = `mutation Ship($id: ID!) { shipTransfer(id: $id) { ${TRANSFER} } }`;
export const RECEIVE = `mutation Receive($id: ID!, $lines: [TransferReceiptLineInput!]!) { receiveTransfer(id: $id, lines: $lines) { ${TRANSFER} } }`;
export const CANCEL_TRANSFER = `mutation CancelTransfer($id: ID!) { cancelTransfer(id: $id) { ${TRANSFER} } }`;
export const TRANSFER_WRITE_OFF = `mutation TransferWriteOff($lineId: ID!, $quantity: Float!, $reason: String!) { requestTransferWriteOff(transferLineId: $lineId, quantity: $quantity, reason: $reason) { id number status } }`;

const STOCKTAKE_FIELDS = `id number status startedAt startedBy startedByUser { id username displayName } approvedAt approvedBy approvedByUser { id username displayName } rejectReason lineCount countedCount warehouse { id code name }
  lines { expected counted bookAtCount variance posted part { ${PART_MINI} barcode } bin { id code } }`;
export const STOCKTAKES_PAGE = `query StocktakesPage($stationId: ID, $status: StocktakeStatus, $warehouseId: ID, $first: Int, $after: String, $sort: PageSort) {
  stocktakesPage(stationId: $stationId, status: $status, warehouseId: $warehouseId, sort: $sort, first: $first, after: $after) { items { id number status startedAt startedBy startedByUser { id username displayName } lineCount countedCount rejectReason warehouse { id code name } } pageInfo { endCursor hasNextPage } totalCount } }`;
export const STOCKTAKE = `query Stocktake($id: ID!) { stocktake(id: $id) { ${STOCKTAKE_FIELDS} } }`;
export const BEGIN_STOCKTAKE = `mutation BeginStocktake($warehouseId: ID!) { startStocktake(warehouseId: $warehouseId) { ${STOCKTAKE_FIELDS} } }`;
export const COUNT = `mutation Count($id: ID!, $partId: ID!, $binId: ID!, $counted: Float!) { recordCount(stocktakeId: $id, partId: $partId, binId: $binId, counted: $counted) { ${STOCKTAKE_FIELDS} } }`;
export const APPROVE_COUNT = `mutation ApproveCount($id: ID!) { approveStocktake(id: $id) { id status } }`;
export const REJECT_COUNT = `mutation RejectCount($id: ID!, $reason: String!) { rejectStocktake(id: $id, reason: $reason) { id status rejectReason } }`;

const WRITE_OFF = `id number status quantity reason requestedBy requestedByUser { id username displayName } requestedAt decidedBy decidedByUser { id username displayName } decidedAt decisionNote part { ${PART_MINI} } bin { ${BIN} } warehouse { id code name } transfer { id number }`;
export const WRITE_OFFS_PAGE = `query WriteOffsPage($stationId: ID, $status: WriteOffStatus, $pendingForMe: Boolean, $from: DateTime, $to: DateTime, $partId: ID, $first: Int, $after: String, $sort: PageSort) {
  writeOffsPage(stationId: $stationId, status: $status, pendingForMe: $pendingForMe, from: $from, to: $to, partId: $partId, sort: $sort, first: $first, after: $after) { items { ${WRITE_OFF} } pageInfo { endCursor hasNextPage } totalCount } }`;
export const ASK_WRITE_OFF = `mutation AskWriteOff($partId: ID!, $binId: ID!, $quantity: Float!, $reason: String!) { requestWriteOff(partId: $partId, binId: $binId, quantity: $quantity, reason: $reason) { ${WRITE_OFF} } }`;
export const OK_WRITE_OFF = `mutation OkWriteOff($id: ID!) { approveWriteOff(id: $id) { id status } }`;
export const NO_WRITE_OFF = `mutation NoWriteOff($id: ID!, $reason: String!) { rejectWriteOff(id: $id, reason: $reason) { id status } }`;
