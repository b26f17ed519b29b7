/**
 * 功能名称 — what a person cannot do when the deployed supergraph lacks one of
 * the root fields the console uses (the "not offered yet" box, QueryProblem in
 * components/ui.tsx). The box says this in the user's language; the technical
 * name (`Query.supplierOffersPage`) follows only as secondary detail.
 * test/contract/console-operations.test.ts checks that every operation the
 * console names in its code has a text here in both languages.
 */

export const OPERATIONS: Record<string, { zh: string; en: string }> = {
  'Query.auditLogPage': { zh: '查看操作日志', en: 'view the audit log' },
  'Query.consumptionHistory': { zh: '查看历史用量', en: 'view the consumption history' },
  'Query.counterSalesPage': { zh: '查看柜台销售记录', en: 'view counter sales' },
  'Query.counterSale': { zh: '查看柜台销售单', en: 'view a counter sale' },
  'Query.damageClaimsPage': { zh: '查看货损单', en: 'view damage claims' },
  'Query.depotAvailability': { zh: '查询总部库可供数量', en: 'check what the HQ depot can supply' },
  'Query.depotOrdersPage': { zh: '查看总部订货单', en: 'view depot orders' },
  'Query.inboundStatistics': { zh: '查看入库统计', en: 'view inbound statistics' },
  'Query.lostSalesPage': { zh: '查看缺货流失记录', en: 'view lost sales' },
  'Query.networkStock': { zh: '查看网内库存', en: 'view stock across the network' },
  'Query.part': { zh: '查看配件库存', en: 'view a part’s stock' },
  'Query.purchaseOrder': { zh: '查看采购订单详情', en: 'view a purchase order' },
  'Query.purchaseOrders': { zh: '跟踪采购订单', en: 'track purchase orders' },
  'Query.purchaseOrdersPage': { zh: '查看采购订单', en: 'view purchase orders' },
  'Query.reorderRecommendationsPage': { zh: '查看推荐订货', en: 'view recommended reorders' },
  'Query.repairOrder': { zh: '查看维修工单', en: 'view a repair order' },
  'Query.repairOrdersPage': { zh: '查看维修工单列表', en: 'list repair orders' },
  'Query.searchParts': { zh: '搜索配件', en: 'search parts' },
  'Query.shortages': { zh: '查看缺件', en: 'view shortages' },
  'Query.shortagesPage': { zh: '查看缺件提醒', en: 'view shortage alerts' },
  'Query.stationScorecards': { zh: '查看服务站指标', en: 'view station scorecards' },
  'Query.stockMovementsPage': { zh: '查看库存流水', en: 'view the stock ledger' },
  'Query.stocktake': { zh: '查看盘点单', en: 'view a stocktake' },
  'Query.stocktakesPage': { zh: '查看盘点单列表', en: 'list stocktakes' },
  'Query.supplierOffersPage': { zh: '查看供应商报价', en: 'view supplier offers' },
  'Query.suppliers': { zh: '查看供应商', en: 'view suppliers' },
  'Query.surplusCandidatesPage': { zh: '查看可调剂的呆滞件', en: 'view surplus candidates' },
  'Query.surplusListingsPage': { zh: '查看调剂信息', en: 'view surplus listings' },
  'Query.surplusSwapsPage': { zh: '查看调剂申请', en: 'view surplus swaps' },
  'Query.transfersPage': { zh: '查看调拨单', en: 'view transfers' },
  'Query.usersPage': { zh: '查看用户', en: 'view users' },
  'Query.vehicleModels': { zh: '查看车型', en: 'view vehicle models' },
  'Query.writeOffsPage': { zh: '查看报损单', en: 'view write-offs' },
  'Subscription.purchaseOrderUpdates': { zh: '实时接收采购订单进度', en: 'receive live purchase order updates' },
  'Subscription.shortageAlerts': { zh: '实时接收缺件提醒', en: 'receive live shortage alerts' },
  'Subscription.swapRequests': { zh: '实时接收调剂申请', en: 'receive live swap requests' },
};

/** What the user cannot do while `op` is missing, in `lang` ('zh' unless it starts with 'en'); undefined for an operation without a text. */
export function operationName(op: string, lang: string): string | undefined {
  const o = OPERATIONS[op];
  return o && (lang.startsWith('en') ? o.en : o.zh);
}
