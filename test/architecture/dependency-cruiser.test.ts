/**
 * The layering rules of ARCHITECTURE.md live in `.dependency-cruiser.cjs` and
 * run here on the real tree — and on a small tree with one planted violation
 * per rule, so that a rule which can no longer fail is caught too.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const config = path.join(root, '.dependency-cruiser.cjs');
const depcruise = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

interface Violation { rule: { name: string }; from: string; to: string }

function cruise(cwd: string, dirs: string[]): Violation[] {
  let out: string;
  try {
    out = execFileSync(process.execPath, [depcruise, '--config', config, '--output-type', 'json', ...dirs], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    out = (e as { stdout?: string }).stdout ?? ''; // exits non-zero when it finds errors; the JSON is still on stdout
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

function write(dir: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), text);
}

describe('layering rules (dependency-cruiser)', () => {
  it('the tree has no violations', () => {
    const dirs = ['subgraphs', 'gateway'].filter((d) => fs.existsSync(path.join(root, d)));
    const violations = cruise(root, dirs).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(violations).toEqual([]);
  });

  it('every rule catches its planted violation', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depcruise-planted-'));
    try {
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
      write(dir, 'tsconfig.json', JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'es2022', strict: true } }));
      write(dir, 'subgraphs/stock/src/level/level.service.ts', 'export const level = 1;\n');
      write(dir, 'subgraphs/catalog/src/domain/price.ts', [
        "import { DataSource } from 'typeorm';",
        "import fs from 'node:fs';",
        "import { level } from '../../../stock/src/level/level.service';",
        "import { helper } from '../part/part.service';",
        'export const planted = [DataSource, fs, level, helper];',
      ].join('\n'));
      write(dir, 'subgraphs/catalog/src/part/part.service.ts', 'export const helper = 1;\n');
      write(dir, 'subgraphs/catalog/src/part/part.resolver.ts', "import { Pool } from 'pg';\nexport const r = Pool;\n");
      write(dir, 'subgraphs/shared/src/kernel.ts', "import { level } from '../../stock/src/level/level.service';\nexport const k = level;\n");
      write(dir, 'gateway/src/server.ts', "import { level } from '../../subgraphs/stock/src/level/level.service';\nexport const g = level;\n");
      write(dir, 'subgraphs/stock/src/a/a.service.ts', "import { b } from '../b/b.service';\nexport const a = () => b;\n");
      write(dir, 'subgraphs/stock/src/b/b.service.ts', "import { a } from '../a/a.service';\nexport const b = () => a;\n");
      const caught = new Set(cruise(dir, ['subgraphs', 'gateway']).map((v) => v.rule.name));
      const rules = (require(config) as { forbidden: { name: string }[] }).forbidden.map((r) => r.name);
      expect([...caught].sort()).toEqual([...rules].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
