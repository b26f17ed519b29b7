/**
 * Excel downloads of the paged lists: `GET /export/<list>.xlsx?<filters>`
 * (or POST with `{ "variables": { … } }`) with the caller's bearer token.
 *
 * The rows come from the list's `<list>Page` query run through this gateway
 * (the same token, the same station scoping and filters as the console),
 * page by page along `pageInfo.endCursor`, and are streamed into the workbook
 * as they arrive (exceljs' streaming writer): all matching rows up to
 * 100,000, Chinese headers, numbers as numbers, times as Excel dates in China
 * time. A refusal on the first page is answered as JSON with its status
 * before any byte of the file.
 *
 * Another list is one entry in EXPORTS: its query (variables `$first` and
 * `$after` plus the filters; the filters' types come from the query's
 * variable definitions) and its columns.
 */
import type express from 'express';
import ExcelJS from 'exceljs';
import { parse, type TypeNode, type VariableDefinitionNode, type OperationDefinitionNode } from 'graphql';
import type { ApolloServer } from '@apollo/server';
import type { Logger } from '../../subgraphs/shared/src';
import { readableSummary } from '../../console/src/audit-summary';

export const EXPORT_MAX_ROWS = 100_000;
const PAGE = 200;
/** China has one time zone without daylight saving: times in the sheet are station time. */
const STATION_UTC_OFFSET_MS = 8 * 3600_000;

type Kind = 'text' | 'number' | 'money' | 'datetime' | 'date';

export interface ExportColumn {
  header: string;
  /** A dotted path into the item (`part.partNo`, `lines.0.quantity`) or a function of it. */
  value: string | ((item: any) => unknown);
  kind?: Kind;
  width?: number;
  /** Translates a code (status, type) into the sheet's words. */
  labels?: Record<string, string>;
}

export interface ExportList {
  /** Sheet name. */
  title: string;
  /** A query with `$first: Int` and `$after: String` whose one root field is a `<list>Page`. */
  query: string;
  columns: ExportColumn[];
  /** One sheet row per item (default), or several: e.g. one per transfer line. */
  rows?: (item: any) => any[];
}

const MOVEMENT_TYPES: Record<string, string> = {
  RECEIPT: '入库', ISSUE: '出库', RETURN: '退料', BIN_MOVE: '移库', TRANSFER_OUT: '调拨出库', TRANSFER_IN: '调拨入库',
  ADJUSTMENT: '调整', WRITE_OFF: '报损', QUARANTINE: '隔离', SUPPLIER_RETURN: '退供应商', DEPOT_SHIPMENT: '备品部发货',
};
const TRANSFER_STATUS: Record<string, string> = { DRAFT: '待发货', SHIPPED: '在途', RECEIVED: '已收货', CANCELLED: '已取消' };
const DOC_STATUS: Record<string, string> = { OPEN: '进行中', PENDING: '待审批', APPROVED: '已批准', REJECTED: '已驳回', CANCELLED: '已取消' };
const RO_STATUS: Record<string, string> = { OPEN: '已开单', IN_PROGRESS: '维修中', COMPLETED: '已完工', SETTLED: '已结算', CANCELLED: '已取消' };
const CUSTOMER_TYPE: Record<string, string> = { WALK_IN: '散客', MEMBER: '会员', WHOLESALE: '批发', INSURANCE: '保险' };
const LOST_SALE_REASON: Record<string, string> = { NOT_STOCKED: '本站不经营', OUT_OF_STOCK: '缺货', PRICE: '嫌价格高', OTHER: '其他' };
const PO_STATUS: Record<string, string> = { DRAFT: '草稿', SUBMITTED: '已提交', SHIPPED: '已发货', PARTIALLY_RECEIVED: '部分入库', RECEIVED: '已入库', CLOSED: '已关闭', CANCELLED: '已取消' };
const PO_KIND: Record<string, string> = { STANDARD: '普通', REPLACEMENT: '补发' };
const CLAIM_STATUS: Record<string, string> = { OPEN: '待提交', SUBMITTED: '已提交供应商', ACCEPTED: '供应商认可', REJECTED: '供应商拒绝', SETTLED: '已结清' };
const SHORTAGE_KIND: Record<string, string> = { BELOW_REORDER_POINT: '低于订货点', OUT_OF_STOCK: '无库存', REQUISITION_SHORTFALL: '领料缺件' };
const SWAP_STATUS: Record<string, string> = { PENDING: '待处理', ACCEPTED: '已同意', REJECTED: '已拒绝' };
const LISTING_STATUS: Record<string, string> = { OPEN: '挂牌中', EXHAUSTED: '已全部申请', WITHDRAWN: '已撤回', SOLD_OUT: '已调完', CLOSED: '已关闭' };
const SURPLUS_REASON: Record<string, string> = { NO_ISSUE: '长期未出库（呆滞）', EXCESS_COVER: '库存覆盖月数过高（积压）' };
const DEMAND_CLASS: Record<string, string> = { SMOOTH: '平稳', ERRATIC: '波动', INTERMITTENT: '间歇', LUMPY: '块状', NEW: '新件' };
const ROLE_NAMES: Record<string, string> = { PARTS_CLERK: '仓管员', PURCHASER: '采购员', STATION_MANAGER: '站长', HQ_ADMIN: '总部管理员' };
const AUDIT_OUTCOME: Record<string, string> = { OK: '成功', REFUSED: '被拒绝' };
const SERVICES: Record<string, string> = { catalog: '配件目录', stock: '库存', procurement: '采购', workshop: '维修车间', identity: '用户与登录', gateway: '网关' };
/** The ledger's own markers in words, as the console shows them; document numbers stay as they are. */
const REFERENCES: Record<string, string> = { OPENING: '期初库存', HIST: '历史数据导入' };
const movementReference = (ref: string | null | undefined): string | null => {
  if (!ref) return null;
  const move = /^MOVE([→←])(.+)$/.exec(ref);
  return REFERENCES[ref] ?? (move ? (move[1] === '→' ? `移至 ${move[2]}` : `自 ${move[2]} 移入`) : ref);
};
/** Actors the platform writes for rows no person made; a person is shown by name (actorUser), never by account id. */
const SYSTEM_ACTORS: Record<string, string> = { migration: '系统（数据导入）' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A column naming the person at `<field>User` (as the console does), else the system actor in words; never an account id. */
const person = (field: string) => (item: any): string | null => {
  const u = item[`${field}User`] as { username: string; displayName: string | null } | null | undefined;
  const id = item[field] as string | null | undefined;
  return u?.displayName || u?.username || (id ? SYSTEM_ACTORS[id] ?? (UUID.test(id) ? null : id) : null);
};
/** The audit log's subject: the person by name; else a script's or provider's name; never a bare account id. */
const auditSubject = (e: any): string | null => person('userId')({ userIdUser: e.user, userId: e.userId });
/** A column showing an object's code and name (station, warehouse, supplier) at `path`, blank when absent. */
const codeName = (path: string) => (item: any): string => {
  const x = get(item, path) as { code?: string | null; name?: string | null } | undefined;
  return `${x?.code ?? ''} ${x?.name ?? ''}`.trim();
};
const round2 = (n: unknown) => (typeof n === 'number' ? Math.round(n * 100) / 100 : n);
/** The offer a recommendation was planned with (its supplierId), else the part's preferred one. */
const offerOf = (r: any) => (r.part?.offers ?? []).find((o: any) => o.supplier.id === r.supplierId) ?? (r.part?.offers ?? []).find((o: any) => o.preferred);

/** The lists that download; the key is the file name (`/export/<key>.xlsx`). */
export const EXPORTS: Record<string, ExportList> = {
  'stock-movements': {
    title: '库存流水',
    query: `query Export($first: Int, $after: String, $partId: ID, $warehouseId: ID, $stationId: ID, $type: MovementType, $types: [MovementType!], $from: DateTime, $to: DateTime, $sort: PageSort) {
      page: stockMovementsPage(first: $first, after: $after, partId: $partId, warehouseId: $warehouseId, stationId: $stationId, type: $type, types: $types, from: $from, to: $to, sort: $sort) {
        items { occurredAt type quantity balance reference actor actorUser { username displayName } part { partNo name unit } bin { code warehouse { code name } } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '时间', value: 'occurredAt', kind: 'datetime', width: 18 },
      { header: '类型', value: 'type', labels: MOVEMENT_TYPES, width: 10 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '仓库', value: codeName('bin.warehouse'), width: 16 },
      { header: '货位', value: 'bin.code', width: 10 },
      { header: '数量', value: 'quantity', kind: 'number', width: 10 },
      { header: '结存', value: 'balance', kind: 'number', width: 10 },
      { header: '单据/说明', value: (m: any) => movementReference(m.reference), width: 24 },
      { header: '操作人', value: person('actor'), width: 14 },
    ],
  },
  transfers: {
    title: '调拨单',
    query: `query Export($first: Int, $after: String, $stationId: ID, $status: TransferStatus, $direction: TransferDirection, $partId: ID, $from: DateTime, $to: DateTime, $missing: Boolean, $sort: PageSort) {
      page: transfersPage(first: $first, after: $after, stationId: $stationId, status: $status, direction: $direction, partId: $partId, from: $from, to: $to, missing: $missing, sort: $sort) {
        items { number status createdAt shippedAt receivedAt fromWarehouse { code name } toWarehouse { code name }
          lines { lineNo quantity received missing writtenOff part { partNo name unit } } }
        pageInfo { endCursor hasNextPage } } }`,
    rows: (t) => (t.lines?.length ? t.lines.map((l: any) => ({ ...t, line: l })) : [{ ...t, line: {} }]),
    columns: [
      { header: '调拨单号', value: 'number', width: 18 },
      { header: '状态', value: 'status', labels: TRANSFER_STATUS, width: 8 },
      { header: '创建时间', value: 'createdAt', kind: 'datetime', width: 18 },
      { header: '发货时间', value: 'shippedAt', kind: 'datetime', width: 18 },
      { header: '收货时间', value: 'receivedAt', kind: 'datetime', width: 18 },
      { header: '调出仓库', value: codeName('fromWarehouse'), width: 16 },
      { header: '调入仓库', value: codeName('toWarehouse'), width: 16 },
      { header: '行号', value: 'line.lineNo', kind: 'number', width: 6 },
      { header: '配件编号', value: 'line.part.partNo', width: 16 },
      { header: '配件名称', value: 'line.part.name', width: 24 },
      { header: '单位', value: 'line.part.unit', width: 6 },
      { header: '调拨数量', value: 'line.quantity', kind: 'number', width: 10 },
      { header: '实收数量', value: 'line.received', kind: 'number', width: 10 },
      { header: '短少', value: 'line.missing', kind: 'number', width: 8 },
      { header: '已报损', value: 'line.writtenOff', kind: 'number', width: 8 },
    ],
  },
  stocktakes: {
    title: '盘点单',
    query: `query Export($first: Int, $after: String, $stationId: ID, $warehouseId: ID, $status: StocktakeStatus, $from: DateTime, $to: DateTime, $sort: PageSort) {
      page: stocktakesPage(first: $first, after: $after, stationId: $stationId, warehouseId: $warehouseId, status: $status, from: $from, to: $to, sort: $sort) {
        items { number status startedAt startedBy startedByUser { username displayName } approvedAt approvedBy approvedByUser { username displayName } rejectReason lineCount countedCount warehouse { code name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '盘点单号', value: 'number', width: 18 },
      { header: '仓库', value: codeName('warehouse'), width: 16 },
      { header: '状态', value: 'status', labels: DOC_STATUS, width: 8 },
      { header: '开始时间', value: 'startedAt', kind: 'datetime', width: 18 },
      { header: '盘点人', value: person('startedBy'), width: 14 },
      { header: '行数', value: 'lineCount', kind: 'number', width: 8 },
      { header: '已盘', value: 'countedCount', kind: 'number', width: 8 },
      { header: '审批时间', value: 'approvedAt', kind: 'datetime', width: 18 },
      { header: '审批人', value: person('approvedBy'), width: 14 },
      { header: '驳回原因', value: 'rejectReason', width: 24 },
    ],
  },
  'write-offs': {
    title: '报损单',
    query: `query Export($first: Int, $after: String, $stationId: ID, $status: WriteOffStatus, $partId: ID, $from: DateTime, $to: DateTime, $pendingForMe: Boolean, $sort: PageSort) {
      page: writeOffsPage(first: $first, after: $after, stationId: $stationId, status: $status, partId: $partId, from: $from, to: $to, pendingForMe: $pendingForMe, sort: $sort) {
        items { number status quantity reason requestedBy requestedByUser { username displayName } requestedAt decidedBy decidedByUser { username displayName } decidedAt decisionNote part { partNo name unit } bin { code } warehouse { code name } transfer { number } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '报损单号', value: 'number', width: 18 },
      { header: '状态', value: 'status', labels: DOC_STATUS, width: 8 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '数量', value: 'quantity', kind: 'number', width: 8 },
      { header: '仓库', value: codeName('warehouse'), width: 16 },
      { header: '货位', value: 'bin.code', width: 10 },
      { header: '调拨单', value: 'transfer.number', width: 18 },
      { header: '原因', value: 'reason', width: 24 },
      { header: '申请人', value: person('requestedBy'), width: 14 },
      { header: '申请时间', value: 'requestedAt', kind: 'datetime', width: 18 },
      { header: '审批人', value: person('decidedBy'), width: 14 },
      { header: '审批时间', value: 'decidedAt', kind: 'datetime', width: 18 },
      { header: '审批意见', value: 'decisionNote', width: 24 },
    ],
  },
  'repair-orders': {
    title: '委托书',
    query: `query Export($first: Int, $after: String, $stationId: ID, $status: RepairOrderStatus, $statuses: [RepairOrderStatus!], $from: DateTime, $to: DateTime, $query: String, $sort: PageSort) {
      page: repairOrdersPage(first: $first, after: $after, stationId: $stationId, status: $status, statuses: $statuses, from: $from, to: $to, query: $query, sort: $sort) {
        items { number status plate vin openedAt openedBy openedByUser { username displayName } completedAt settledAt partsCost vehicleModel { name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '委托书号', value: 'number', width: 18 },
      { header: '状态', value: 'status', labels: RO_STATUS, width: 8 },
      { header: '车牌', value: 'plate', width: 12 },
      { header: 'VIN', value: 'vin', width: 20 },
      { header: '车型', value: 'vehicleModel.name', width: 16 },
      { header: '开单时间', value: 'openedAt', kind: 'datetime', width: 18 },
      { header: '开单人', value: person('openedBy'), width: 14 },
      { header: '完工时间', value: 'completedAt', kind: 'datetime', width: 18 },
      { header: '结算时间', value: 'settledAt', kind: 'datetime', width: 18 },
      { header: '材料费', value: 'partsCost', kind: 'money', width: 12 },
    ],
  },
  // 柜台销售记录: one row per sold line, with the sale's number, customer, total and quantity on each.
  'counter-sales': {
    title: '柜台销售记录',
    query: `query Export($first: Int, $after: String, $stationId: ID, $from: DateTime, $to: DateTime, $partId: ID, $customerType: CustomerType, $customerTypes: [CustomerType!], $query: String, $sort: PageSort) {
      page: counterSalesPage(first: $first, after: $after, stationId: $stationId, from: $from, to: $to, partId: $partId, customerType: $customerType, customerTypes: $customerTypes, query: $query, sort: $sort) {
        items { number soldAt soldBy soldByUser { username displayName } customerType customerName total quantity station { code name }
          lines { requested issued returned shortfall unitPrice amount part { partNo name unit } } }
        pageInfo { endCursor hasNextPage } } }`,
    rows: (s) => (s.lines?.length ? s.lines.map((line: any) => ({ ...s, line })) : [{ ...s, line: {} }]),
    columns: [
      { header: '销售单号', value: 'number', width: 18 },
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '销售时间', value: 'soldAt', kind: 'datetime', width: 18 },
      { header: '客户类型', value: 'customerType', labels: CUSTOMER_TYPE, width: 8 },
      { header: '客户', value: 'customerName', width: 16 },
      { header: '配件编号', value: 'line.part.partNo', width: 16 },
      { header: '配件名称', value: 'line.part.name', width: 24 },
      { header: '单位', value: 'line.part.unit', width: 6 },
      { header: '需求数量', value: 'line.requested', kind: 'number', width: 10 },
      { header: '实发数量', value: 'line.issued', kind: 'number', width: 10 },
      { header: '退回数量', value: 'line.returned', kind: 'number', width: 10 },
      { header: '缺件数量', value: 'line.shortfall', kind: 'number', width: 10 },
      { header: '单价', value: 'line.unitPrice', kind: 'money', width: 10 },
      { header: '行金额', value: 'line.amount', kind: 'money', width: 12 },
      { header: '销售单金额', value: 'total', kind: 'money', width: 12 },
      // the sale's own quantity (issued − returned over its lines), 销售记录's 总数量, on each of its rows like its total
      { header: '销售单总数量', value: 'quantity', kind: 'number', width: 12 },
      { header: '销售人', value: person('soldBy'), width: 14 },
    ],
  },
  // 缺货流失记录: demand the counter could not serve, lost or bought in an emergency.
  'lost-sales': {
    title: '缺货流失记录',
    query: `query Export($first: Int, $after: String, $stationId: ID, $from: DateTime, $to: DateTime, $partId: ID, $reason: LostSaleReason, $reasons: [LostSaleReason!], $emergencyPurchase: Boolean, $query: String, $sort: PageSort) {
      page: lostSalesPage(first: $first, after: $after, stationId: $stationId, from: $from, to: $to, partId: $partId, reason: $reason, reasons: $reasons, emergencyPurchase: $emergencyPurchase, query: $query, sort: $sort) {
        items { recordedAt recordedBy recordedByUser { username displayName } quantity reason emergencyPurchase note station { code name } part { partNo name unit } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '登记时间', value: 'recordedAt', kind: 'datetime', width: 18 },
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '数量', value: 'quantity', kind: 'number', width: 8 },
      { header: '原因', value: 'reason', labels: LOST_SALE_REASON, width: 12 },
      { header: '处理', value: (l) => (l.emergencyPurchase ? '紧急采购' : '客户流失'), width: 10 },
      { header: '备注', value: 'note', width: 24 },
      { header: '登记人', value: person('recordedBy'), width: 14 },
    ],
  },
  // The catalog as the importer reads it back (scripts/importers/parts.ts: the same Chinese headers, 助记码 included), filtered like the
  // search (`query` — empty for everything —, `vehicleModelId`, `category`, `vin`), in its ranking; searchParts pages reach 5,000 parts.
  parts: {
    title: '配件',
    query: `query Export($first: Int, $after: String, $query: String! = "", $vehicleModelId: ID, $category: String, $vin: String) {
      page: searchParts(first: $first, after: $after, query: $query, vehicleModelId: $vehicleModelId, category: $category, vin: $vin) {
        items: hits { part { partNo name nameEn mnemonic spec unit unitPrecision category brand barcode compatibleModels { code }
          prices { retail wholesale member insurance internal hqCap } packSize minOrderQty supersededBy { partNo } } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '名称', value: 'part.name', width: 18 },
      { header: '英文名称', value: 'part.nameEn', width: 20 },
      { header: '助记码', value: 'part.mnemonic', width: 12 },
      { header: '规格', value: 'part.spec', width: 14 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '单位精度', value: 'part.unitPrecision', kind: 'number', width: 8 },
      { header: '分类', value: 'part.category', width: 10 },
      { header: '品牌', value: 'part.brand', width: 10 },
      { header: '条码', value: 'part.barcode', width: 16 },
      { header: '适用车型', value: (i: any) => (i.part.compatibleModels as { code: string }[]).map((m) => m.code).join('|'), width: 24 },
      { header: '零售价', value: 'part.prices.retail', kind: 'money', width: 10 },
      { header: '批发价', value: 'part.prices.wholesale', kind: 'money', width: 10 },
      { header: '会员价', value: 'part.prices.member', kind: 'money', width: 10 },
      { header: '保险价', value: 'part.prices.insurance', kind: 'money', width: 10 },
      { header: '内部价', value: 'part.prices.internal', kind: 'money', width: 10 },
      { header: '限价', value: 'part.prices.hqCap', kind: 'money', width: 10 },
      { header: '包装数', value: 'part.packSize', kind: 'number', width: 8 },
      { header: '起订量', value: 'part.minOrderQty', kind: 'number', width: 8 },
      { header: '替代件号', value: 'part.supersededBy.partNo', width: 16 },
    ],
  },
  'surplus-listings': {
    title: '调剂大厅',
    query: `query Export($first: Int, $after: String, $partId: ID, $query: String, $excludeOwnStation: Boolean, $status: SurplusListingStatus, $stationId: ID, $warehouseId: ID, $sort: PageSort) {
      page: surplusListingsPage(first: $first, after: $after, partId: $partId, query: $query, excludeOwnStation: $excludeOwnStation, status: $status, stationId: $stationId, warehouseId: $warehouseId, sort: $sort) {
        items { status quantity remaining unitPrice listedAt note part { partNo name unit } station { code name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '挂牌数量', value: 'quantity', kind: 'number', width: 10 },
      { header: '可调数量', value: 'remaining', kind: 'number', width: 10 },
      { header: '单价', value: 'unitPrice', kind: 'money', width: 10 },
      { header: '状态', value: 'status', labels: LISTING_STATUS, width: 8 },
      { header: '挂牌时间', value: 'listedAt', kind: 'datetime', width: 18 },
      { header: '备注', value: 'note', width: 24 },
    ],
  },
  'surplus-swaps': {
    title: '调剂申请',
    query: `query Export($first: Int, $after: String, $stationId: ID, $direction: SwapDirection, $status: SwapRequestStatus, $partId: ID, $from: DateTime, $to: DateTime, $sort: PageSort) {
      page: surplusSwapsPage(first: $first, after: $after, stationId: $stationId, direction: $direction, status: $status, partId: $partId, from: $from, to: $to, sort: $sort) {
        items { status quantity unitPrice amount reason requestedAt decidedAt part { partNo name unit } fromStation { code name } toStation { code name } toWarehouse { code name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '申请时间', value: 'requestedAt', kind: 'datetime', width: 18 },
      { header: '调出服务站', value: codeName('fromStation'), width: 18 },
      { header: '调入服务站', value: codeName('toStation'), width: 18 },
      { header: '调入仓库', value: codeName('toWarehouse'), width: 14 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '数量', value: 'quantity', kind: 'number', width: 8 },
      { header: '单价', value: 'unitPrice', kind: 'money', width: 10 },
      { header: '金额', value: 'amount', kind: 'money', width: 12 },
      { header: '状态', value: 'status', labels: SWAP_STATUS, width: 8 },
      { header: '处理时间', value: 'decidedAt', kind: 'datetime', width: 18 },
      { header: '拒绝原因', value: 'reason', width: 24 },
    ],
  },
  'surplus-candidates': {
    title: '积压备件',
    query: `query Export($first: Int, $after: String, $stationId: ID, $reason: SurplusReason, $listableOnly: Boolean, $partId: ID, $sort: PageSort) {
      page: surplusCandidatesPage(first: $first, after: $after, stationId: $stationId, reason: $reason, listableOnly: $listableOnly, partId: $partId, sort: $sort) {
        items { reason onHand available listed monthlyDemand monthsOfCover ageMonths keepQuantity excessQuantity listableQuantity unitCost value excessValue hqCap lastIssueAt
          part { partNo name unit } station { code name } warehouse { code name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '原因', value: 'reason', labels: SURPLUS_REASON, width: 12 },
      { header: '在库', value: 'onHand', kind: 'number', width: 8 },
      { header: '可用', value: 'available', kind: 'number', width: 8 },
      { header: '月均消耗', value: 'monthlyDemand', kind: 'number', width: 10 },
      { header: '可用月数', value: 'monthsOfCover', kind: 'number', width: 10 },
      { header: '库龄（月）', value: 'ageMonths', kind: 'number', width: 10 },
      { header: '最近出库', value: 'lastIssueAt', kind: 'datetime', width: 18 },
      { header: '保留数量', value: 'keepQuantity', kind: 'number', width: 10 },
      { header: '积压数量', value: 'excessQuantity', kind: 'number', width: 10 },
      { header: '已挂出', value: 'listed', kind: 'number', width: 8 },
      { header: '可挂出', value: 'listableQuantity', kind: 'number', width: 8 },
      { header: '内部单价', value: 'unitCost', kind: 'money', width: 10 },
      { header: '库存金额', value: 'value', kind: 'money', width: 12 },
      { header: '积压金额', value: 'excessValue', kind: 'money', width: 12 },
      { header: '总部限价', value: 'hqCap', kind: 'money', width: 10 },
      { header: '仓库', value: codeName('warehouse'), width: 16 },
    ],
  },
  // HQ's order desk (备品部): one row per order line, with what was confirmed, back-ordered and shipped.
  'depot-orders': {
    title: '备件订单',
    query: `query Export($first: Int, $after: String, $status: PurchaseOrderStatus, $stationId: ID, $partId: ID, $open: Boolean, $backordered: Boolean, $from: DateTime, $to: DateTime, $sort: PageSort) {
      page: depotOrdersPage(first: $first, after: $after, status: $status, stationId: $stationId, partId: $partId, open: $open, backordered: $backordered, from: $from, to: $to, sort: $sort) {
        items { number status submittedAt createdAt deliveryNoteNumber amount station { code name }
          lines { quantity unitPrice confirmed backordered eta shipped received part { partNo name unit } } }
        pageInfo { endCursor hasNextPage } } }`,
    rows: (o) => (o.lines?.length ? o.lines.map((line: any) => ({ ...o, line })) : [{ ...o, line: {} }]),
    columns: [
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '订单号', value: 'number', width: 20 },
      { header: '状态', value: 'status', labels: PO_STATUS, width: 10 },
      { header: '提交时间', value: (o) => o.submittedAt ?? o.createdAt, kind: 'datetime', width: 18 },
      { header: '配件编号', value: 'line.part.partNo', width: 16 },
      { header: '配件名称', value: 'line.part.name', width: 24 },
      { header: '单位', value: 'line.part.unit', width: 6 },
      { header: '订购数量', value: 'line.quantity', kind: 'number', width: 10 },
      { header: '单价', value: 'line.unitPrice', kind: 'money', width: 10 },
      { header: '已确认', value: 'line.confirmed', kind: 'number', width: 8 },
      { header: '欠货', value: 'line.backordered', kind: 'number', width: 8 },
      { header: '预计到货', value: 'line.eta', kind: 'datetime', width: 18 },
      { header: '已发货', value: 'line.shipped', kind: 'number', width: 8 },
      { header: '已入库', value: 'line.received', kind: 'number', width: 8 },
      { header: '发货单号', value: 'deliveryNoteNumber', width: 18 },
      { header: '订单金额', value: 'amount', kind: 'money', width: 12 },
    ],
  },
  'purchase-orders': {
    title: '采购订单',
    query: `query Export($first: Int, $after: String, $stationId: ID, $status: PurchaseOrderStatus, $supplierId: ID, $kind: PurchaseOrderKind, $partId: ID, $toDepot: Boolean, $from: DateTime, $to: DateTime, $sort: PageSort) {
      page: purchaseOrdersPage(first: $first, after: $after, stationId: $stationId, status: $status, supplierId: $supplierId, kind: $kind, partId: $partId, toDepot: $toDepot, from: $from, to: $to, sort: $sort) {
        items { number kind status createdAt submittedAt expectedAt receivedAt cancelReason amount note supplier { code name } station { code name } lines { id } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '采购订单号', value: 'number', width: 20 },
      { header: '类型', value: 'kind', labels: PO_KIND, width: 6 },
      { header: '状态', value: 'status', labels: PO_STATUS, width: 10 },
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '供应商', value: codeName('supplier'), width: 22 },
      { header: '行数', value: (o) => o.lines?.length ?? 0, kind: 'number', width: 6 },
      { header: '金额', value: 'amount', kind: 'money', width: 12 },
      { header: '创建时间', value: 'createdAt', kind: 'datetime', width: 18 },
      { header: '提交时间', value: 'submittedAt', kind: 'datetime', width: 18 },
      { header: '预计到货', value: 'expectedAt', kind: 'datetime', width: 18 },
      { header: '入库时间', value: 'receivedAt', kind: 'datetime', width: 18 },
      { header: '取消原因', value: 'cancelReason', width: 24 },
      { header: '备注', value: 'note', width: 24 },
    ],
  },
  'damage-claims': {
    title: '货损单',
    query: `query Export($first: Int, $after: String, $stationId: ID, $status: DamageClaimStatus, $supplierId: ID, $partId: ID, $from: DateTime, $to: DateTime, $returned: Boolean, $sort: PageSort) {
      page: damageClaimsPage(first: $first, after: $after, stationId: $stationId, status: $status, supplierId: $supplierId, partId: $partId, from: $from, to: $to, returned: $returned, sort: $sort) {
        items { number status amount createdAt returnedAt resolutionNote supplier { code name } purchaseOrder { number } replacementOrder { number status }
          lines { quantity unitPrice amount reason part { partNo name unit } } }
        pageInfo { endCursor hasNextPage } } }`,
    // One row per claimed line: a claim of three parts is three rows with the claim's number.
    rows: (c) => (c.lines?.length ? c.lines.map((line: any) => ({ ...c, line })) : [{ ...c, line: null }]),
    columns: [
      { header: '货损单号', value: 'number', width: 18 },
      { header: '状态', value: 'status', labels: CLAIM_STATUS, width: 12 },
      { header: '供应商', value: codeName('supplier'), width: 22 },
      { header: '采购订单号', value: 'purchaseOrder.number', width: 20 },
      { header: '配件编号', value: 'line.part.partNo', width: 16 },
      { header: '配件名称', value: 'line.part.name', width: 24 },
      { header: '单位', value: 'line.part.unit', width: 6 },
      { header: '数量', value: 'line.quantity', kind: 'number', width: 8 },
      { header: '单价', value: 'line.unitPrice', kind: 'money', width: 10 },
      { header: '行金额', value: 'line.amount', kind: 'money', width: 12 },
      { header: '货损原因', value: 'line.reason', width: 20 },
      { header: '索赔金额', value: 'amount', kind: 'money', width: 12 },
      { header: '创建时间', value: 'createdAt', kind: 'datetime', width: 18 },
      { header: '退货时间', value: 'returnedAt', kind: 'datetime', width: 18 },
      { header: '补发订单', value: 'replacementOrder.number', width: 20 },
      { header: '处理说明', value: 'resolutionNote', width: 24 },
    ],
  },
  shortages: {
    title: '缺件提醒',
    query: `query Export($first: Int, $after: String, $stationId: ID, $open: Boolean, $kind: ShortageKind, $partId: ID, $from: DateTime, $to: DateTime, $acknowledged: Boolean, $sort: PageSort) {
      page: shortagesPage(first: $first, after: $after, stationId: $stationId, open: $open, kind: $kind, partId: $partId, from: $from, to: $to, acknowledged: $acknowledged, sort: $sort) {
        items { kind quantity openedAt resolvedAt reference acknowledgedByMe part { partNo name unit } station { code name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '类型', value: 'kind', labels: SHORTAGE_KIND, width: 10 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '缺件数量', value: 'quantity', kind: 'number', width: 10 },
      { header: '发生时间', value: 'openedAt', kind: 'datetime', width: 18 },
      { header: '解决时间', value: 'resolvedAt', kind: 'datetime', width: 18 },
      { header: '来源', value: 'reference', width: 22 },
      { header: '我已确认', value: (x) => (x.acknowledgedByMe ? '是' : '否'), width: 8 },
    ],
  },
  // 推荐订货 as the purchasing page shows it: the same fill rate, review period and filters (a text query arrives as the partIds it matched).
  'reorder-recommendations': {
    title: '推荐订货',
    query: `query Export($first: Int, $after: String, $stationId: ID!, $targetFillRate: Float, $reviewPeriodDays: Int, $partIds: [ID!], $supplierId: ID, $demandClass: String, $toOrder: Boolean, $sort: PageSort) {
      page: reorderRecommendationsPage(first: $first, after: $after, stationId: $stationId, targetFillRate: $targetFillRate, reviewPeriodDays: $reviewPeriodDays, partIds: $partIds, supplierId: $supplierId, demandClass: $demandClass, toOrder: $toOrder, sort: $sort) {
        items { demandClass forecastPerMonth leadTimeDays reorderPoint orderUpTo onHand onOrder inventoryPosition suggestedQuantity packSize minOrderQty orderValue supplierId
          part { partNo name unit offers { preferred unitPrice supplier { id code name } } } station { code name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '需求类型', value: 'demandClass', labels: DEMAND_CLASS, width: 8 },
      { header: '月预测', value: (r) => round2(r.forecastPerMonth), kind: 'number', width: 8 },
      { header: '在库', value: 'onHand', kind: 'number', width: 8 },
      { header: '在途订单', value: 'onOrder', kind: 'number', width: 8 },
      { header: '库存位置', value: 'inventoryPosition', kind: 'number', width: 8 },
      { header: '订货点', value: (r) => round2(r.reorderPoint), kind: 'number', width: 8 },
      { header: '补货上限', value: (r) => round2(r.orderUpTo), kind: 'number', width: 8 },
      { header: '建议数量', value: 'suggestedQuantity', kind: 'number', width: 8 },
      { header: '包装数', value: 'packSize', kind: 'number', width: 8 },
      { header: '起订量', value: 'minOrderQty', kind: 'number', width: 8 },
      { header: '供应商', value: (r) => { const o = offerOf(r); return o ? `${o.supplier.code} ${o.supplier.name}` : '无报价'; }, width: 22 },
      { header: '单价', value: (r) => offerOf(r)?.unitPrice, kind: 'money', width: 10 },
      { header: '交货期', value: 'leadTimeDays', kind: 'number', width: 8 },
      { header: '金额', value: 'orderValue', kind: 'money', width: 12 },
    ],
  },
  'supplier-offers': {
    title: '供应商报价',
    query: `query Export($first: Int, $after: String, $supplierId: ID, $partId: ID, $preferred: Boolean, $sort: PageSort) {
      page: supplierOffersPage(first: $first, after: $after, supplierId: $supplierId, partId: $partId, preferred: $preferred, sort: $sort) {
        items { unitPrice leadTimeDays minOrderQty packSize preferred updatedAt supplier { code name } part { partNo name unit } }
        pageInfo { endCursor hasNextPage } } }`,
    // The columns are the offers importer's (npm run import -- offers), so an exported sheet can be edited and imported again.
    columns: [
      { header: '供应商编码', value: 'supplier.code', width: 14 },
      { header: '供应商名称', value: 'supplier.name', width: 22 },
      { header: '配件编号', value: 'part.partNo', width: 16 },
      { header: '配件名称', value: 'part.name', width: 24 },
      { header: '单位', value: 'part.unit', width: 6 },
      { header: '单价', value: 'unitPrice', kind: 'money', width: 10 },
      { header: '交货期', value: 'leadTimeDays', kind: 'number', width: 8 },
      { header: '起订量', value: 'minOrderQty', kind: 'number', width: 8 },
      { header: '包装数', value: 'packSize', kind: 'number', width: 8 },
      { header: '首选', value: (o) => (o.preferred ? '是' : '否'), width: 6 },
      { header: '更新时间', value: 'updatedAt', kind: 'datetime', width: 18 },
    ],
  },
  // The users list as the users page shows it (HQ: everyone or one station; a station manager: his station's, HQ administrators left out).
  users: {
    title: '用户',
    query: `query Export($first: Int, $after: String, $stationId: ID, $active: Boolean, $role: String, $query: String, $sort: PageSort) {
      page: usersPage(first: $first, after: $after, stationId: $stationId, active: $active, role: $role, query: $query, sort: $sort) {
        items { username displayName roles active passwordSet lastLoginAt createdAt station { code name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '用户名', value: 'username', width: 16 },
      { header: '姓名', value: 'displayName', width: 14 },
      { header: '角色', value: (u) => (u.roles as string[]).map((r) => ROLE_NAMES[r] ?? r).join('、'), width: 20 },
      { header: '服务站', value: codeName('station'), width: 18 },
      { header: '状态', value: (u) => (!u.active ? '已停用' : u.passwordSet ? '正常' : '待设置密码'), width: 10 },
      { header: '最近登录', value: 'lastLoginAt', kind: 'datetime', width: 18 },
      { header: '创建时间', value: 'createdAt', kind: 'datetime', width: 18 },
    ],
  },
  // The audit log, newest first, filtered like the audit page (station, user, dates); the person by name, never an account id.
  'audit-log': {
    title: '操作日志',
    query: `query Export($first: Int, $after: String, $stationId: ID, $userId: ID, $from: DateTime, $to: DateTime, $outcome: String, $operation: String, $service: String, $sort: PageSort) {
      page: auditLogPage(first: $first, after: $after, stationId: $stationId, userId: $userId, from: $from, to: $to, outcome: $outcome, operation: $operation, service: $service, sort: $sort) {
        items { at userId user { username displayName } stationId station { code name } service operation outcome reason summary }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '时间', value: 'at', kind: 'datetime', width: 18 },
      { header: '用户', value: auditSubject, width: 14 },
      { header: '服务站', value: (e) => codeName('station')(e) || (e.stationId && !UUID.test(e.stationId) ? e.stationId : null), width: 18 },
      { header: '服务', value: 'service', labels: SERVICES, width: 10 },
      { header: '操作', value: 'operation', width: 20 },
      { header: '结果', value: 'outcome', labels: AUDIT_OUTCOME, width: 8 },
      { header: '拒绝原因', value: 'reason', width: 20 },
      { header: '摘要', value: (e) => readableSummary(e.summary), width: 60 },
    ],
  },
  // 入库统计: one row per month, supplier and category, as the stock page's panel.
  'inbound-statistics': {
    title: '入库统计',
    query: `query Export($first: Int, $after: String, $stationId: ID, $fromMonth: String, $toMonth: String, $supplierId: ID, $sort: PageSort) {
      page: inboundStatisticsPage(first: $first, after: $after, stationId: $stationId, fromMonth: $fromMonth, toMonth: $toMonth, supplierId: $supplierId, sort: $sort) {
        items { month category received accepted damaged value acceptedValue receipts supplier { code name } }
        pageInfo { endCursor hasNextPage } } }`,
    columns: [
      { header: '月份', value: 'month', width: 10 },
      { header: '供应商', value: codeName('supplier'), width: 22 },
      { header: '分类', value: (x) => x.category ?? '未分类', width: 12 },
      { header: '入库数量', value: 'received', kind: 'number', width: 10 },
      { header: '合格数量', value: 'accepted', kind: 'number', width: 10 },
      { header: '破损数量', value: 'damaged', kind: 'number', width: 10 },
      { header: '入库金额', value: 'value', kind: 'money', width: 12 },
      { header: '合格金额', value: 'acceptedValue', kind: 'money', width: 12 },
      { header: '收货单数', value: 'receipts', kind: 'number', width: 8 },
    ],
  },
};

/** Adds another list to the downloads (its key is the file name). */
export function registerExportList(key: string, list: ExportList): void {
  EXPORTS[key] = list;
}

const get = (item: any, path: string): unknown => path.split('.').reduce((v, k) => (v === null || v === undefined ? undefined : v[k]), item);

function cell(col: ExportColumn, item: any): unknown {
  const raw = typeof col.value === 'function' ? col.value(item) : get(item, col.value);
  if (raw === null || raw === undefined || raw === '') return null;
  switch (col.kind) {
    case 'number':
    case 'money': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      return Number.isFinite(n) ? n : String(raw);
    }
    case 'datetime':
    case 'date': {
      const t = Date.parse(String(raw));
      return Number.isFinite(t) ? new Date(t + STATION_UTC_OFFSET_MS) : String(raw);
    }
    default:
      return col.labels?.[String(raw)] ?? String(raw);
  }
}

const NUM_FMT: Partial<Record<Kind, string>> = { money: '#,##0.00', datetime: 'yyyy-mm-dd hh:mm', date: 'yyyy-mm-dd', number: '0.###' };

function namedType(t: TypeNode): { name: string; list: boolean } {
  if (t.kind === 'NonNullType') return namedType(t.type);
  if (t.kind === 'ListType') return { name: namedType(t.type).name, list: true };
  return { name: t.name.value, list: false };
}

/** Query-string values typed by the query's variable definitions (lists: comma-separated or repeated). */
function coerce(defs: readonly VariableDefinitionNode[], input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const d of defs) {
    const name = d.variable.name.value;
    if (name === 'first' || name === 'after') continue;
    const v = input[name];
    if (v === undefined || v === '') continue;
    const { name: type, list } = namedType(d.type);
    const one = (x: unknown): unknown => {
      if (typeof x !== 'string') return x;
      if (type === 'Int') return Number.isInteger(Number(x)) ? Number(x) : x;
      if (type === 'Float') return Number.isFinite(Number(x)) ? Number(x) : x;
      if (type === 'Boolean') return x === 'true' ? true : x === 'false' ? false : x;
      if (type === 'PageSort') {
        const [field, direction] = x.split(':');
        return { field, ...(direction ? { direction: direction.toUpperCase() } : {}) };
      }
      return x;
    };
    if (list) out[name] = (Array.isArray(v) ? v : String(v).split(',')).filter((x) => x !== '').map(one);
    else out[name] = one(Array.isArray(v) ? v[0] : v);
  }
  return out;
}

type Execute = (query: string, variables: Record<string, unknown>, context: unknown) => Promise<{ data?: any; errors?: readonly any[] }>;

/** The HTTP status a GraphQL refusal maps to (API.md's codes). */
function statusOf(errors: readonly any[]): number {
  const code = errors[0]?.extensions?.code;
  return code === 'UNAUTHENTICATED' ? 401 : code === 'FORBIDDEN' ? 403 : code === 'NOT_FOUND' ? 404 : code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE' ? 502 : 400;
}

/** Streams one list into `res` as an .xlsx; resolves with the number of rows written. */
export async function streamExport(list: ExportList, variables: Record<string, unknown>, authorization: unknown, execute: Execute, res: express.Response, maxRows = EXPORT_MAX_ROWS): Promise<number> {
  let after: string | null = null;
  let first = await execute(list.query, { ...variables, first: PAGE, after }, authorization);
  if (first.errors?.length || !first.data?.page) {
    const errors = first.errors?.length ? first.errors : [{ message: 'The list could not be read', extensions: { code: 'INTERNAL_SERVER_ERROR' } }];
    res.status(statusOf(errors)).json({ errors: errors.map((e: any) => ({ message: e.message, extensions: e.extensions })) });
    return 0;
  }
  res.status(200);
  res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  res.setHeader('Cache-Control', 'no-store');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(list.title, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = list.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 14, style: NUM_FMT[c.kind ?? 'text'] ? { numFmt: NUM_FMT[c.kind ?? 'text'] } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let written = 0;
  let leftOut = false; // a matching row the cap kept out of the sheet (on this page, or on a page after it)
  let page: any = first.data.page;
  for (;;) {
    for (const item of page.items as any[]) {
      for (const r of list.rows ? list.rows(item) : [item]) {
        if (written >= maxRows) { leftOut = true; break; }
        sheet.addRow(list.columns.map((c) => cell(c, r))).commit();
        written++;
      }
      if (leftOut) break;
    }
    if (written >= maxRows) {
      if (leftOut || page.pageInfo.hasNextPage) sheet.addRow([`只导出了前 ${maxRows.toLocaleString('en-US')} 行；请缩小筛选范围。`]).commit();
      break;
    }
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
    after = page.pageInfo.endCursor;
    first = await execute(list.query, { ...variables, first: PAGE, after }, authorization);
    if (first.errors?.length || !first.data?.page) throw new Error(`export ${list.title}: a later page failed: ${first.errors?.[0]?.message ?? 'no data'}`);
    page = first.data.page;
  }
  sheet.commit();
  await workbook.commit();
  return written;
}

/**
 * `GET|POST /export/<list>.xlsx`: the caller's token as on /graphql; the
 * filters in the query string (GET) or as `{ variables }` (POST).
 */
export function registerExport(app: express.Express, o: {
  apollo: ApolloServer<any>;
  /** The GraphQL context of the request, exactly as /graphql builds it (verifies the bearer token; throws UNAUTHENTICATED). */
  context: (req: express.Request) => Promise<{ user: unknown; authorization: string }>;
  log?: Logger;
  lists?: Record<string, ExportList>;
}): void {
  const lists = o.lists ?? EXPORTS;
  const defs = new Map<string, readonly VariableDefinitionNode[]>();
  const definitionsOf = (key: string, list: ExportList) => {
    let d = defs.get(key);
    if (!d) {
      const op = parse(list.query).definitions.find((x): x is OperationDefinitionNode => x.kind === 'OperationDefinition');
      d = op?.variableDefinitions ?? [];
      defs.set(key, d);
    }
    return d;
  };
  const execute: Execute = async (query, variables, contextValue) => {
    const r = await o.apollo.executeOperation({ query, variables }, { contextValue: contextValue as any });
    if (r.body.kind !== 'single') throw new Error('export: incremental delivery is not supported');
    return { data: r.body.singleResult.data, errors: r.body.singleResult.errors };
  };
  const handle = async (req: express.Request, res: express.Response, input: Record<string, unknown>) => {
    const key = String(req.params.list);
    const list = Object.prototype.hasOwnProperty.call(lists, key) ? lists[key] : undefined;
    if (!list) {
      res.status(404).json({ errors: [{ message: `There is no export ${key}`, extensions: { code: 'NOT_FOUND', reason: 'EXPORT_UNKNOWN', params: { list: key, lists: Object.keys(lists) } } }] });
      return;
    }
    let authorization: { user: unknown; authorization: string };
    try {
      if (!req.headers.authorization) throw new Error('no token');
      authorization = await o.context(req);
    } catch {
      res.status(401).json({ errors: [{ message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    const day = new Date(Date.now() + STATION_UTC_OFFSET_MS).toISOString().slice(0, 10);
    res.setHeader('Content-Disposition', `attachment; filename="${key}-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`${list.title}-${day}.xlsx`)}`);
    try {
      const rows = await streamExport(list, coerce(definitionsOf(key, list), input), authorization, execute, res);
      o.log?.info({ list: key, rows }, 'export');
    } catch (err) {
      o.log?.error({ err, list: key }, 'export failed');
      if (!res.headersSent) res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy(err as Error);
    }
  };
  app.get('/export/:list.xlsx', (req, res) => handle(req, res, req.query as Record<string, unknown>));
  app.post('/export/:list.xlsx', (req, res, next) => {
    const run = () => handle(req, res, (req.body?.variables ?? {}) as Record<string, unknown>);
    if (req.body !== undefined) return void run();
    // A JSON body of its own (the /graphql parser is mounted on /graphql only).
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
      if (raw.length > 100_000) req.destroy();
    });
    req.on('end', () => {
      try {
        req.body = raw ? JSON.parse(raw) : {};
      } catch {
        res.status(400).json({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
        return;
      }
      run();
    });
    req.on('error', next);
  });
}
