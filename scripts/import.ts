/**
 * `npm run import -- <kind> <file.csv|file.xlsx> [options]`: dispatches to
 * scripts/importers/<kind>.ts (contract in scripts/importers/README.md).
 */
import fs from 'node:fs';
import path from 'node:path';

interface Importer {
  run(args: string[], log?: (m: string) => void): Promise<{ errors: unknown[] }>;
}

async function main(): Promise<number> {
  const [kind, ...args] = process.argv.slice(2);
  const dir = path.join(__dirname, 'importers');
  const kinds = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /^[a-z-]+\.(js|ts)$/.test(f) && !f.endsWith('.d.ts')).map((f) => f.replace(/\.(js|ts)$/, '')) : [];
  if (!kind || !/^[a-z-]+$/.test(kind) || !kinds.includes(kind)) {
    console.error(`usage: npm run import -- <${[...new Set(kinds)].join('|')}> <file.csv|file.xlsx> [options]`);
    return 2;
  }
  // require, not import(): the build is CommonJS and Node's ESM loader wants file extensions.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const importer = require(path.join(dir, kind)) as Importer;
  const result = await importer.run(args);
  return result.errors.length ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  console.error(err?.message ?? err);
  process.exit(err?.message?.startsWith('usage:') ? 2 : 1);
});
