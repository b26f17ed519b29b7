/**
 * The one layering rule dependency-cruiser cannot see, because it is about
 * code rather than imports: `domain/` never reads the clock (time is passed
 * in, convention 3). The import rules are in `.dependency-cruiser.cjs`
 * (dependency-cruiser.test.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const CLOCK = /new Date\(\s*\)|Date\.now\(\)|performance\.now\(\)/;

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

/** Lines of `source` that read the clock, ignoring comments. */
export function clockReads(source: string): string[] {
  return source
    .split('\n')
    .map((l) => l.replace(/\/\/.*$/, ''))
    .filter((l) => CLOCK.test(l));
}

describe('domain/ reads no clock', () => {
  it('no domain file reads the clock', () => {
    const subgraphs = fs.readdirSync(path.join(root, 'subgraphs')).filter((n) => n !== 'shared');
    const violations = subgraphs.flatMap((name) =>
      files(path.join(root, 'subgraphs', name, 'src', 'domain')).flatMap((file) =>
        clockReads(fs.readFileSync(file, 'utf8')).map((l) => `${path.relative(root, file)}: ${l.trim()}`),
      ),
    );
    expect(violations).toEqual([]);
  });

  it('the check catches a planted clock read and ignores one in a comment', () => {
    expect(clockReads('export const age = (t: Date) => Date.now() - t.getTime();')).toHaveLength(1);
    expect(clockReads('const d = new Date();')).toHaveLength(1);
    expect(clockReads('// never call Date.now() here\nexport const f = (now: Date) => now;')).toEqual([]);
  });
});
