/**
 * Every root field the console names (`op: 'Query.x'`, useMissing('Subscription.y'), …) has a
 * Chinese and an English text of what the user cannot do while it is missing
 * (console/src/locales/operations.ts), so the "not offered yet" box never shows only the API's name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { OPERATIONS, operationName } from '../../console/src/locales/operations';

const SRC = path.join(__dirname, '../../console/src');
function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []);
}

describe('console operation names', () => {
  const named = new Set<string>();
  for (const f of files(SRC)) {
    if (f.endsWith('operations.ts')) continue;
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/'((?:Query|Mutation|Subscription)\.[A-Za-z]+)'/g)) named.add(m[1]);
  }

  it('finds the operations the console uses', () => {
    expect(named.has('Query.supplierOffersPage')).toBe(true);
    expect(named.has('Subscription.shortageAlerts')).toBe(true);
  });

  it('has a Chinese and an English name for each', () => {
    const missing = [...named].filter((op) => !OPERATIONS[op]?.zh || !OPERATIONS[op]?.en);
    expect(missing).toEqual([]);
    for (const op of named) {
      expect(operationName(op, 'zh')).toMatch(/^[^A-Za-z]+$/);
      expect(operationName(op, 'en')).toMatch(/^[a-z]/);
    }
  });
});
