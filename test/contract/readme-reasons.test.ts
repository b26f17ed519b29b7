/**
 * The reasons table (subgraphs/shared/src/reasons.ts) is what README's list and
 * the console's Chinese texts are made of: README's list must be what
 * `npm run docs:reasons` writes, every reason must have a Chinese text that
 * uses only params the reason carries, and no text may show an API name or an
 * unfilled placeholder.
 */
import * as fs from 'node:fs';
import { REASONS } from '../../subgraphs/shared/src/reasons';
import { README, paramsOf, withReasons } from '../../scripts/docs-reasons';
import { REASONS_ZH, fieldLabel, fillReason, reasonZh } from '../../console/src/locales/reasons';

const reasons = Object.keys(REASONS) as (keyof typeof REASONS)[];

describe('README reasons list', () => {
  it('is what npm run docs:reasons writes from reasons.ts', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const stale = withReasons(readme) !== readme;
    expect(stale ? 'README.md reasons list is stale: run npm run docs:reasons' : 'up to date').toBe('up to date');
    for (const r of reasons) expect(readme).toContain(`| \`${r}\` |`);
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
