/** The purchasing page's words (采购), Chinese and English; merged into i18n's `translation` namespace under `pur.*`. */
export const purchasingZh = {
  pur: {
    notForRole: '推荐订货、采购订单、货损单和供应商报价由本站采购员或站长办理；这里可以查看并确认缺件提醒。',
    alerts: {
      title: '缺件提醒', unacked: '{{count}} 条未确认', kindAll: '全部类型', showAcked: '显示已确认', ack: '知道了', acked: '已确认', ackAll: '全部确认（{{count}}）',
      none: '暂无未处理的缺件。', noneFiltered: '没有符合筛选条件的缺件。', reference: '来源', also: '同时：{{kinds}}', grouped: '同一备件的 {{shortages}} 条缺件合并为 {{rows}} 行显示',
    },
    recs: {
      title: '推荐订货', search: '搜索编号或名称', searchPh: '编号片段或名称…', onlySuggested: '只看建议订货的', allClasses: '全部需求类型', allSuppliers: '全部供应商', noOfferOnly: '仅无报价',
      shown: '显示 {{shown}} / 共 {{total}} 项', selected: '已选 {{count}} 项', selectAll: '全选（筛选结果 {{count}} 项）', clear: '清空选择', more: '再显示 {{count}} 项',
      supplier: '首选供应商', noOffer: '无报价', addOffer: '添加报价', lot: '包装 {{pack}} · 起订 {{moq}}', rounded: '需补 {{need}}，按包装 {{pack}}、起订量 {{moq}} 取整为 {{qty}}',
      create: '按首选供应商生成采购订单（{{count}} 项）', created: '已生成 {{count}} 张采购订单（草稿）：', noOfferTitle: '以下备件没有供应商报价，无法下单：', noOfferHint: '为它们添加报价后再生成订单。',
      nothing: '所选备件当前都无需订货。', selectShown: '选中本页 {{count}} 项', createdLines: '{{count}} 行', sort: '排序', sortSuggested: '建议数量', sortPartNo: '配件编号', sortValue: '金额', statistics: '统计依据', detail: '说明',
    },
    offer: {
      title: '供应商报价', supplier: '供应商', price: '单价', leadTime: '交货期(天)', moq: '起订量', pack: '包装数', preferred: '首选', save: '保存报价', saved: '{{partNo}} 的报价已保存。', none: '暂无报价。',
      pick: '— 选择供应商 —', days: '{{days}} 天', allOffers: '全部报价', onlyPreferred: '仅首选', notPreferred: '非首选', updatedAt: '更新'
    },
    po: {
      title: '采购订单', none: '暂无采购订单。', allStatuses: '全部状态', allKinds: '全部类型', number: '订单号', kind: '类型', supplier: '供应商', status: '状态', createdAt: '创建', submittedAt: '提交', expectedAt: '预计到货',
      receivedAt: '入库', cancelledAt: '取消', amount: '金额', lines: '行数', open: '详情', close: '收起', standard: '普通', replacement: '补发(P)', submit: '提交', markShipped: '标记已发货', receive: '验收入库',
      cancel: '取消订单', cancelReason: '取消原因', confirmCancel: '确认取消', cancelled: '已取消：{{reason}}', edit: '修改草稿', save: '保存修改', saved: '草稿已保存。', removeLine: '删除行', addLine: '添加行',
      closeShort: '关闭订单', print: '打印采购单', detailTitle: '采购订单 {{number}}', unit: '单位', qty: '数量', unitPrice: '单价', lineAmount: '金额', ordered: '订购', received: '已收', accepted: '合格',
      damaged: '货损', outstanding: '未到', offer: '报价', total: '合计', receipts: '入库单', noReceipts: '尚无入库。', claims: '货损单', noClaims: '无货损单。', note: '备注', warehouse: '入库仓库',
      receivedNow: '本次到货', damageReason: '货损原因', damagedDefault: '运输破损', confirmReceipt: '确认入库', receiptDone: '入库单 {{number}} 已完成。', claimOpened: '货损单 {{number}}（{{amount}}）已生成',
      replacementOrder: '补发订单 {{number}}', printReceipt: '打印入库单', by: '经办', partNo: '配件编号', name: '名称', supplierOffer: '{{code}} ¥{{price}} · {{days}} 天',
    },
    claims: {
      title: '货损单', none: '暂无货损单。', number: '货损单号', order: '采购订单', receipt: '入库单', status: '状态', amount: '金额', createdAt: '日期', open: '处理', close: '收起',
      submit: '提交供应商', accept: '供应商认可', reject: '供应商拒绝', note: '说明', rejectReason: '拒绝原因', settle: '结清', settleNote: '结清说明', returnGoods: '退货给供应商',
      returned: '已退货（{{at}}）', notReturned: '隔离中，未退货', replacement: '补发订单', replacementArrived: '补发已到货：{{number}}（{{at}}）', replacementWaiting: '补发未到（{{status}}）',
      print: '打印货损单', anyGoods: '全部（退货与否）', returnedFilter: '已退货', resolution: '处理说明', quarantined: '隔离数量', reason: '原因', flow: '流程',
    },
    print: {
      title: '打印预览', print: '打印', close: '关闭', station: '服务站', supplier: '供应商', number: '单号', date: '日期', printedAt: '打印时间', sign: '签字', total: '合计', page: '第 1 页',
      po: '采购订单', receipt: '入库单', claim: '货损单', orderNo: '采购订单号', receiptNo: '入库单号', claimNo: '货损单号', warehouse: '仓库', line: '行', buyer: '采购员', approver: '审核', receiver: '收货人',
      storekeeper: '仓管员', supplierSign: '供应商确认', inspector: '验收人', expected: '预计到货', status: '状态', reasonCol: '货损原因', returnedAt: '退货时间',
    },
  },
};

export const purchasingEn: typeof purchasingZh = {
  pur: {
    notForRole: 'Recommendations, purchase orders, damage claims and supplier offers are handled by the station\'s purchaser or manager; here you can see and acknowledge shortage alerts.',
    alerts: {
      title: 'Shortage alerts', unacked: '{{count}} not acknowledged', kindAll: 'All kinds', showAcked: 'Show acknowledged', ack: 'Got it', acked: 'Acknowledged', ackAll: 'Acknowledge all ({{count}})',
      none: 'No open shortages.', noneFiltered: 'No shortages match the filter.', reference: 'Source', also: 'also: {{kinds}}', grouped: '{{shortages}} shortages shown as {{rows}} rows, one per part',
    },
    recs: {
      title: 'Recommended reorders', search: 'Search number or name', searchPh: 'Part number fragment or name…', onlySuggested: 'Only parts to order', allClasses: 'All demand classes', allSuppliers: 'All suppliers', noOfferOnly: 'Only without offer',
      shown: 'Showing {{shown}} of {{total}}', selected: '{{count}} selected', selectAll: 'Select all ({{count}} filtered)', clear: 'Clear selection', more: 'Show {{count}} more',
      supplier: 'Preferred supplier', noOffer: 'No offer', addOffer: 'Add offer', lot: 'pack {{pack}} · min {{moq}}', rounded: '{{need}} needed, rounded up to {{qty}}: packs of {{pack}}, minimum {{moq}}',
      create: 'Create orders by preferred supplier ({{count}})', created: '{{count}} purchase orders created (drafts):', noOfferTitle: 'No supplier offers these parts, so they cannot be ordered:', noOfferHint: 'Add an offer for them, then create the orders again.',
      nothing: 'None of the selected parts needs ordering now.', selectShown: 'Select the {{count}} shown', createdLines: '{{count}} lines', sort: 'Sort', sortSuggested: 'Suggested qty', sortPartNo: 'Part number', sortValue: 'Value', statistics: 'Statistics', detail: 'Explanation',
    },
    offer: {
      title: 'Supplier offers', supplier: 'Supplier', price: 'Unit price', leadTime: 'Lead time (days)', moq: 'Minimum', pack: 'Pack', preferred: 'Preferred', save: 'Save offer', saved: 'Offer for {{partNo}} saved.', none: 'No offers.',
      pick: '— pick a supplier —', days: '{{days}} d', allOffers: 'All offers', onlyPreferred: 'Preferred only', notPreferred: 'Not preferred', updatedAt: 'Updated'
    },
    po: {
      title: 'Purchase orders', none: 'No purchase orders.', allStatuses: 'All statuses', allKinds: 'All kinds', number: 'Order no.', kind: 'Kind', supplier: 'Supplier', status: 'Status', createdAt: 'Created', submittedAt: 'Submitted', expectedAt: 'Expected',
      receivedAt: 'Received', cancelledAt: 'Cancelled', amount: 'Amount', lines: 'Lines', open: 'Details', close: 'Close', standard: 'Standard', replacement: 'Replacement (P)', submit: 'Submit', markShipped: 'Mark shipped', receive: 'Receive',
      cancel: 'Cancel order', cancelReason: 'Reason for cancelling', confirmCancel: 'Confirm cancel', cancelled: 'Cancelled: {{reason}}', edit: 'Edit draft', save: 'Save changes', saved: 'Draft saved.', removeLine: 'Remove line', addLine: 'Add line',
      closeShort: 'Close order', print: 'Print order', detailTitle: 'Purchase order {{number}}', unit: 'Unit', qty: 'Qty', unitPrice: 'Unit price', lineAmount: 'Amount', ordered: 'Ordered', received: 'Received', accepted: 'Accepted',
      damaged: 'Damaged', outstanding: 'Outstanding', offer: 'Offer', total: 'Total', receipts: 'Goods receipts', noReceipts: 'Nothing received yet.', claims: 'Damage claims', noClaims: 'No damage claims.', note: 'Note', warehouse: 'Into warehouse',
      receivedNow: 'Received now', damageReason: 'Damage reason', damagedDefault: 'Damaged in transit', confirmReceipt: 'Confirm receipt', receiptDone: 'Goods receipt {{number}} done.', claimOpened: 'Damage claim {{number}} ({{amount}}) opened',
      replacementOrder: 'replacement order {{number}}', printReceipt: 'Print receipt', by: 'By', partNo: 'Part no.', name: 'Name', supplierOffer: '{{code}} ¥{{price}} · {{days}} d',
    },
    claims: {
      title: 'Damage claims', none: 'No damage claims.', number: 'Claim no.', order: 'Purchase order', receipt: 'Receipt', status: 'Status', amount: 'Amount', createdAt: 'Date', open: 'Handle', close: 'Close',
      submit: 'Send to supplier', accept: 'Supplier accepted', reject: 'Supplier rejected', note: 'Note', rejectReason: 'Reason', settle: 'Settle', settleNote: 'Settlement note', returnGoods: 'Return goods to supplier',
      returned: 'Returned ({{at}})', notReturned: 'In quarantine, not returned', replacement: 'Replacement order', replacementArrived: 'Replacement arrived: {{number}} ({{at}})', replacementWaiting: 'Replacement not arrived ({{status}})',
      print: 'Print claim', anyGoods: 'Returned or not', returnedFilter: 'Returned', resolution: 'Resolution', quarantined: 'Quarantined', reason: 'Reason', flow: 'Progress',
    },
    print: {
      title: 'Print preview', print: 'Print', close: 'Close', station: 'Station', supplier: 'Supplier', number: 'No.', date: 'Date', printedAt: 'Printed', sign: 'Signature', total: 'Total', page: 'Page 1',
      po: 'Purchase order', receipt: 'Goods receipt', claim: 'Damage claim', orderNo: 'Order no.', receiptNo: 'Receipt no.', claimNo: 'Claim no.', warehouse: 'Warehouse', line: '#', buyer: 'Purchaser', approver: 'Approved by', receiver: 'Received by',
      storekeeper: 'Storekeeper', supplierSign: 'Supplier', inspector: 'Inspected by', expected: 'Expected', status: 'Status', reasonCol: 'Damage', returnedAt: 'Returned',
    },
  },
};
