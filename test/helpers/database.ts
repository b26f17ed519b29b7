/** A fresh database per test file, copied from a migrated template (see global-setup). */
import { randomBytes } from 'node:crypto';
import { ensureDatabase, withDatabase } from '../../subgraphs/shared/src';

export type Template = 'empty' | 'demo';

/**
 * The month the demo template is dated as of ("YYYY-MM-01"): the global setup
 * fixes it once per run (the demo's dates are relative to the day it is
 * generated), so every test file's demoData() has the template's months even
 * when a run crosses the end of a month.
 */
export function demoAsOf(): string | undefined {
  return process.env.PARTSGRAPH_DEMO_AS_OF || undefined;
}

/** The template's database name, keyed by the demo's month: a template of another month is never copied. */
export function templateName(template: Template): string {
  const asOf = demoAsOf();
  return template === 'demo' && asOf ? `tpl_demo_${asOf.slice(0, 7).replace('-', '')}` : `tpl_${template}`;
}

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
      await ensureDatabase(adminUrl(), name, templateName(template));
      return withDatabase(adminUrl(), name);
    } catch (err) {
      if (attempt > 20 || !/being accessed by other users/.test(String((err as Error).message))) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}
