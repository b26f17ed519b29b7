import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const pg = (globalThis as any).__partsgraphPg;
  if (pg) await pg.stop().catch(() => undefined);
  const dir = process.env.PARTSGRAPH_TEST_DIR;
  if (dir && dir.includes('partsgraph-test-')) fs.rmSync(dir, { recursive: true, force: true });
}
