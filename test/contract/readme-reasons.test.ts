/**
 * The reasons table (subgraphs/shared/src/reasons.ts) is what README's list and
 * the console's Chinese and English texts are made of: README's list must be
 * what `npm run docs:reasons` writes, every reason must have a Chinese and an
 * English text that use only params the reason carries (the English one
 * exactly the Chinese one's), and no text may show an API name or an unfilled
 * placeholder.
 */
import * as fs from 'node:fs';
import { REASONS } from '../../subgraphs/shared/src/reasons';
import { README, codesOfReasons, paramsOf, withReasons } from '../../scripts/docs-reasons';
import { REASONS_ZH, ZH, fieldLabel, fillReason, reasonZh } from '../../console/src/locales/reasons';
import { REASONS_EN, EN, fieldLabelEn, fillReasonEn, reasonEn } from '../../console/src/locales/reasons-en';

const reasons = Object.keys(REASONS) as (keyof typeof REASONS)[];

describe('README reasons list', () => {
  it('is what npm run docs:reasons writes from reasons.ts', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const stale = withReasons(readme) !== readme;
    expect(stale ? 'README.md reasons list is stale: run npm run docs:reasons' : 'up to date').toBe('up to date');
    for (const r of reasons) expect(readme).toContain(`| \`${r}\` |`);
  });

  it('reads an id refusal declared as { reason, what } (ids.ts) as NOT_FOUND', () => {
    const codes = codesOfReasons();
    for (const r of ['REPAIR_ORDER_NOT_FOUND', 'STOCKTAKE_NOT_FOUND', 'USER_NOT_FOUND', 'TRANSFER_LINE_NOT_FOUND'] as const) expect(codes[r]).toEqual(['NOT_FOUND']);
  });
});

describe('console Chinese reason texts (console/src/locales/reasons.ts)', () => {
  it('has a text for every reason and none for a reason that does not exist', () => {
    expect(reasons.filter((r) => !REASONS_ZH[r])).toEqual([]);
    expect(Object.keys(REASONS_ZH).filter((r) => !(r in REASONS))).toEqual([]);
  });

  it('uses only params the reason carries, and reads cleanly when they are missing', () => {
    const problems: string[] = [];
    for (const r of reasons) {
      const zh = REASONS_ZH[r];
      const carried = new Set(paramsOf(REASONS[r]));
      for (const [, name] of zh.matchAll(/\{\{(\w+)\}\}/g)) if (!carried.has(name)) problems.push(`${r}: {{${name}}} is not a param of the reason`);
      const bare = fillReason(zh, {});
      if (/[{}[\]]/.test(bare)) problems.push(`${r}: unfilled or unbalanced in "${bare}"`);
      // No API names (camelCase, UPPER_SNAKE) in what a person reads.
      if (/\b[a-z]+[A-Z]\w*|\b[A-Z]+_[A-Z_]+\b/.test(zh.replace(/\{\{\w+\}\}/g, ''))) problems.push(`${r}: an API name in "${zh}"`);
      if (!/[\u4e00-\u9fff]/.test(zh)) problems.push(`${r}: no Chinese in "${zh}"`);
    }
    expect(problems).toEqual([]);
  });

  it('fills params as a person reads them: lines from 1, known field names, no ids, roles and statuses in Chinese', () => {
    expect(fieldLabel('lines.2.quantity')).toBe('第 2 行的数量');
    expect(fieldLabel('rows.3.partId')).toBe('第 3 行的配件');
    expect(fieldLabel('input.allowOverReceipt')).toBeUndefined();
    expect(reasonZh('QUANTITY_NOT_WHOLE', { field: 'lines.2.quantity', partNo: 'A11-1109111' })).toBe('第 2 行的数量：A11-1109111 按整数计量，请输入整数。');
    expect(reasonZh('QUANTITY_NOT_WHOLE', {})).toBe('按整数计量，请输入整数。');
    expect(reasonZh('PRICE_ABOVE_CAP', { field: 'lines.1.unitPrice', price: '130.00', cap: '128.50' })).toBe('第 1 行的单价：价格 ¥130.00 高于总部限价 ¥128.50。');
    expect(reasonZh('ROLE_REQUIRED', { roles: ['STATION_MANAGER', 'HQ_ADMIN'] })).toBe('此操作需要以下角色之一：站长、总部管理员。');
    expect(reasonZh('WRONG_STATUS', { number: 'PO-2026-0001', status: 'RECEIVED', expected: ['DRAFT', 'SUBMITTED'] })).toBe('单据 PO-2026-0001 当前状态为“已收货”，不能执行此操作（需要“草稿或已提交”）。');
    expect(reasonZh('BIN_NOT_FOUND', { binId: '6f1c3a52-0000-4000-8000-000000000000' })).not.toContain('6f1c');
    expect(reasonZh('INSUFFICIENT_STOCK', { short: [{ partId: 'x', requested: 5, available: 2 }] })).toBe('库存不足：需要 5，可用 2。');
    expect(reasonZh('NO_SUCH_REASON', {})).toBeUndefined();
  });
});

describe('console English reason texts (console/src/locales/reasons-en.ts)', () => {
  const paramsIn = (template: string) => [...new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]))].sort();

  it('has a text for every reason and none for a reason that does not exist', () => {
    expect(reasons.filter((r) => !REASONS_EN[r])).toEqual([]);
    expect(Object.keys(REASONS_EN).filter((r) => !(r in REASONS))).toEqual([]);
  });

  it("uses the Chinese text's params, only params the reason carries, and reads cleanly when they are missing", () => {
    const problems: string[] = [];
    for (const r of reasons) {
      const en = REASONS_EN[r];
      const carried = new Set(paramsOf(REASONS[r]));
      for (const name of paramsIn(en)) if (!carried.has(name)) problems.push(`${r}: {{${name}}} is not a param of the reason`);
      if (paramsIn(en).join() !== paramsIn(REASONS_ZH[r]).join()) problems.push(`${r}: params ${paramsIn(en).join(', ')} differ from the Chinese text's ${paramsIn(REASONS_ZH[r]).join(', ')}`);
      const bare = fillReasonEn(en, {});
      if (/[{}[\]]/.test(bare)) problems.push(`${r}: unfilled or unbalanced in "${bare}"`);
      if (/^[a-z]/.test(bare) || /\s[,.;:)]|\(\s|^[,.;:]/.test(bare)) problems.push(`${r}: badly spaced or not capitalised: "${bare}"`);
      if (/\b[a-z]+[A-Z]\w*|\b[A-Z]+_[A-Z_]+\b/.test(en.replace(/\{\{\w+\}\}/g, ''))) problems.push(`${r}: an API name in "${en}"`);
      if (/[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(en)) problems.push(`${r}: Chinese in "${en}"`);
    }
    expect(problems).toEqual([]);
  });

  it('names the same fields, roles, statuses and VIN problems as the Chinese words', () => {
    for (const k of ['fields', 'roles', 'statuses', 'vinProblems'] as const) expect(Object.keys(EN[k]).sort()).toEqual(Object.keys(ZH[k]).sort());
  });

  it('fills params as a person reads them: lines from 1, English field, role and status names, no ids, optional parts left out', () => {
    expect(fieldLabelEn('lines.2.quantity')).toBe("line 2's quantity");
    expect(fieldLabelEn('rows.3.partId')).toBe("row 3's part");
    expect(fieldLabelEn('input.allowOverReceipt')).toBeUndefined();
    expect(reasonEn('QUANTITY_NOT_WHOLE', { field: 'lines.2.quantity', partNo: 'A11-1109111' })).toBe("Line 2's quantity: this part (A11-1109111) is counted in whole units; enter a whole number.");
    expect(reasonEn('QUANTITY_NOT_WHOLE', {})).toBe('This part is counted in whole units; enter a whole number.');
    expect(reasonEn('PRICE_ABOVE_CAP', { field: 'lines.1.unitPrice', price: '130.00', cap: '128.50' })).toBe("Line 1's unit price: the price ¥130.00 is above the HQ price cap ¥128.50.");
    expect(reasonEn('PASSWORD_TOO_SHORT', {})).toBe('The new password is too short.');
    expect(reasonEn('ROLE_REQUIRED', { roles: ['PARTS_CLERK', 'STATION_MANAGER'] })).toBe('This needs one of these roles: Parts clerk, Station manager.');
    expect(reasonEn('WRONG_STATUS', { number: 'PO-2026-0001', status: 'SUBMITTED', expected: ['DRAFT'] })).toBe('Document PO-2026-0001: this cannot be done in the current status “Submitted”; it needs “Draft”.');
    expect(reasonEn('WRONG_STATUS', { status: 'NO_SUCH_STATUS' })).toBe('This cannot be done in the current status.');
    expect(reasonEn('BIN_NOT_FOUND', { binId: '6f1c3a52-0000-4000-8000-000000000000' })).not.toContain('6f1c');
    expect(reasonEn('INSUFFICIENT_STOCK', { short: [{ partId: 'x', partNo: 'A11-1109111', line: 1, requested: 5, available: 2 }] })).toBe('Not enough stock: A11-1109111 on line 1 (5 needed, 2 available).');
    expect(reasonEn('NO_SUCH_REASON', {})).toBeUndefined();
    // a param outside `[…]` without a text leaves no stray space
    expect(fillReasonEn('the part {{partNo}}, {{status}} ({{number}}).', { status: 'X' })).toBe('The part, ().');
  });
});
