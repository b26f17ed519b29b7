/**
 * 拒绝原因的中文说明 — the console's Chinese text for every refusal reason
 * (`extensions.reason`, listed in subgraphs/shared/src/reasons.ts and README,
 * "Refusals and their reasons"), with the refusal's `params` filled in.
 *
 * A template names params as `{{name}}`; a part in `[…]` is left out when a
 * param in it is missing, so a refusal with fewer params still reads well.
 * Params are shown as a person knows them: a field path becomes "第 2 行的数量"
 * (lines counted from 1, as the server sends them), roles and statuses their
 * Chinese names; ids and the API's own names (fields it does not know, flags,
 * services) are never shown. test/contract/readme-reasons.test.ts checks that
 * every reason has a text here and that no text needs a param the reason
 * does not carry.
 */

export const REASONS_ZH: Record<string, string> = {
  ACCOUNT_LOCKED: '该账号登录失败次数过多，已暂时锁定[，请于 {{until}} 之后再试]。',
  ALERT_NOT_FOUND: '找不到要从其之后继续的缺件提醒，请刷新列表。',
  ALREADY_DECIDED: '该申请已被处理过[（{{status}}）]，不能再批准或驳回。',
  ALREADY_EXISTS: '该记录已存在。',
  ALREADY_RECEIVED: '单据[ {{number}} ]已经收货，不能重复收货。',
  ALREADY_RETURNED: '货损单[ {{number}} ]的货物已经退回供应商，不能再次退货。',
  AUDIT_LOG_FORBIDDEN: '只有总部管理员和站长可以查看操作日志。',
  BAD_REQUEST: '请求格式不正确，请刷新页面后重试。',
  BARCODE_INVALID: '[{{field}}：]条码须为 8–14 位数字，EAN-13 条码的校验位须正确。',
  BARCODE_MISMATCH: '[{{field}}：]扫描的条码[ {{barcode}} ]不是该行配件[ {{partNo}} ]的条码。',
  BARCODE_TAKEN: '条码[ {{barcode}} ]已被[配件 {{takenBy}} ]使用。',
  BIN_CODE_TAKEN: '该仓库已有编码为[ {{code}} ]的货位。',
  BIN_IN_OTHER_WAREHOUSE: '[{{field}}：]所选货位不在本次操作的仓库中。',
  BIN_NOT_FOUND: '找不到该货位，可能已被删除。',
  CANNOT_GRANT_HQ_ADMIN: '只有总部管理员可以创建或指定总部管理员。',
  CATALOG_UNAVAILABLE: '配件目录（配件、价格、车型、搜索）暂时无法响应[，请 {{retryAfterSeconds}} 秒后重试]；重试不会重复提交。',
  CLAIM_NOT_RETURNABLE: '货损单[ {{number}} ]需已提交供应商（且未被拒绝或结清）才能退货[；当前为“{{status}}”]。',
  CONCURRENT_CHANGE: '有人同时修改了该记录，请重试。',
  CONFLICT: '操作与该记录的当前状态冲突，请刷新后重试。',
  CONTROL_CHARACTER: '[{{field}}：][{{variable}}：]文字中含有不允许的控制字符（备注中只允许换行和制表符）。',
  COUNTER_SALE_LINE_NOT_FOUND: '找不到该柜台销售行，请刷新后重试。',
  COUNT_BELOW_RESERVED: '实盘数低于该货位已为其他单据预留的数量，请先释放预留或重新盘点。',
  CURRENT_PASSWORD_WRONG: '当前密码不正确。',
  DAMAGED_ABOVE_RECEIVED: '[{{field}}：]货损数量[ {{damaged}} ]超过了实收数量[ {{received}} ]。',
  DAMAGE_CLAIM_NOT_FOUND: '找不到该货损单。',
  DAMAGE_REASON_REQUIRED: '[{{field}}：]有货损的行须填写货损原因。',
  DATABASE_UNAVAILABLE: '数据库暂时不可用或正在重启[，请 {{retryAfterSeconds}} 秒后重试]；本次操作未保存（用同一单据重试不会重复）。',
  DEPOT_CONFIRM_OVER_OPEN: '[第 {{line}} 行：]确认和缺货待发的数量超过了尚未处理的数量[（订购 {{ordered}}，尚未处理 {{open}}，本次确认 {{confirmed}}，缺货待发 {{backordered}}）]。',
  DEPOT_NOT_RESERVED: '[第 {{line}} 行][ {{partNo}} ]：发货数量[ {{quantity}} ]超过了备品部为该行确认（预留）且尚未发出的数量。',
  DEPOT_ORDERS_ITSELF: '备品部不能向自己订货[（{{number}}）]。',
  DEPOT_ORDER_BUSY: '备品部订单[ {{number}} ]正在处理另一次确认或发货，请稍后重试。',
  DEPOT_ORDER_CONFIRMED: '总部备品部已确认（预留）订单[ {{number}} ]的库存，服务站不能再取消，请联系总部。',
  DEPOT_ORDER_NOT_OPEN: '备品部只确认和发运已提交（或发货后仍欠货）的订单[；订单 {{number}}][ 当前为“{{status}}”]。',
  DEPOT_PRICE_FIXED: '[{{field}}：]向总部备品部订货按备品部价格[ ¥{{price}} ]结算[（{{partNo}}）]，请不要填写单价。',
  DEPOT_SHIPS_ITSELF: '向总部备品部的订单[ {{number}} ]由备品部发货时标记，服务站不能自行标记已发货。',
  DEPOT_STOCK_SHORT: '总部备品部可用库存不足，未作任何预留[：{{short}}]。',
  DOCUMENT_IN_PROGRESS: '该委托书的领料或退料单正在处理中，请稍后重试。',
  DUPLICATE_LINE: '[{{field}}：]与前面的某一行重复了同一订单行。',
  DUPLICATE_ROW: '[第 {{row}} 行：]与前面的行重复[（配件 {{partNo}}）]。',
  EMPTY_LIST: '[{{field}}：]至少需要一项。',
  ESTIMATED_PART_NOT_FOUND: '找不到该预估配件，或它不在您可查看的委托书上。',
  ESTIMATE_ALREADY_REQUISITIONED: '该预估配件已经生成过领料单。',
  EXPORT_UNKNOWN: '没有这个 Excel 导出。',
  FORBIDDEN: '您的角色或所属服务站无权执行此操作。',
  HQ_ONLY: '只有总部（总部管理员）可以执行此操作。',
  HQ_USER_HAS_NO_STATION: '总部管理员不属于任何服务站，请不要选择服务站。',
  IDEMPOTENCY_KEY_INVALID: '提交编号须为 1–[{{max}}]个字符，请刷新页面后重试。',
  IDEMPOTENCY_KEY_REUSED: '该提交编号已用于另一张单据，请刷新页面后重新提交。',
  INSUFFICIENT_STOCK: '库存不足[：{{short}}]。',
  INVALID_CODE: '[{{field}}：]编码只能包含字母、数字、“.”、“-”和“_”[，最多 {{max}} 个字符]。',
  INVALID_CREDENTIALS: '用户名或密码不正确。',
  INVALID_CURSOR: '分页位置已失效，请刷新列表。',
  INVALID_IDEMPOTENCY_KEY: '提交编号为空或过长[（{{min}}–{{max}} 个字符）]，请刷新页面后重试。',
  INVALID_MONTH: '[{{field}}：]月份[“{{value}}”]的格式不对，应写成 2026-03 这样。',
  INVALID_SETUP_CODE: '用户名或设置码不正确，或设置码已过期、已使用，请向站长索取新的设置码。',
  INVALID_VALUE: '[{{field}}：][{{variable}}：]填写的值格式不正确。',
  INVALID_VIN: 'VIN[ {{vin}} ]无效[（{{problem}}）]：VIN 为 17 位，不含 I、O、Q 和标点，第 9 位是校验位。',
  INVALID_VIN_PATTERN: 'VIN 规则前缀[ {{prefix}} ]须为[ {{minLength}} 到 {{maxLength}} 位] VIN 字符。',
  LISTING_EXHAUSTED: '该调剂信息已无剩余数量。',
  LISTING_NOT_FOUND: '找不到该调剂信息，可能已撤回。',
  LISTING_WITHDRAWN: '该调剂信息已撤回。',
  MONEY_OUT_OF_RANGE: '[{{field}}：][{{variable}}：]金额[ {{value}} ]无效：须不小于 0，整数部分最多 12 位，最多两位小数。',
  MORE_THAN_ISSUED: '退料数量超过了已发料且尚未退回的数量[（最多可退 {{returnable}}）]。',
  MORE_THAN_MISSING: '报损数量[ {{requested}} ]超过了调拨单[ {{number}} ][第 {{line}} 行]尚缺的数量[ {{missing}} ]（已扣除其他待审批的报损）。',
  MORE_THAN_REMAINS: '申请数量[ {{requested}} ]超过了调剂信息的剩余数量[ {{remaining}} ]。',
  MORE_THAN_SHIPPED: '[{{field}}：]实收数量超过了发运数量[ {{shipped}} ]。',
  NOTHING_RECEIVED: '所有行的实收数量都是 0，没有可入库的内容。',
  NOTHING_SELECTED: '[{{field}}：]请至少选择一个配件或一行。',
  NOTHING_TO_ORDER: '这些配件没有建议订货数量，无需订货。',
  NOTHING_TO_SHIP: '备品部订单[ {{number}} ]没有已确认且未发运的内容。',
  NOT_A_DEPOT: '所选服务站不是备品部。',
  NOT_A_DEPOT_ORDER: '采购订单[ {{number}} ]不是向总部备品部的订单。',
  NOT_A_LINE_OF_DOCUMENT: '[{{field}}：]该行不属于本单据[（第 {{line}} 行）]。',
  NOT_A_LINE_OF_ORDER: '[{{field}}：]该行对应的订单行不在订单[ {{number}} ]上。',
  NOT_FOUND: '未找到该记录，可能已被删除。',
  NO_BIN_TO_RETURN_INTO: '找不到可退入的货位，请指定货位或仓库。',
  NO_DEPOT: '网络中还没有备品部。',
  NO_OPEN_ESTIMATES: '该委托书没有待领料的预估配件。',
  NO_ORDINARY_BIN: '该仓库没有可放入配件的普通（非隔离）货位。',
  NO_QUARANTINE_BIN: '该仓库没有隔离货位。',
  NO_STATION: '此操作需要服务站，而您的账号未关联服务站。',
  NO_SUPPLIER_FOR_PART: '没有供应商供应该配件，请指定供应商和单价。',
  NO_SUPPLIER_OFFER: '以下配件还没有供应商报价，请先添加报价[：{{partNos}}]。',
  OFFERING_STATION_DECIDES: '只有发布调剂的服务站可以处理调剂申请。',
  ORDER_CANCELLED: '委托书[ {{number}} ]已取消，不能再修改。',
  ORDER_NOT_COMPLETED: '委托书须先完工才能结算。',
  ORDER_NOT_DRAFT: '采购订单[ {{number}} ]已不是草稿[（{{status}}）]，不能修改。',
  ORDER_SETTLED: '委托书[ {{number}} ]已结算，不能再领料、退料或调价。',
  ORDER_STATION_FIXED: '采购订单[ {{number}} ]的服务站不能更改。',
  ORDER_STATUS_CONFLICT: '采购订单[ {{number}} ]当前状态[为“{{status}}”]，不能执行此操作。',
  ORDER_UP_TO_BELOW_REORDER_POINT: '补货上限[ {{orderUpTo}} ]不能低于订货点[ {{reorderPoint}} ]。',
  OTHER_STATION: '该记录属于其他服务站，您只能处理本站的业务。',
  OTHER_STATION_USER: '站长只能管理和查看本站的用户及操作日志。',
  OUT_OF_RANGE: '[{{field}}：]数值超出允许范围[（{{min}}–{{max}}）]。',
  OVER_RECEIPT: '[{{field}}：]入库数量超过订购数量[（订购 {{ordered}}，已收 {{alreadyReceived}}，本次后将为 {{wouldBe}}）]。',
  OVER_SHIPPED: '[{{field}}：]实收数量[ {{received}} ]超过了备品部发货数量[ {{shipped}} ]。',
  OWN_LISTING: '不能申请本站自己发布的调剂。',
  PARTS_STILL_ISSUED: '该委托书仍有已发料的配件，请先退料再取消。',
  PART_NOT_FOUND: '找不到配件[ {{partNo}} ]。',
  PART_NUMBER_TAKEN: '配件编号[ {{partNo}} ]已被[配件 {{takenBy}} ]使用（比较时不区分大小写、空格和横线）。',
  PASSWORD_CONTAINS_USERNAME: '新密码不能包含用户名。',
  PASSWORD_NOT_MANAGED_HERE: '该账号通过其他方式登录（脚本令牌或外部身份提供方），在此没有密码。',
  PASSWORD_TOO_COMMON: '新密码太常见或太容易猜到，请换一个。',
  PASSWORD_TOO_LONG: '新密码过长[，最多 {{max}} 个字符]。',
  PASSWORD_TOO_SHORT: '新密码过短[，至少 {{min}} 个字符]。',
  PLATFORM_UNAVAILABLE: '系统的一部分暂时无法响应[，请 {{retryAfterSeconds}} 秒后重试]；重试不会重复提交。',
  PRICE_ABOVE_CAP: '[{{field}}：]价格[ ¥{{price}} ]高于总部限价[ ¥{{cap}} ]。',
  PURCHASE_ORDER_NOT_FOUND: '找不到该采购订单。',
  PURCHASING_UNAVAILABLE: '采购（供应商、采购订单、收货、缺件、订货建议）暂时无法响应[，请 {{retryAfterSeconds}} 秒后重试]；重试不会重复提交。',
  QUANTITY_NOT_WHOLE: '[{{field}}：][{{partNo}} ]按整数计量，请输入整数。',
  QUANTITY_OUT_OF_RANGE: '[{{field}}：]数量须大于 0[，且不超过 {{max}}]。',
  QUANTITY_TOO_PRECISE: '[{{field}}：]数量最多 3 位小数。',
  QUARANTINE_BIN: '[{{field}}：]不能从隔离货位发料，也不能收货或退料到隔离货位。',
  QUERY_INVALID: '服务器不支持这个请求，请刷新页面；如仍出现，请联系管理员。',
  QUERY_SYNTAX: '请求格式不正确，请刷新页面；如仍出现，请联系管理员。',
  QUERY_TOO_COMPLEX: '一次查询的内容太多，请缩小范围后重试。',
  RECEIPT_NOT_POSTED: '货损单[ {{number}} ]对应的入库尚未记入库存，请稍后重试。',
  REFERENCED_RECORD_NOT_FOUND: '所引用的记录不存在，可能已被删除。',
  REFRESH_TOKEN_INVALID: '登录已失效，请重新登录。',
  REFRESH_TOKEN_REUSED: '为安全起见，本次登录已结束，请重新登录。',
  REPAIR_ORDER_NOT_FOUND: '找不到该委托书。',
  REQUEST_TOO_LARGE: '一次提交的内容过多[（上限 {{maxBytes}}）]，请分批提交。',
  REQUIRED: '[{{field}}：]此项不能为空。',
  REQUISITION_LINE_NOT_FOUND: '找不到该领料行，请刷新后重试。',
  ROLE_REQUIRED: '此操作需要以下角色之一[：{{roles}}]。',
  RULE_VIOLATED: '此修改违反数据规则（例如在库数量会变为负数）。',
  SAME_BIN: '源货位和目标货位相同。',
  SAME_WAREHOUSE: '调出仓库和调入仓库相同。',
  SELF_APPROVAL: '不能审批自己提交的单据[（{{number}}）]，须由另一位站长审批。',
  SERVICE_ONLY: '此接口仅供系统内部使用。',
  SERVICE_UNAVAILABLE: '系统的一部分暂时无法响应，请稍后重试；重试不会重复提交。',
  SESSION_ENDED: '本次登录已结束（已退出、账号停用、密码已修改或已过期），请重新登录。',
  SIGN_IN_UNAVAILABLE: '登录服务暂时无法响应[，请 {{retryAfterSeconds}} 秒后重试]。',
  SORT_FIELD_UNKNOWN: '该列表不能按[“{{field}}”]排序[；可按：{{allowed}}]。',
  STATION_CODE_TAKEN: '已有编码为[ {{code}} ]的服务站。',
  STATION_NOT_FOUND: '找不到该服务站。',
  STATION_REQUIRED: '此操作需要指定服务站（总部账号请先选择服务站）。',
  STOCKTAKE_ALREADY_OPEN: '该仓库还有未结束的盘点[（{{number}}）]。',
  STOCKTAKE_CLOSED: '盘点[ {{number}} ]已不在进行中[（{{status}}）]。',
  STOCKTAKE_NOT_FOUND: '找不到该盘点单。',
  STOCK_UNAVAILABLE: '库存（库存、货位、台账、调拨、盘点、调剂）暂时无法响应，页面其他部分照常显示[，请 {{retryAfterSeconds}} 秒后重试]。',
  SUCCESSOR_NOT_FOUND: '作为替代件的配件[ {{partNo}} ]不存在。',
  SUPERSEDES_ITSELF: '配件不能替代它自己。',
  SUPERSESSION_CYCLE: '这样设置替代关系会形成循环替代。',
  SUPPLIER_DOES_NOT_OFFER_PART: '该供应商不供应配件[ {{partNo}} ]（没有报价）。',
  SUPPLIER_NOT_FOUND: '找不到该供应商。',
  SWAP_REQUEST_NOT_FOUND: '找不到该调剂申请。',
  THRESHOLD_OUT_OF_RANGE: '[{{field}}：]阈值超出允许范围。',
  TOKEN_EXPIRED: '登录已过期，请重新登录。',
  TOKEN_INVALID: '登录凭证无效，请重新登录。',
  TOKEN_KEYS_UNAVAILABLE: '暂时无法验证登录凭证，请稍后重试。',
  TOKEN_MISSING: '尚未登录，请先登录。',
  TOKEN_NO_ROLES: '您的账号在本系统中没有分配角色，请联系管理员。',
  TOO_LARGE: '[{{field}}：]数值过大[，最大 {{max}}]。',
  TOO_LONG: '[{{field}}：][{{variable}}：]文字过长[，最多 {{max}} 个字符]。',
  TOO_MANY_ATTEMPTS: '此地址登录失败次数过多[，请于 {{until}} 之后再试]。',
  TOO_MANY_LINES: '[{{field}}：]行数过多[，最多 {{max}} 行]。',
  TOO_MANY_MONTHS: '月份范围过长[，最多 {{max}} 个月]。',
  TOO_MANY_ROWS: '一次提交的行数过多[（{{count}} 行）][，最多 {{max}} 行]。',
  TOO_SMALL: '[{{field}}：]数值过小[，最小 {{min}}]。',
  TRANSFER_LINE_NOT_FOUND: '找不到该调拨行。',
  TRANSFER_NOT_FOUND: '找不到该调拨单。',
  UNKNOWN_ROLE: '登录凭证中有本系统不认识的角色[“{{role}}”]。',
  USERNAME_TAKEN: '用户名[“{{username}}”]已被使用。',
  USER_INACTIVE: '该用户已停用。',
  USER_MANAGEMENT_FORBIDDEN: '只有总部管理员和站长可以管理用户。',
  USER_NOT_FOUND: '找不到该用户。',
  VEHICLE_MODEL_CODE_TAKEN: '已有编码为[ {{code}} ]的车型。',
  VEHICLE_MODEL_NOT_FOUND: '所选车型不存在。',
  VIN_NOT_RECOGNISED: '没有与 VIN[ {{vin}} ]匹配的车型规则，无法确定适配配件；请不按 VIN 搜索，或请总部补充规则。',
  VIN_PATTERN_EXISTS: '已有相同前缀[ {{prefix}} ]和年款[（{{yearFrom}}–{{yearTo}}）]的 VIN 规则。',
  VIN_PATTERN_NOT_FOUND: '该 VIN 规则不存在或已删除。',
  WAREHOUSE_CODE_TAKEN: '本站已有编码为[ {{code}} ]的仓库。',
  WAREHOUSE_NOT_FOUND: '找不到该仓库。',
  WORKSHOP_UNAVAILABLE: '维修业务（委托书、领料、柜台销售）暂时无法响应[，请 {{retryAfterSeconds}} 秒后重试]；重试不会重复提交。',
  WRITE_OFF_NOT_FOUND: '找不到该报损单。',
  WRONG_STATUS: '单据[ {{number}} ]当前状态[为“{{status}}”]，不能执行此操作[（需要“{{expected}}”）]。',
  YEARS_REVERSED: '截止年款早于起始年款。',
  YEAR_OUT_OF_RANGE: '[{{field}}：]年款[ {{value}} ]须在[ {{min}}–{{max}} ]之间。',
  YEAR_RANGE_REVERSED: '截止年款[ {{yearTo}} ]早于起始年款[ {{yearFrom}} ]。',
};

/** Field names a path may end in, as staff call them; a name not here is left out (never shown raw). */
const FIELD_ZH: Record<string, string> = {
  quantity: '数量', unitPrice: '单价', price: '价格', partId: '配件', partNo: '配件编号', partIds: '配件', binId: '货位', bin: '货位', fromBinId: '源货位', toBinId: '目标货位',
  warehouseId: '仓库', fromWarehouseId: '调出仓库', toWarehouseId: '调入仓库', stationId: '服务站', supplierId: '供应商', received: '实收数量', damaged: '货损数量', damageReason: '货损原因',
  barcode: '条码', name: '名称', nameEn: '英文名称', spec: '规格', unit: '单位', unitPrecision: '计量精度', category: '类别', brand: '品牌', code: '编码', note: '备注', notes: '备注',
  reason: '原因', description: '说明', remark: '备注', idempotencyKey: '提交编号', vin: 'VIN', plate: '车牌', plateNo: '车牌', customerName: '客户名称', customerType: '客户类型',
  month: '月份', fromMonth: '起始月份', toMonth: '截止月份', from: '开始', to: '结束', yearFrom: '起始年款', yearTo: '截止年款', reorderPoint: '订货点', orderUpTo: '补货上限',
  retailPrice: '零售价', memberPrice: '会员价', wholesalePrice: '批发价', insurancePrice: '保险价', priceCap: '总部限价', cap: '限价', counted: '实盘数', username: '用户名',
  password: '密码', newPassword: '新密码', currentPassword: '当前密码', displayName: '姓名', phone: '电话', address: '地址', estimatedPartIds: '预估配件', first: '每页条数',
  after: '分页位置', sort: '排序', orderBy: '排序', query: '搜索词', search: '搜索词', prefix: '前缀', vehicleModelIds: '车型', modelIds: '车型', compatibleModelIds: '通用车型',
  leadTimeDays: '提前期', minOrderQty: '最小订货量', fillRate: '目标满足率', reviewDays: '订货周期', confirmed: '确认数量', backordered: '缺货待发数量', shipped: '发货数量',
  missing: '短少数量', writtenOff: '报损数量', lostReason: '流失原因', number: '单号', mileage: '里程', threshold: '阈值', thresholds: '阈值', successorPartNo: '替代件编号',
  rows: '行', lines: '行', imageUrls: '图片', expectedAt: '预计到货日期', dueDate: '日期', date: '日期',
};
const ROLE_ZH: Record<string, string> = { PARTS_CLERK: '仓管员', PURCHASER: '采购员', STATION_MANAGER: '站长', HQ_ADMIN: '总部管理员', SERVICE: '系统服务' };
const STATUS_ZH: Record<string, string> = {
  DRAFT: '草稿', SUBMITTED: '已提交', SHIPPED: '已发货', PARTIALLY_RECEIVED: '部分入库', RECEIVED: '已收货', CLOSED: '已关闭', CANCELLED: '已取消', OPEN: '进行中',
  IN_PROGRESS: '维修中', COMPLETED: '已完工', SETTLED: '已结算', PENDING: '待审批', APPROVED: '已批准', REJECTED: '已驳回', ACCEPTED: '已认可', IN_TRANSIT: '在途',
  CONFIRMED: '已确认', BACKORDERED: '缺货待发', POSTED: '已过账', WITHDRAWN: '已撤回', EXHAUSTED: '已售完', ACTIVE: '有效',
};

const VIN_PROBLEM_ZH: Record<string, string> = { length: '位数不对', characters: '含有 VIN 不允许的字符', 'check digit': '校验位不对' };

/** "lines.2.quantity" → "第 2 行的数量"; list positions come counted from 1; names not known are left out. */
export function fieldLabel(path: unknown): string | undefined {
  if (typeof path !== 'string' || !path) return undefined;
  const where: string[] = [];
  let name: string | undefined;
  for (const seg of path.split('.')) {
    if (/^\d+$/.test(seg)) where.push(where.length ? `第 ${seg} 项` : `第 ${seg} 行`);
    else if (seg !== 'lines' && seg !== 'rows' && seg !== 'input') name = FIELD_ZH[seg];
  }
  const label = where.join('') + (name ? (where.length ? `的${name}` : name) : '');
  return label || undefined;
}

const shortLine = (s: unknown): string | undefined => {
  if (!s || typeof s !== 'object') return undefined;
  const o = s as Record<string, unknown>;
  const head = [o.line !== undefined ? `第 ${o.line} 行` : '', typeof o.partNo === 'string' ? o.partNo : ''].filter(Boolean).join(' ');
  const need = o.requested !== undefined ? `需要 ${o.requested}` : '';
  const have = o.available !== undefined ? `可用 ${o.available}` : '';
  const body = [need, have].filter(Boolean).join('，');
  return [head, body].filter(Boolean).join('：') || undefined;
};

function dateTime(v: unknown): string | undefined {
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime())) return undefined;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const text = (v: unknown): string | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v !== 'string' || !v) return undefined;
  return v.length > 60 ? v.slice(0, 60) + '…' : v;
};
const list = (v: unknown, one: (x: unknown) => string | undefined, sep: string) => {
  const xs = (Array.isArray(v) ? v : [v]).map(one).filter((x): x is string => !!x);
  return xs.length ? xs.join(sep) : undefined;
};

/** One param as a person reads it; undefined leaves its `[…]` part out. */
export function paramText(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  switch (name) {
    case 'field':
    case 'variable':
      return fieldLabel(value);
    case 'allowed':
      return list(value, fieldLabel, '、');
    case 'roles':
    case 'role':
      return list(value, (r) => (typeof r === 'string' ? ROLE_ZH[r] ?? undefined : undefined), '、');
    case 'status':
    case 'expected':
      return list(value, (s) => (typeof s === 'string' ? STATUS_ZH[s] ?? undefined : undefined), '或');
    case 'short':
      return list(value, shortLine, '；');
    case 'maxBytes':
      return typeof value === 'number' && value > 0 ? (value >= 1024 * 1024 ? `${Math.round((value / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(value / 1024)} KB`) : undefined;
    case 'problem':
      return typeof value === 'string' ? VIN_PROBLEM_ZH[value] : undefined;
    case 'until':
      return dateTime(value);
    default:
      if (/(^id$|Id$|Ids$|^ids$)/.test(name)) return undefined; // ids mean nothing to a person
      return Array.isArray(value) ? list(value, text, '、') : text(value);
  }
}

/** A template with params filled in: `[…]` parts whose params are missing are left out. */
export function fillReason(template: string, params: Record<string, unknown> = {}): string {
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => paramText(k, params[k]) ?? '');
  // Spaces set Latin values off from Chinese text, never from Chinese punctuation.
  const tidy = (s: string) => s.replace(/ {2,}/g, ' ').replace(/ +([，。；：（）、“”])/g, '$1').replace(/([（“：，；、]) +/g, '$1').trim();
  return tidy(fill(
    template.replace(/\[([^\]]*)\]/g, (_, part: string) => {
      const names = [...part.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
      return names.every((k) => paramText(k, params[k]) !== undefined) ? part : '';
    }),
  ));
}

/** The Chinese text of a refusal, or undefined when the console does not know the reason. */
export function reasonZh(reason: unknown, params?: unknown): string | undefined {
  if (typeof reason !== 'string' || !Object.prototype.hasOwnProperty.call(REASONS_ZH, reason)) return undefined;
  return fillReason(REASONS_ZH[reason], params && typeof params === 'object' ? (params as Record<string, unknown>) : {});
}
