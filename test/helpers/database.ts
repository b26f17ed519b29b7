/** A fresh database per test file, copied from a migrated template (see global-setup). */
import { randomBytes } from 'node:crypto';
import { ensureDatabase, withDatabase } from '../../subgraphs/shared/src';

export type Template = 'empty' | 'demo';

export function adminUrl(): string {
  const url = process.env.PARTSGRAPH_TEST_PG;
  if (!url) throw new Error('PARTSGRAPH_TEST_PG is not set: run tests through jest (global setup starts PostgreSQL)');
  return url;
}

export async function createTestDatabase(template: Template = 'demo'): Promise<string> {
  const name = `t_${template}_${randomBytes(6).toString('hex')}`;
  // Two files copying one template at the same instant: Postgres refuses the second; retry.
  for (let attempt = 0; ; attempt++) {
    try {
      await ensureDatabase(adminUrl(), name, `tpl_${template}`);
      return withDatabase(adminUrl(), name);
    } catch (err) {
      if (attempt > 20 || !/being accessed by other users/.test(String((err as Error).message))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}
