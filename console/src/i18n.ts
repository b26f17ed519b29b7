/** Chinese first (the counter's language), English available; the choice is remembered per browser. */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { purchasingEn, purchasingZh } from './locales/purchasing';
import { zhIdentity, enIdentity } from './locales/identity';

const zh = {
  app: { subtitle: '备件工作台', station: '服务站', allStations: '全部服务站', pickStation: '总部账号：请先在右上角选择服务站。', signOut: '退出',
    exchangeNotForRole: '调剂（积压备件挂出、申请调剂）由本站采购员或站长办理。调拨单的发运和收货在「库存 → 调拨」。' },
  nav: { label: '页面', counter: '领料', purchasing: '采购', stock: '库存', exchange: '调剂' },
  roles: { PARTS_CLERK: '仓管员', PURCHASER: '采购员', STATION_MANAGER: '站长', HQ_ADMIN: '总部' },
  ws: { connecting: '实时推送连接中', connected: '实时推送已连接', closed: '实时推送未连接' },
  common: { retry: '重试', refresh: '刷新', ok: '确定', cancel: '取消', remove: '移除', working: '处理中…', loading: '加载中…' },
  errors: {
    UNAUTHENTICATED: '登录已失效，请重新登录。',
    FORBIDDEN: '您的角色无权执行此操作。',
    BAD_USER_INPUT: '输入有误，请检查后重试。',
    NOT_FOUND: '未找到该记录，可能已被删除。',
    CONFLICT: '操作与当前状态冲突（可能已被他人处理），请刷新后重试。',
    INSUFFICIENT_STOCK: '库存不足。',
    NOT_AVAILABLE: '服务器暂未提供此功能。',
    missingFunction: '暂时不能{{what}}。',
    unknownOperation: '使用此功能',
    listSeparator: '、',
    missingOperation: '技术信息：缺少接口 {{what}}',
    NETWORK: '无法连接服务器，请检查网络或服务是否启动。',
    SERVER: '服务器暂时出错，请稍后重试。',
    INTERNAL: '操作未完成，发生了意外错误。',
  },
  signIn: {
    paste: '粘贴访问令牌（Token）',
    submit: '登录',
    howto: '在服务器上生成令牌：',
    devTitle: '开发模式：直接生成令牌',
    devHint: '仅在开发环境（CONSOLE_DEV_TOKENS=true）可用，生产环境不提供。',
    role: '角色',
    station: '服务站',
    generate: '生成并登录',
    errors: { 'not-a-token': '这不是有效的令牌，请完整复制 npm run token 的输出。', 'no-roles': '令牌中没有可用的角色。', expired: '令牌已过期，请重新生成。', dev: '生成令牌失败。' },
  },
  search: {
    label: '查找备件',
    placeholder: '编号片段、名称、车型或扫码…',
    model: '车型',
    anyModel: '全部车型',
    inStock: '仅本站有货',
    keys: '↑↓ 选择，Enter 添加，扫码枪直接扫描；F2 回到搜索框，Alt+数字 切换页面（见顶栏提示）。',
    meta: '约 {{count}} 条 · {{ms}} ms',
    none: '没有找到与“{{q}}”相符的备件。',
    scanned: '已扫码：{{partNo}} {{name}}',
    noBarcode: '条码 {{code}} 未对应任何备件。',
    noStockInfo: '库存信息暂不可用（库存服务尚未提供），仅显示目录信息。',
    byVin: '只看适合本车的备件（VIN {{vin}} · {{model}}）',
    shown: '已显示 {{count}} 条',
    more: '更多',
  },
  part: { partNo: '配件编号', name: '名称', models: '通用车型', price: '零售价', available: '可用', bins: '货位 (可用)', bin: '货位', unitPrice: '单价' },
  counter: {
    search: '查找备件', add: '添加', repairOrder: '委托书', newOrder: '新建委托书', chooseOrder: '— 选择委托书 —', plate: '车牌', model: '车型', openOrder: '开立委托书',
    draft: '待领料', draftEmpty: '搜索或扫码添加备件。', quantity: '数量', issue: '发料', issued: '领料单 {{number}} 已发料。',
    shortfallLine: '{{partNo}}：已发 {{issued}}，缺件 {{shortfall}} {{unit}}（已通知采购）', pickOrderFirst: '请先选择或新建委托书。',
    partsList: '服务单配件明细', print: '打印', printTitle: '服务单配件明细', orderNo: '委托书号', noLines: '尚无领料记录。', requisition: '领料单',
    requested: '申领', issuedQty: '实发', returned: '已退', shortfall: '缺件', amount: '金额', partsCost: '配件合计', return: '退料', returnQty: '退料数量',
    orderNotFound: '未找到该委托书。',
  },
  roStatus: { OPEN: '在修', IN_PROGRESS: '维修中', COMPLETED: '已完工', SETTLED: '已结算', CANCELLED: '已取消' },
  alerts: { title: '缺件提醒', badge: '{{count}} 条新缺件提醒', none: '暂无未处理的缺件。', new: '新', openedAt: '时间', kind: '类型', quantity: '缺件数量', repairOrder: '委托书' },
  shortageKind: { BELOW_REORDER_POINT: '低于订货点', OUT_OF_STOCK: '无库存', REQUISITION_SHORTFALL: '领料缺件' },
  recs: {
    title: '推荐订货', fillRate: '目标满足率', review: '订货周期(天)', onlySuggested: '只看建议订货的', none: '当前没有需要订货的备件。', class: '需求类型', forecast: '月预测', safety: '安全库存', rop: '订货点', upTo: '补货上限', onHand: '在库', onOrder: '在途订单', surplus: '网内调剂', suggested: '建议数量',
    pick: '点击一行查看说明与消耗图。', supplier: '供应商', createPo: '生成采购订单（{{count}} 项）', created: '采购订单 {{number}} 已生成（草稿）。', chartHistory: '月消耗', chartForecast: '预测', chartLabel: '{{partNo}} 月消耗与预测', leadTime: '提前期 {{days}} 天', seasonal: '季节指数 {{index}}',
  },
  demandClass: { SMOOTH: '平稳', ERRATIC: '波动', INTERMITTENT: '间歇', LUMPY: '块状', NEW: '新件' },
  po: {
    title: '采购订单', none: '暂无采购订单。', number: '订单号', kind: '类型', supplier: '供应商', status: '状态', lines: '行数', standard: '普通', replacement: '补发(P)', submit: '提交', markShipped: '标记已发货', receive: '验收入库',
    warehouse: '入库仓库', ordered: '订购', alreadyReceived: '已收', receivedNow: '本次到货', damaged: '货损', damageReason: '货损原因', damagedDefault: '运输破损', confirmReceipt: '确认入库',
    received: '入库单 {{number}} 已完成。', claim: '货损单 {{number}}（{{amount}}）已生成', replacementOrder: '补发订单 {{number}}',
  },
  poStatus: { DRAFT: '草稿', SUBMITTED: '已提交', SHIPPED: '已发货', PARTIALLY_RECEIVED: '部分入库', RECEIVED: '已入库', CLOSED: '已关闭', CANCELLED: '已取消' },
  claims: { title: '货损单与补发订单', none: '暂无货损单。', number: '货损单号', amount: '金额', replacement: '补发订单' },
  claimStatus: { OPEN: '待提交', SUBMITTED: '已提交', ACCEPTED: '已认可', REJECTED: '已拒绝', SETTLED: '已结清' },
  stock: {
    find: '查找备件（库存与台账）', show: '查看', levels: '库存分布', totals: '在库 {{onHand}} · 可用 {{available}} · 在途 {{inTransit}} {{unit}}', noLevels: '本站无此备件库存。', warehouse: '仓库', onHand: '在库', reserved: '预留', quarantine: '隔离',
    ledger: '出入库台账', noMovements: '暂无库存变动。', when: '时间', type: '类型', reference: '单据', actor: '操作人', pickPartFirst: '先在上方选择备件',
  },
  movement: { RECEIPT: '入库', ISSUE: '发料', RETURN: '退料', BIN_MOVE: '移库', TRANSFER_OUT: '调出', TRANSFER_IN: '调入', ADJUSTMENT: '调整', WRITE_OFF: '报损', QUARANTINE: '隔离' },
  inbound: { title: '入库统计图（近 12 个月）', accepted: '合格入库', damaged: '货损', value: '入库金额', qty: '数量', none: '近 12 个月没有入库记录。' },
  transfers: { title: '调拨', none: '暂无调拨单。', from: '调出仓库', to: '调入仓库', create: '新建调拨', ship: '发运' },
  transferStatus: { DRAFT: '草稿', IN_TRANSIT: '在途', RECEIVED: '已收货', CANCELLED: '已取消' },
  stocktake: { title: '盘点', start: '开始盘点', id: '盘点单号', counted: '实盘数', record: '录入', approve: '审核过账', approved: '盘点差异已审核过账。' },
  writeOff: { title: '报损', reason: '报损原因', request: '申请报损', id: '报损单号', approve: '审核报损', requested: '报损申请 {{id}} 已提交，待站长审核。', approved: '报损已审核，库存已扣减。' },
  exchange: {
    candidates: '本站积压备件', noCandidates: '没有可调剂的积压备件。', reason: '原因', listable: '可挂出', excessValue: '积压金额', quantity: '数量', price: '单价', list: '挂出', listed: '{{partNo}} 已挂到调剂大厅。',
    ownListings: '本站已挂出', noListings: '暂无挂出的备件。', withdraw: '撤回', board: '调剂大厅（其他服务站）', searchBoard: '搜索调剂大厅', toWarehouse: '调入仓库', remaining: '剩余', request: '申请调剂', requested: '已申请调剂 {{partNo}}，等待对方确认。',
    incoming: '收到的调剂申请', noIncoming: '暂无调剂申请。', accept: '同意', reject: '拒绝', rejectReason: '拒绝原因',
  },
  surplusReason: { NO_ISSUE: '长期未出库（呆滞）', EXCESS_COVER: '库存覆盖月数过高（积压）' },
  swapStatus: { PENDING: '待处理', ACCEPTED: '已同意', REJECTED: '已拒绝' },
};

type Dict = typeof zh;

const en: Dict = {
  app: { subtitle: 'Parts console', station: 'Station', allStations: 'All stations', pickStation: 'HQ account: pick a station at the top right first.', signOut: 'Sign out',
    exchangeNotForRole: 'The exchange (listing surplus, requesting swaps) is handled by the station\'s purchaser or manager. Transfers are shipped and received under Stock → Transfers.' },
  nav: { label: 'Pages', counter: 'Counter', purchasing: 'Purchasing', stock: 'Stock', exchange: 'Exchange' },
  roles: { PARTS_CLERK: 'Parts clerk', PURCHASER: 'Purchaser', STATION_MANAGER: 'Station manager', HQ_ADMIN: 'HQ' },
  ws: { connecting: 'Live updates connecting', connected: 'Live updates on', closed: 'Live updates off' },
  common: { retry: 'Retry', refresh: 'Refresh', ok: 'OK', cancel: 'Cancel', remove: 'Remove', working: 'Working…', loading: 'Loading…' },
  errors: {
    UNAUTHENTICATED: 'Your sign-in has expired. Please sign in again.',
    FORBIDDEN: 'Your role is not allowed to do this.',
    BAD_USER_INPUT: 'Some input is not valid. Please check and try again.',
    NOT_FOUND: 'That record was not found; it may have been removed.',
    CONFLICT: 'This clashes with the current state (someone may have changed it). Refresh and try again.',
    INSUFFICIENT_STOCK: 'Not enough stock.',
    NOT_AVAILABLE: 'The server does not offer this yet.',
    missingFunction: 'You cannot {{what}} yet.',
    unknownOperation: 'use this function',
    listSeparator: ', ',
    missingOperation: 'Technical detail: missing operation {{what}}',
    NETWORK: 'Cannot reach the server. Check the network or whether the platform is running.',
    SERVER: 'The server had a problem. Please try again shortly.',
    INTERNAL: 'That did not complete: an unexpected error occurred.',
  },
  signIn: {
    paste: 'Paste an access token',
    submit: 'Sign in',
    howto: 'Create a token on the server:',
    devTitle: 'Development mode: generate a token',
    devHint: 'Only in development (CONSOLE_DEV_TOKENS=true); never in production.',
    role: 'Role',
    station: 'Station',
    generate: 'Generate and sign in',
    errors: { 'not-a-token': 'That is not a valid token; copy the whole output of npm run token.', 'no-roles': 'The token carries no usable role.', expired: 'The token has expired; create a new one.', dev: 'Could not generate a token.' },
  },
  search: {
    label: 'Find a part',
    placeholder: 'Number fragment, name, model or scan…',
    model: 'Model',
    anyModel: 'All models',
    inStock: 'In stock here',
    keys: '↑↓ select, Enter adds, scanners just scan; F2 back to search, Alt+number switches pages (see the tooltips in the top bar).',
    meta: 'about {{count}} · {{ms}} ms',
    none: 'No part matches “{{q}}”.',
    scanned: 'Scanned: {{partNo}} {{name}}',
    noBarcode: 'Barcode {{code}} matches no part.',
    noStockInfo: 'Stock figures are not available yet (stock service missing); showing catalog data only.',
    byVin: 'Only parts that fit this car (VIN {{vin}} · {{model}})',
    shown: '{{count}} shown',
    more: 'More',
  },
  part: { partNo: 'Part no.', name: 'Name', models: 'Fits', price: 'Retail', available: 'Available', bins: 'Bins (available)', bin: 'Bin', unitPrice: 'Unit price' },
  counter: {
    search: 'Find a part', add: 'Add', repairOrder: 'Repair order', newOrder: 'New repair order', chooseOrder: '— choose a repair order —', plate: 'Plate', model: 'Model', openOrder: 'Open repair order',
    draft: 'To issue', draftEmpty: 'Search or scan to add parts.', quantity: 'Qty', issue: 'Issue', issued: 'Requisition {{number}} issued.',
    shortfallLine: '{{partNo}}: issued {{issued}}, short {{shortfall}} {{unit}} (purchasing alerted)', pickOrderFirst: 'Choose or open a repair order first.',
    partsList: 'Parts per repair order', print: 'Print', printTitle: 'Parts list of repair order', orderNo: 'Order no.', noLines: 'Nothing issued yet.', requisition: 'Requisition',
    requested: 'Requested', issuedQty: 'Issued', returned: 'Returned', shortfall: 'Short', amount: 'Amount', partsCost: 'Parts total', return: 'Return', returnQty: 'Quantity to return',
    orderNotFound: 'Repair order not found.',
  },
  roStatus: { OPEN: 'Open', IN_PROGRESS: 'In progress', COMPLETED: 'Completed', SETTLED: 'Settled', CANCELLED: 'Cancelled' },
  alerts: { title: 'Shortage alerts', badge: '{{count}} new shortage alerts', none: 'No open shortages.', new: 'New', openedAt: 'Time', kind: 'Kind', quantity: 'Short', repairOrder: 'Repair order' },
  shortageKind: { BELOW_REORDER_POINT: 'Below reorder point', OUT_OF_STOCK: 'Out of stock', REQUISITION_SHORTFALL: 'Requisition shortfall' },
  recs: {
    title: 'Recommended reorders', fillRate: 'Target fill rate', review: 'Review period (days)', onlySuggested: 'Only parts to order', none: 'Nothing needs ordering now.', class: 'Demand', forecast: 'Forecast/mo', safety: 'Safety', rop: 'Reorder pt', upTo: 'Order-up-to', onHand: 'On hand', onOrder: 'On order', surplus: 'Network surplus', suggested: 'Suggested',
    pick: 'Click a row for its explanation and consumption chart.', supplier: 'Supplier', createPo: 'Create purchase order ({{count}})', created: 'Purchase order {{number}} created (draft).', chartHistory: 'Monthly consumption', chartForecast: 'Forecast', chartLabel: '{{partNo}} monthly consumption and forecast', leadTime: 'lead time {{days}} d', seasonal: 'seasonal index {{index}}',
  },
  demandClass: { SMOOTH: 'Smooth', ERRATIC: 'Erratic', INTERMITTENT: 'Intermittent', LUMPY: 'Lumpy', NEW: 'New' },
  po: {
    title: 'Purchase orders', none: 'No purchase orders.', number: 'Order no.', kind: 'Kind', supplier: 'Supplier', status: 'Status', lines: 'Lines', standard: 'Standard', replacement: 'Replacement (P)', submit: 'Submit', markShipped: 'Mark shipped', receive: 'Receive',
    warehouse: 'Into warehouse', ordered: 'Ordered', alreadyReceived: 'Received so far', receivedNow: 'Received now', damaged: 'Damaged', damageReason: 'Damage reason', damagedDefault: 'Damaged in transit', confirmReceipt: 'Confirm receipt',
    received: 'Goods receipt {{number}} done.', claim: 'Damage claim {{number}} ({{amount}}) opened', replacementOrder: 'replacement order {{number}}',
  },
  poStatus: { DRAFT: 'Draft', SUBMITTED: 'Submitted', SHIPPED: 'Shipped', PARTIALLY_RECEIVED: 'Partly received', RECEIVED: 'Received', CLOSED: 'Closed', CANCELLED: 'Cancelled' },
  claims: { title: 'Damage claims and replacement orders', none: 'No damage claims.', number: 'Claim no.', amount: 'Amount', replacement: 'Replacement order' },
  claimStatus: { OPEN: 'Open', SUBMITTED: 'Submitted', ACCEPTED: 'Accepted', REJECTED: 'Rejected', SETTLED: 'Settled' },
  stock: {
    find: 'Find a part (stock and ledger)', show: 'Show', levels: 'Stock by bin', totals: 'on hand {{onHand}} · available {{available}} · in transit {{inTransit}} {{unit}}', noLevels: 'No stock of this part here.', warehouse: 'Warehouse', onHand: 'On hand', reserved: 'Reserved', quarantine: 'quarantine',
    ledger: 'Stock ledger', noMovements: 'No movements yet.', when: 'When', type: 'Type', reference: 'Reference', actor: 'By', pickPartFirst: 'Pick a part above first',
  },
  movement: { RECEIPT: 'Receipt', ISSUE: 'Issue', RETURN: 'Return', BIN_MOVE: 'Bin move', TRANSFER_OUT: 'Transfer out', TRANSFER_IN: 'Transfer in', ADJUSTMENT: 'Adjustment', WRITE_OFF: 'Write-off', QUARANTINE: 'Quarantine' },
  inbound: { title: 'Inbound statistics (last 12 months)', accepted: 'Accepted', damaged: 'Damaged', value: 'Value', qty: 'Qty', none: 'No goods received in the last 12 months.' },
  transfers: { title: 'Transfers', none: 'No transfers.', from: 'From warehouse', to: 'To warehouse', create: 'New transfer', ship: 'Ship' },
  transferStatus: { DRAFT: 'Draft', IN_TRANSIT: 'In transit', RECEIVED: 'Received', CANCELLED: 'Cancelled' },
  stocktake: { title: 'Stocktake', start: 'Start stocktake', id: 'Stocktake id', counted: 'Counted', record: 'Record', approve: 'Approve and post', approved: 'Stocktake variances approved and posted.' },
  writeOff: { title: 'Write-off', reason: 'Reason', request: 'Request write-off', id: 'Write-off id', approve: 'Approve write-off', requested: 'Write-off {{id}} requested; waiting for the manager.', approved: 'Write-off approved; stock reduced.' },
  exchange: {
    candidates: 'Our surplus stock', noCandidates: 'No surplus to offer.', reason: 'Why', listable: 'Listable', excessValue: 'Excess value', quantity: 'Qty', price: 'Unit price', list: 'List', listed: '{{partNo}} listed on the board.',
    ownListings: 'Our listings', noListings: 'No listings.', withdraw: 'Withdraw', board: 'Exchange board (other stations)', searchBoard: 'Search the board', toWarehouse: 'Into warehouse', remaining: 'Remaining', request: 'Request swap', requested: 'Swap for {{partNo}} requested; waiting for the other station.',
    incoming: 'Incoming swap requests', noIncoming: 'No swap requests.', accept: 'Accept', reject: 'Reject', rejectReason: 'Reason to reject',
  },
  surplusReason: { NO_ISSUE: 'Not issued for long (dormant)', EXCESS_COVER: 'Too many months of cover' },
  swapStatus: { PENDING: 'Pending', ACCEPTED: 'Accepted', REJECTED: 'Rejected' },
};

/* The counter's and stock room's day (issue 23): merged over the tables above. */
const zhDay = {
  common: { shown: '显示 {{shown}} / 共 {{total}} 条', more: '加载更多', export: '导出 Excel', status: '状态', allStatuses: '全部状态', from: '从', to: '至', approve: '批准', reject: '驳回', rejectReason: '驳回原因' },
  sort: { by: '点击排序（服务器端）', option: '按{{field}}{{dir}}', ASC: '升序', DESC: '降序' },
  check: {
    dayFormat: "年/月/日", day: "请按 年/月/日 输入日期，如 2026/12/07。",
    number: '请输入数字。', positive: '数量必须大于 0。', notNegative: '数量不能为负数。', tooLarge: '数量不能超过 1,000,000。', whole: '该配件按整数计量，请输入整数。', decimals: '最多 {{n}} 位小数。',
    atMost: '最多 {{max}}。', vin: 'VIN 须为 17 位字母或数字（不含 I、O、Q）。', money: '请输入金额，最多两位小数。', aboveCap: '不能高于总部限价 {{cap}}。',
  },
  part: { unit: '单位' },
  counter: {
    keys: '快捷键：F2 搜索 · ↑↓ 选择 · Enter 添加 · F4 发料/销售 · F8 新建委托书 · Esc 取消 · Alt+数字 切换页面',
    mode: '业务', mode_order: '委托书领料', mode_sale: '柜台销售', repairOrders: '委托书', findOrder: '单号、车牌或 VIN', activeOrders: '未结算', allOrders: '全部', noOrders: '没有符合条件的委托书。',
    saleDraft: '柜台销售', customerType: '客户类型', customerName: '客户名称', lost: '客户离开', estimatedTotal: '预计合计', lostFor: '{{partNo}} 记为流失：', lostReason: '流失原因', recordLost: '记录流失',
    sell: '销售出库', sold: '销售单 {{number}} 已出库，合计 {{total}}。', lostRecorded: '已记录流失：{{partNo}} {{quantity}} {{unit}}。', vehicle: '车辆', complete: '完工', settle: '结算', openedAt: '开单',
    returnedBecause: '退 {{quantity}}：{{reason}}', tier: '价格档 {{price}}', returnReason: '退料原因', returnReasons: ['维修未用', '领错配件', '客户自带配件', '质量问题'], adjustPrice: '调价',
  },
  customerType: { WALK_IN: '散客（零售价）', MEMBER: '会员（会员价）', WHOLESALE: '批发（批发价）', INSURANCE: '保险（保险价）' },
  lostReason: { NOT_STOCKED: '本站不经营', OUT_OF_STOCK: '缺货', PRICE: '嫌价格高', OTHER: '其他' },
  roStatus: { OPEN: '已开单/待修', IN_PROGRESS: '维修中', COMPLETED: '已完工', SETTLED: '已结算', CANCELLED: '已取消' },
  transferStatus: { DRAFT: '待发运', SHIPPED: '在途', RECEIVED: '已收货', CANCELLED: '已取消' },
  docStatus: { OPEN: '盘点中', PENDING: '待审批', APPROVED: '已批准', REJECTED: '已驳回', CANCELLED: '已取消' },
  movement: { SUPPLIER_RETURN: '退供应商', DEPOT_SHIPMENT: '备品部发货' },
  print: {
    station: '服务站', number: '单号', printedAt: '打印时间', date: '日期', total: '合计', requestedAt: '领料时间', issuedAt: '出库时间', when: '时间', returnNo: '退料单号',
    pickTitle: '领料单', issueTitle: '出库单', returnTitle: '退料单', transferTitle: '调拨单', stocktakeTitle: '盘点表',
    picker: '领料人', issuer: '发料人', keeper: '仓管员', customer: '客户签字', returner: '退料人', receiver: '收料人', shipper: '发货人', carrier: '承运人', counter: '盘点人', checker: '复核人',
  },
  stockTabs: { levels: '库存与移库', ledger: '出入库台账', transfers: '调拨', stocktakes: '盘点', writeOffs: '报损', pending: '待我审批', inbound: '入库统计' },
  stock: {
    balance: '结存', balanceHint: '选择备件和仓库后，每行显示结存。', allWarehouses: '全部仓库', allTypes: '全部类型',
    // the ledger's system references and actors, as a clerk reads them
    ref: { OPENING: '期初库存', HIST: '历史数据导入', moveTo: '移至 {{bin}}', moveFrom: '自 {{bin}} 移入' }, systemActor: '系统（数据导入）',
  },
  binMove: { title: '移库', from: '从货位', to: '到货位', move: '移库', done: '{{partNo}} {{quantity}} {{unit}} 已移库。' },
  transfers: {
    number: '调拨单号', parts: '配件 × 数量', createdAt: '创建时间', shippedAt: '发运时间', quantity: '调拨数量', received: '实收数量', missing: '短少', shortBy: '短少 {{missing}}（已报损 {{writtenOff}}）',
    fromBin: '出库货位', toBin: '入库货位', receivedAt: '收货时间',
    writeOffMissing: '短少报损', receive: '收货', receiveTitle: '调拨单 {{number}} 收货', willMiss: '将记短少 {{n}}', rememberedBin: '默认货位', confirmReceive: '确认收货', cancel: '取消调拨',
  },
  stocktake: {
    pending: '待审批的盘点', none: '暂无盘点单。', progress: '进度', startedAt: '开始', sheet: '盘点表', sheetTitle: '盘点单 {{number}} · {{warehouse}}', blind: '盲盘（不显示账面数）',
    scan: '扫码计数（条码或配件编号）', scanUnknown: '{{code}} 不在本盘点表中。', scanned: '{{partNo}} @ {{bin}} +1', book: '账面数', variance: '差异', find: '按货位或编号筛选', onlyUncounted: '只看未盘',
    uncounted: '还有 {{n}} 行未盘点：审核后这些货位的账面数不变。仍要审核，请勾选。',
  },
  writeOff: { pending: '待我审批的报损', list: '报损单', none: '暂无报损单。', nonePending: '没有待您审批的报损（自己提交的须由其他站长审批）。', requestedBy: '申请', ofTransfer: '调拨 {{number}} 短少' },
};

const enDay: typeof zhDay = {
  common: { shown: '{{shown}} of {{total}}', more: 'Load more', export: 'Export to Excel', status: 'Status', allStatuses: 'All statuses', from: 'From', to: 'To', approve: 'Approve', reject: 'Reject', rejectReason: 'Reason to reject' },
  sort: { by: 'Sort (on the server)', option: '{{field}}, {{dir}}', ASC: 'ascending', DESC: 'descending' },
  check: {
    dayFormat: "dd/mm/yyyy", day: "Enter the day as dd/mm/yyyy, e.g. 07/12/2026.",
    number: 'Enter a number.', positive: 'The quantity must be more than 0.', notNegative: 'The quantity cannot be negative.', tooLarge: 'At most 1,000,000.', whole: 'This part is counted in whole units.', decimals: 'At most {{n}} decimals.',
    atMost: 'At most {{max}}.', vin: 'A VIN is 17 letters or digits (no I, O, Q).', money: 'Enter an amount with at most 2 decimals.', aboveCap: 'Not above the HQ cap {{cap}}.',
  },
  part: { unit: 'Unit' },
  counter: {
    keys: 'Keys: F2 search · ↑↓ select · Enter add · F4 issue/sell · F8 new repair order · Esc cancel · Alt+number pages',
    mode: 'Mode', mode_order: 'Repair order', mode_sale: 'Counter sale', repairOrders: 'Repair orders', findOrder: 'Number, plate or VIN', activeOrders: 'Not settled', allOrders: 'All', noOrders: 'No repair orders match.',
    saleDraft: 'Counter sale', customerType: 'Customer', customerName: 'Customer name', lost: 'Customer left', estimatedTotal: 'Estimated total', lostFor: 'Record {{partNo}} as a lost sale:', lostReason: 'Why', recordLost: 'Record lost sale',
    sell: 'Sell', sold: 'Counter sale {{number}} issued, total {{total}}.', lostRecorded: 'Lost sale recorded: {{partNo}} {{quantity}} {{unit}}.', vehicle: 'Vehicle', complete: 'Complete', settle: 'Settle', openedAt: 'opened',
    returnedBecause: 'returned {{quantity}}: {{reason}}', tier: 'tier {{price}}', returnReason: 'Reason for the return', returnReasons: ['Not used in the repair', 'Wrong part picked', 'Customer brought the part', 'Quality problem'], adjustPrice: 'Adjust price',
  },
  customerType: { WALK_IN: 'Walk-in (retail)', MEMBER: 'Member', WHOLESALE: 'Wholesale', INSURANCE: 'Insurance' },
  lostReason: { NOT_STOCKED: 'Not stocked here', OUT_OF_STOCK: 'Out of stock', PRICE: 'Price too high', OTHER: 'Other' },
  roStatus: { OPEN: 'Open (waiting)', IN_PROGRESS: 'In repair', COMPLETED: 'Completed', SETTLED: 'Settled', CANCELLED: 'Cancelled' },
  transferStatus: { DRAFT: 'To ship', SHIPPED: 'In transit', RECEIVED: 'Received', CANCELLED: 'Cancelled' },
  docStatus: { OPEN: 'Counting', PENDING: 'Pending', APPROVED: 'Approved', REJECTED: 'Rejected', CANCELLED: 'Cancelled' },
  movement: { SUPPLIER_RETURN: 'Supplier return', DEPOT_SHIPMENT: 'Depot shipment' },
  print: {
    station: 'Station', number: 'No.', printedAt: 'Printed', date: 'Date', total: 'Total', requestedAt: 'Requested', issuedAt: 'Issued', when: 'When', returnNo: 'Return no.',
    pickTitle: 'Pick list', issueTitle: 'Issue note', returnTitle: 'Return note', transferTitle: 'Transfer note', stocktakeTitle: 'Count sheet',
    picker: 'Collected by', issuer: 'Issued by', keeper: 'Store keeper', customer: 'Customer', returner: 'Returned by', receiver: 'Received by', shipper: 'Shipped by', carrier: 'Carrier', counter: 'Counted by', checker: 'Checked by',
  },
  stockTabs: { levels: 'Stock and bin moves', ledger: 'Ledger', transfers: 'Transfers', stocktakes: 'Stocktakes', writeOffs: 'Write-offs', pending: 'For my approval', inbound: 'Inbound statistics' },
  stock: {
    balance: 'Balance', balanceHint: 'Pick a part and a warehouse to see the balance on every row.', allWarehouses: 'All warehouses', allTypes: 'All types',
    ref: { OPENING: 'Opening balance', HIST: 'Imported history', moveTo: 'Moved to {{bin}}', moveFrom: 'Moved from {{bin}}' }, systemActor: 'System (data import)',
  },
  binMove: { title: 'Bin move', from: 'From bin', to: 'To bin', move: 'Move', done: '{{partNo}} {{quantity}} {{unit}} moved.' },
  transfers: {
    number: 'Transfer no.', parts: 'Parts × qty', createdAt: 'Created', shippedAt: 'Shipped', quantity: 'Qty', received: 'Received', missing: 'Missing', shortBy: 'missing {{missing}} (written off {{writtenOff}})',
    fromBin: 'From bin', toBin: 'To bin', receivedAt: 'Received',
    writeOffMissing: 'Write off missing', receive: 'Receive', receiveTitle: 'Receive transfer {{number}}', willMiss: '{{n}} will be recorded missing', rememberedBin: 'Remembered bin', confirmReceive: 'Confirm receipt', cancel: 'Cancel',
  },
  stocktake: {
    pending: 'Stocktakes to approve', none: 'No stocktakes.', progress: 'Progress', startedAt: 'Started', sheet: 'Count sheet', sheetTitle: 'Stocktake {{number}} · {{warehouse}}', blind: 'Blind count (hide book quantities)',
    scan: 'Scan to count (barcode or part no.)', scanUnknown: '{{code}} is not on this count sheet.', scanned: '{{partNo}} @ {{bin}} +1', book: 'Book', variance: 'Variance', find: 'Filter by bin or part no.', onlyUncounted: 'Uncounted only',
    uncounted: '{{n}} lines are not counted: approving keeps their book quantities. Tick to approve anyway.',
  },
  writeOff: { pending: 'Write-offs for my approval', list: 'Write-offs', none: 'No write-offs.', nonePending: 'Nothing for you to approve (your own requests need another manager).', requestedBy: 'Requested', ofTransfer: 'missing on {{number}}' },
};

/* The counter's records (柜台销售记录, 缺货流失记录; pages/counter-records.tsx): merged over the tables above. */
const zhRecords = {
  records: {
    mode: '销售记录', sales: '柜台销售记录', lost: '缺货流失记录', findSale: '单号或客户名称', findLost: '配件编号、名称或备注', allCustomers: '全部客户类型', allReasons: '全部原因',
    allOutcomes: '流失与紧急采购', customerLeft: '客户流失', emergency: '紧急采购', outcome: '处理', soldAt: '销售时间', customer: '客户', parts: '配件 × 数量', quantity: '总数量', amount: '金额', soldBy: '销售人',
    recordedAt: '登记时间', part: '配件', note: '备注', recordedBy: '登记人', noSales: '没有符合条件的销售记录。', noLost: '没有符合条件的流失记录。', short: '缺 {{n}}',
    partNo: '配件编号', filterPart: '按配件筛选', clearPart: '清除配件筛选', partNotFound: '未找到配件 {{partNo}}。',
    customerType: { WALK_IN: '散客', MEMBER: '会员', WHOLESALE: '批发', INSURANCE: '保险' },
    open: '查看 / 退货', sale: '销售单', close: '关闭', sold: '售出', returned: '已退', returnable: '可退', returnQty: '退货数量', returnBin: '退回货位',
    lineBin: '原货位', doReturn: '退货', returnedOk: '已退回 {{n}} {{unit}}。', saleNotFound: '找不到该销售单。',
    returnReason: '退货原因（可选）', returnReasons: ['买错型号', '客户不需要了', '质量问题', '包装破损'], returnedQty: '退 {{n}} {{unit}}', returnedWhy: '退 {{n}} {{unit}}：{{reason}}', returns: '退货记录',
    returnSlip: '已退回 {{n}} {{unit}}，退料单 {{number}}。', printSlip: '打印退料单',
  },
};

const enRecords: typeof zhRecords = {
  records: {
    mode: 'Records', sales: 'Counter sales', lost: 'Lost sales', findSale: 'Number or customer', findLost: 'Part no., name or note', allCustomers: 'All customer types', allReasons: 'All reasons',
    allOutcomes: 'Lost and emergency-bought', customerLeft: 'Customer left', emergency: 'Emergency purchase', outcome: 'Outcome', soldAt: 'Sold', customer: 'Customer', parts: 'Parts × qty', quantity: 'Total qty', amount: 'Amount', soldBy: 'Sold by',
    recordedAt: 'Recorded', part: 'Part', note: 'Note', recordedBy: 'Recorded by', noSales: 'No counter sales match.', noLost: 'No lost sales match.', short: '{{n}} short',
    partNo: 'Part no.', filterPart: 'Filter by part', clearPart: 'Clear the part filter', partNotFound: 'No part {{partNo}}.',
    customerType: { WALK_IN: 'Walk-in', MEMBER: 'Member', WHOLESALE: 'Wholesale', INSURANCE: 'Insurance' },
    open: 'Open / return', sale: 'Sale', close: 'Close', sold: 'Sold', returned: 'Returned', returnable: 'Returnable', returnQty: 'Return qty', returnBin: 'Into bin',
    lineBin: 'Its own bin', doReturn: 'Return', returnedOk: '{{n}} {{unit}} taken back.', saleNotFound: 'This sale cannot be found.',
    returnReason: 'Why (optional)', returnReasons: ['Wrong part bought', 'No longer needed', 'Quality problem', 'Damaged packaging'], returnedQty: 'returned {{n}} {{unit}}', returnedWhy: 'returned {{n}} {{unit}}: {{reason}}', returns: 'Returns',
    returnSlip: '{{n}} {{unit}} taken back, return note {{number}}.', printSlip: 'Print the return note',
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function deepMerge(into: any, from: any): any {
  for (const [k, v] of Object.entries(from)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && into[k] && typeof into[k] === 'object') deepMerge(into[k], v);
    else into[k] = v;
  }
  return into;
}
deepMerge(zh, zhDay);
deepMerge(en, enDay);
deepMerge(zh, zhIdentity);
deepMerge(en, enIdentity);
deepMerge(zh, zhRecords);
deepMerge(en, enRecords);

const LANG_KEY = 'partsgraph.lang';
const initial = localStorage.getItem(LANG_KEY) || (navigator.language?.toLowerCase().startsWith('en') ? 'en' : 'zh');

void i18n.use(initReactI18next).init({
  resources: { zh: { translation: zh }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh',
  interpolation: { escapeValue: false },
  returnNull: false,
});
i18n.addResourceBundle('zh', 'translation', purchasingZh, true, false);
i18n.addResourceBundle('en', 'translation', purchasingEn, true, false);
document.documentElement.lang = initial === 'en' ? 'en' : 'zh-CN';

export function setLanguage(lng: 'zh' | 'en'): void {
  localStorage.setItem(LANG_KEY, lng);
  document.documentElement.lang = lng === 'en' ? 'en' : 'zh-CN';
  void i18n.changeLanguage(lng);
}

export default i18n;
