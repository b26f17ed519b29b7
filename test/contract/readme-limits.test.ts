/** README's "Input limits" table states the limits the code applies (subgraphs/shared/src/limits.ts) and names only reasons that exist. */
import fs from 'node:fs';
import path from 'node:path';
import { LIMITS, MAX_PAGE_SIZE, REASONS } from '../../subgraphs/shared/src';

const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
const table = readme.slice(readme.indexOf('**Input limits**'), readme.indexOf('<!-- reasons:start'));

describe('README input limits', () => {
  it('gives every limit of limits.ts with its value', () => {
    const row = (what: string) => table.split('\n').find((l) => l.startsWith(`| ${what}`)) ?? '';
    expect(row('names, codes')).toContain(`${LIMITS.shortText} characters`);
    expect(row('notes, reasons')).toContain(`${LIMITS.longText} characters`);
    expect(row('idempotency keys')).toContain(`${LIMITS.idempotencyKey.min}–${LIMITS.idempotencyKey.max} characters`);
    expect(row('lines of one document')).toContain(`${LIMITS.documentLines} entries`);
    expect(row('rows of one import')).toContain(`${LIMITS.importRows} entries`);
    expect(row('quantities')).toContain(`at most ${LIMITS.quantity.max}`);
    expect(row('quantities')).toContain(`at most ${LIMITS.quantity.decimals} decimals`);
    expect(row('money')).toContain(`${LIMITS.money.integerDigits} integer digits and ${LIMITS.money.decimals} decimals`);
    expect(row('`first`')).toContain(`capped at ${MAX_PAGE_SIZE}`);
  });

  it('names only reasons of the reasons table', () => {
    const named = [...table.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1]).filter((n) => n !== 'BAD_USER_INPUT');
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((n) => !(n in REASONS))).toEqual([]);
  });
});
