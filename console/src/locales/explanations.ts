/**
 * 推荐订货与积压备件的说明 — the console's texts for the structured
 * explanations the server sends (API.md: ExplanationItem { reason, params }):
 * `ReorderRecommendation.explanationItems` (REORDER_…, the statistics
 * REORDER_STAT_… folded below the plain words) and `SurplusCandidate.reasons`
 * (SURPLUS_…), in Chinese and English.
 *
 * Templates work as the refusals' (./reason-template.ts, with the language's
 * words and punctuation): `{{name}}` is a param, a part in `[…]` is left out
 * when a param in it is missing. Codes among the params (demand
 * class, method, distribution) are shown by their names in the language.
 * test/contract/explanations.test.ts checks that every reason the domain can
 * emit (REORDER_EXPLANATION_REASONS, SURPLUS_EXPLANATION_REASONS) has a text
 * in both languages and that no text needs a param the reason does not carry.
 */
import { fillTemplate } from './reason-template';
import { ZH } from './reasons';
import { EN } from './reasons-en';

export type ExplanationLanguage = 'zh' | 'en';

export const EXPLANATIONS: Record<ExplanationLanguage, Record<string, string>> = {
  zh: {
    // the decision
    REORDER_ORDER_NOW: '建议订购 {{quantity}}[ {{unit}}]：库存位置 {{position}}，低于补货上限 {{orderUpTo}}。',
    REORDER_TAKE_SURPLUS_FIRST: '其他服务站有 {{offered}}[ {{unit}}] 积压可调剂，建议先调入 {{quantity}}[ {{unit}}]，再采购其余部分。',
    REORDER_SURPLUS_UNKNOWN: '暂时查不到其他服务站的积压库存，未考虑调剂。',
    REORDER_ROUNDED_TO_PACKS: '订购数量已按[每包 {{packSize}} 的整包][、最小订货量 {{minOrderQty}}]向上取整。',
    REORDER_NO_ORDER_NEEDED: '暂不需要订货：库存位置 {{position}}[ {{unit}}] 已达到补货上限 {{orderUpTo}}。',
    // why this level
    REORDER_LEVEL_FOR_FILL: '补货上限 {{orderUpTo}}[ {{unit}}]，按 {{fillRate}}% 的满足率计算[：月均需求约 {{perMonth}}][，可用约 {{coverMonths}} 个月][，交货期 {{leadTimeDays}} 天][、检查周期 {{reviewPeriodDays}} 天]。',
    REORDER_STATION_ALLOCATION: '全站目标满足率 {{target}}%，按库存成本最低分配到各配件，本配件为 {{partFillRate}}%。',
    REORDER_NOT_STOCKED_FOR_STATION: '为以最低库存达到全站 {{target}}% 的满足率，本配件不备库存[（本配件满足率 {{partFillRate}}%）]，有需求时再订。',
    REORDER_CAPPED_BY_COVER: '库存上限按最多 {{maxCoverMonths}} 个月的用量封顶：按满足率需 {{wanted}}，现取 {{cap}}[ {{unit}}][（月均 {{perMonth}}）]。',
    REORDER_CAPPED_NEW_PART: '新件的库存不超过已用总量的 {{multiple}} 倍：已用 {{used}}[ {{unit}}]，按满足率需 {{wanted}}，现取 {{cap}}。',
    REORDER_OBSOLETE: '已 {{monthsSinceLastDemand}} 个月无消耗，超过平均需求间隔（{{gapMonths}} 个月）的 {{intervals}} 倍[且不少于 {{minMonths}} 个月]，视为呆滞，不建议备货。',
    REORDER_OBSOLETE_SINGLE_DEMAND: '仅用过一次，且已 {{monthsSinceLastDemand}} 个月无消耗（满 {{thresholdMonths}} 个月即视为呆滞），不建议备货。',
    REORDER_NO_HISTORY: '近 {{months}} 个月没有消耗记录，不建议备货。',
    // the history it rests on
    REORDER_HISTORY: '依据：{{windowMonths}} 个月中有 {{demandMonths}} 个月有消耗，共 {{totalDemand}}[ {{unit}}][，最近一次在 {{monthsSinceLastDemand}} 个月前]。',
    REORDER_NEW_PART: '新件：首次消耗至今 {{windowMonths}} 个月，已用 {{used}}[ {{unit}}]，按至少 {{priorMonths}} 个月摊开，月均约 {{perMonth}}。',
    REORDER_DECLINING: '需求在减少：已 {{monthsSinceLastDemand}} 个月无消耗，预测随之降到每月约 {{perMonth}}[ {{unit}}]。',
    REORDER_QUIET_FACTOR: '已 {{monthsSinceLastDemand}} 个月无消耗（满 {{quietAfterMonths}} 个月即单独校正）：预测按本站前 {{learntFromMonths}} 个月里同类、同样久无消耗的配件实际用量校正，×{{forecastFactor}}。',
    REORDER_SEASONAL: '有季节性：未来这段时间的需求约为平均水平的 {{index}} 倍。',
    // what would change it
    REORDER_CHANGE_OBSOLETE_IN: '若再 {{months}} 个月没有消耗，将视为呆滞，不再建议备货。',
    REORDER_CHANGE_REGULAR_IN: '再有 {{months}} 个月的记录后，将按常规配件计算。',
    REORDER_CHANGE_DRIVERS: '修改目标满足率、交货期、包装或最小订货量，或者新的消耗记录，都会改变建议。',
    // added by the service
    REORDER_DEFAULT_LEAD_TIME: '没有供应商报价，交货期按默认 {{leadTimeDays}} 天计算。',
    REORDER_STOCK_FROM_PROJECTION: '库存服务暂时无法直接查询，库存取自采购端保存的库存快照。',
    // statistics (folded)
    REORDER_STAT_CLASS: '需求类型：{{demandClass}}[（平均需求间隔 ADI {{adi}}][，CV² {{cv2}}][；分界 {{adiCutoff}} / {{cv2Cutoff}}）]。',
    REORDER_STAT_METHOD: '预测方法：{{method}}[，每月 {{forecastPerMonth}}][，平滑系数 {{alpha}}][，月需求方差 {{monthVariance}}]。',
    REORDER_STAT_TREND: '趋势检验 z = {{z}}。',
    REORDER_STAT_SEASONALITY: '季节性：12 个月自相关 {{r12}}[，季节指数 {{index}}]。',
    REORDER_STAT_DISTRIBUTION: '需求分布：{{distribution}}[；交货期内需求 {{leadTimeDemand}}][，保护期内需求 {{protectionDemand}}][，安全库存 {{safetyStock}}][，订货点 {{reorderPoint}}][，模型满足率 {{modelFillRate}}%]。',
    REORDER_STAT_POSITION: '现有库存 {{onHand}}[ {{unit}}][（可用 {{available}}][，在途 {{inTransit}}][，已订未到 {{onOrder}}][，欠发 {{backorders}}）][，库存位置 {{position}}]。',
    // surplus candidates
    SURPLUS_NEVER_ISSUED: '从未领用[，最近一次入库在 {{ageMonths}} 个月前]（满 {{thresholdMonths}} 个月无领用即为呆滞）。',
    SURPLUS_NO_ISSUE: '已 {{monthsSinceLastIssue}} 个月没有领用（满 {{thresholdMonths}} 个月即为呆滞）。',
    SURPLUS_EXCESS_COVER: '按近 {{windowMonths}} 个月每月 {{monthlyDemand}} 的用量，现有库存可用 {{monthsOfCover}} 个月，超过 {{thresholdMonths}} 个月。',
    SURPLUS_KEEP: '现有 {{onHand}}，保留 {{keepQuantity}}[（{{coverMonths}} 个月的用量）]，积压 {{excessQuantity}}。',
    SURPLUS_ALREADY_LISTED: '已有 {{listed}} 在调剂板上[，还可挂出 {{listableQuantity}}]。',
    SURPLUS_RESERVED: '其中 {{reserved}} 已被预留，可用 {{available}}[，现可挂出 {{listableQuantity}}]。',
  },
  en: {
    REORDER_ORDER_NOW: 'Order {{quantity}}[ {{unit}}]: the inventory position {{position}} is below the order-up-to level {{orderUpTo}}.',
    REORDER_TAKE_SURPLUS_FIRST: 'Other stations offer {{offered}}[ {{unit}}] as surplus: take over {{quantity}}[ {{unit}}] first, buy the rest.',
    REORDER_SURPLUS_UNKNOWN: 'Other stations\' surplus could not be checked just now; it was not taken into account.',
    REORDER_ROUNDED_TO_PACKS: 'The quantity is rounded up[ to whole packs of {{packSize}}][ and to the minimum order of {{minOrderQty}}].',
    REORDER_NO_ORDER_NEEDED: 'No order needed: the inventory position {{position}}[ {{unit}}] reaches the order-up-to level {{orderUpTo}}.',
    REORDER_LEVEL_FOR_FILL: 'Order up to {{orderUpTo}}[ {{unit}}] for a {{fillRate}} % fill rate[: about {{perMonth}} a month][, about {{coverMonths}} months of cover][, lead time {{leadTimeDays}} days][, review every {{reviewPeriodDays}} days].',
    REORDER_STATION_ALLOCATION: 'The station\'s {{target}} % fill rate is spread over its parts at the least stock; this part gets {{partFillRate}} %.',
    REORDER_NOT_STOCKED_FOR_STATION: 'To reach the station\'s {{target}} % fill rate with the least stock, this part is not stocked[ (its own fill rate {{partFillRate}} %)]; order it when needed.',
    REORDER_CAPPED_BY_COVER: 'Capped at {{maxCoverMonths}} months of use: the fill rate asked for {{wanted}}, the level is {{cap}}[ {{unit}}][ ({{perMonth}} a month)].',
    REORDER_CAPPED_NEW_PART: 'A new part is stocked at most {{multiple}} × what it has used: {{used}}[ {{unit}}] used, the fill rate asked for {{wanted}}, the level is {{cap}}.',
    REORDER_OBSOLETE: 'No demand for {{monthsSinceLastDemand}} months, more than {{intervals}} × the average interval of {{gapMonths}} months[ and at least {{minMonths}} months]: obsolete, no stock recommended.',
    REORDER_OBSOLETE_SINGLE_DEMAND: 'Used only once, {{monthsSinceLastDemand}} months ago (obsolete after {{thresholdMonths}} months): no stock recommended.',
    REORDER_NO_HISTORY: 'No demand in the last {{months}} months: no stock recommended.',
    REORDER_HISTORY: 'Based on demand in {{demandMonths}} of {{windowMonths}} months, {{totalDemand}}[ {{unit}}] in all[, the last {{monthsSinceLastDemand}} months ago].',
    REORDER_NEW_PART: 'New part: {{windowMonths}} months since its first demand, {{used}}[ {{unit}}] used, spread over at least {{priorMonths}} months: about {{perMonth}} a month.',
    REORDER_DECLINING: 'Demand is falling: none for {{monthsSinceLastDemand}} months, so the forecast is down to about {{perMonth}}[ {{unit}}] a month.',
    REORDER_QUIET_FACTOR: 'No demand for {{monthsSinceLastDemand}} months ({{quietAfterMonths}} or more are corrected apart): the forecast is scaled by what this station\'s parts of the same class, silent as long, really used over the last {{learntFromMonths}} months: × {{forecastFactor}}.',
    REORDER_SEASONAL: 'Seasonal: the coming weeks expect about {{index}} × the average demand.',
    REORDER_CHANGE_OBSOLETE_IN: 'With no demand for {{months}} more months the part counts as obsolete and gets no stock.',
    REORDER_CHANGE_REGULAR_IN: 'After {{months}} more months of history the part is planned like a regular one.',
    REORDER_CHANGE_DRIVERS: 'A different target fill rate, lead time, pack size or minimum order, or new demand, changes the recommendation.',
    REORDER_DEFAULT_LEAD_TIME: 'No supplier offers this part: a lead time of {{leadTimeDays}} days is assumed.',
    REORDER_STOCK_FROM_PROJECTION: 'Stock could not be asked directly; the figures are purchasing\'s last copy of it.',
    REORDER_STAT_CLASS: 'Demand class: {{demandClass}}[ (ADI {{adi}}][, CV² {{cv2}}][; cut-offs {{adiCutoff}} / {{cv2Cutoff}})].',
    REORDER_STAT_METHOD: 'Method: {{method}}[, {{forecastPerMonth}} a month][, smoothing {{alpha}}][, monthly variance {{monthVariance}}].',
    REORDER_STAT_TREND: 'Trend test z = {{z}}.',
    REORDER_STAT_SEASONALITY: 'Seasonality: 12-month autocorrelation {{r12}}[, index {{index}}].',
    REORDER_STAT_DISTRIBUTION: 'Distribution: {{distribution}}[; lead-time demand {{leadTimeDemand}}][, protection-period demand {{protectionDemand}}][, safety stock {{safetyStock}}][, reorder point {{reorderPoint}}][, model fill rate {{modelFillRate}} %].',
    REORDER_STAT_POSITION: 'On hand {{onHand}}[ {{unit}}][ (available {{available}}][, in transit {{inTransit}}][, on order {{onOrder}}][, owed {{backorders}})][, position {{position}}].',
    SURPLUS_NEVER_ISSUED: 'Never issued[; last received {{ageMonths}} months ago] (dormant after {{thresholdMonths}} months without an issue).',
    SURPLUS_NO_ISSUE: 'No issue for {{monthsSinceLastIssue}} months (dormant after {{thresholdMonths}}).',
    SURPLUS_EXCESS_COVER: 'At {{monthlyDemand}} a month over the last {{windowMonths}} months the stock covers {{monthsOfCover}} months, more than {{thresholdMonths}}.',
    SURPLUS_KEEP: '{{onHand}} on hand: keep {{keepQuantity}}[ ({{coverMonths}} months of use)], {{excessQuantity}} surplus.',
    SURPLUS_ALREADY_LISTED: '{{listed}} already on the exchange board[; {{listableQuantity}} more can be listed].',
    SURPLUS_RESERVED: '{{reserved}} of it is reserved, {{available}} available[; {{listableQuantity}} can be listed now].',
  },
};

const CODES: Record<ExplanationLanguage, Record<string, Record<string, string>>> = {
  zh: {
    demandClass: { SMOOTH: '平稳', ERRATIC: '波动', INTERMITTENT: '间歇', LUMPY: '块状', NEW: '新件' },
    method: { SES: '简单指数平滑', DAMPED_HOLT: '阻尼趋势平滑', CROSTON_SBA: 'Croston-SBA', TSB: 'TSB（随衰减更新）', NEW_AVERAGE: '新件平均', NO_DEMAND: '无需求' },
    distribution: { NORMAL: '正态', GAMMA: '伽马', NEGATIVE_BINOMIAL: '负二项', POISSON: '泊松', NONE: '无' },
  },
  en: {
    demandClass: { SMOOTH: 'smooth', ERRATIC: 'erratic', INTERMITTENT: 'intermittent', LUMPY: 'lumpy', NEW: 'new' },
    method: { SES: 'simple exponential smoothing', DAMPED_HOLT: 'damped Holt', CROSTON_SBA: 'Croston-SBA', TSB: 'TSB', NEW_AVERAGE: 'new-part average', NO_DEMAND: 'no demand' },
    distribution: { NORMAL: 'normal', GAMMA: 'gamma', NEGATIVE_BINOMIAL: 'negative binomial', POISSON: 'Poisson', NONE: 'none' },
  },
};

/** The text of one explanation item, or undefined when the console does not know the reason. */
export function explanationText(item: { reason: string; params?: Record<string, unknown> | null }, language: ExplanationLanguage = 'zh'): string | undefined {
  const texts = EXPLANATIONS[language] ?? EXPLANATIONS.zh;
  if (!Object.prototype.hasOwnProperty.call(texts, item.reason)) return undefined;
  const params: Record<string, unknown> = { ...(item.params ?? {}) };
  for (const [name, names] of Object.entries(CODES[language] ?? CODES.zh)) {
    const v = params[name];
    if (typeof v === 'string') params[name] = names[v] ?? v;
  }
  return fillTemplate(language === 'en' ? EN : ZH, texts[item.reason], params);
}

/** Plain words first, the statistics (REORDER_STAT_…) apart, for a view that folds them. */
export function explanationTexts(items: readonly { reason: string; params?: Record<string, unknown> | null }[], language: ExplanationLanguage = 'zh'): { plain: string[]; statistics: string[] } {
  const plain: string[] = [];
  const statistics: string[] = [];
  for (const it of items) {
    const t = explanationText(it, language);
    if (t) (it.reason.startsWith('REORDER_STAT_') ? statistics : plain).push(t);
  }
  return { plain, statistics };
}
