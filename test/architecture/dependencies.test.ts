/**
 * The dependency rules of ARCHITECTURE.md, checked on every import:
 * a subgraph imports only its own code and subgraphs/shared; `domain/` folders
 * import neither TypeORM nor GraphQL nor any I/O; shared imports no subgraph.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const SUBGRAPHS = ['catalog', 'stock', 'procurement', 'workshop', 'identity'];
const IMPORT_RE = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm;

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [...src.matchAll(IMPORT_RE)].map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

const resolveTarget = (file: string, spec: string) => (spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec);

describe('dependency rules', () => {
  it.each(SUBGRAPHS)('the %s subgraph imports only its own code and subgraphs/shared', (name) => {
    const own = path.join(root, 'subgraphs', name);
    const shared = path.join(root, 'subgraphs', 'shared');
    const seeds = path.join(root, 'seeds', 'dataset');
    const violations: string[] = [];
    for (const file of files(path.join(own, 'src'))) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const target = resolveTarget(file, spec);
        if (target.startsWith(own + path.sep) || target.startsWith(shared + path.sep) || target === shared || target === seeds) continue;
        violations.push(`${path.relative(root, file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('subgraphs/shared imports no subgraph', () => {
    const violations = files(path.join(root, 'subgraphs', 'shared', 'src')).flatMap((file) =>
      imports(file)
        .filter((s) => s.startsWith('.') && SUBGRAPHS.some((n) => resolveTarget(file, s).startsWith(path.join(root, 'subgraphs', n))))
        .map((s) => `${path.relative(root, file)} imports ${s}`),
    );
    expect(violations).toEqual([]);
  });

  it('domain/ code is pure: no TypeORM, GraphQL, database, HTTP or clock-reading imports', () => {
    const forbidden = /^(typeorm|type-graphql|graphql|@apollo\/|pg|express|dataloader|node:(http|https|net|fs|child_process)|meilisearch)/;
    const violations: string[] = [];
    for (const name of SUBGRAPHS) {
      const domain = path.join(root, 'subgraphs', name, 'src', 'domain');
      for (const file of files(domain)) {
        for (const spec of imports(file)) {
          if (forbidden.test(spec)) violations.push(`${path.relative(root, file)} imports ${spec}`);
          if (spec.startsWith('.') && !resolveTarget(file, spec).startsWith(domain)) violations.push(`${path.relative(root, file)} imports ${spec} from outside domain/`);
        }
        if (!file.endsWith('.test.ts') && /new Date\(\)|Date\.now\(\)/.test(fs.readFileSync(file, 'utf8'))) {
          violations.push(`${path.relative(root, file)} reads the clock (pass time in)`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('the gateway does not import subgraph code other than shared', () => {
    const violations = files(path.join(root, 'gateway', 'src')).flatMap((file) =>
      imports(file)
        .filter((s) => s.startsWith('.') && SUBGRAPHS.some((n) => resolveTarget(file, s).startsWith(path.join(root, 'subgraphs', n))))
        .map((s) => `${path.relative(root, file)} imports ${s}`),
    );
    expect(violations).toEqual([]);
  });

  it('the rule catches a violation (self-check of the scanner)', () => {
    expect(imports(__filename).some((s) => s === 'node:fs')).toBe(true);
  });
});
