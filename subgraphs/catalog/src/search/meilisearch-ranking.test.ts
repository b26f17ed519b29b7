/**
 * The Meilisearch adapter's pages (issue 18): each page is cut from one
 * ranking built from the top, so walking pages of any size gives the list one
 * large page gives — exact matches first, each successor right before the
 * part it replaces, no repeats, no gaps. (Pure: runs without a Meilisearch.)
 */
import fc from 'fast-check';
import { oneRanking } from './meilisearch.engine';

interface Doc { id: string; successorId: string | null }

describe('Meilisearch pages: one ranking', () => {
  it('puts exact matches first and a successor right before the part it replaces, every part once', () => {
    const d = (id: string, successorId: string | null = null): Doc => ({ id, successorId });
    const hit = (doc: Doc) => ({ doc, score: 1 });
    const out = oneRanking([hit(d('x'))], [hit(d('x')), hit(d('a', 's')), hit(d('b')), hit(d('s')), hit(d('c', 'gone'))], new Map());
    expect(out.map((h) => h.id)).toEqual(['x', 's', 'a', 'b', 'c']);
    const looked = oneRanking([], [hit(d('a', 't'))], new Map([['t', d('t')]]));
    expect(looked.map((h) => h.id)).toEqual(['t', 'a']);
  });

  it('pages of any size, each built from the first offset+limit hits, walk the one large page', () => {
    const world = fc.integer({ min: 1, max: 40 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        successor: fc.array(fc.option(fc.integer({ min: 0, max: n + 8 }), { nil: null }), { minLength: n, maxLength: n }),
        exact: fc.subarray(Array.from({ length: n }, (_, i) => i), { maxLength: Math.min(3, n) }),
        size: fc.integer({ min: 1, max: 9 }),
      }));
    fc.assert(fc.property(world, ({ n, successor, exact, size }) => {
      // Parts 0..n-1 match in this order; n..n+5 match nothing but may be successors; n+6..n+8 are
      // successors the filters exclude. The adapter looks up every successor its prefix names that is not in the prefix.
      const docs = Array.from({ length: n + 6 }, (_, i): Doc => ({ id: `p${i}`, successorId: i < n && successor[i] !== null && successor[i] !== i ? `p${successor[i]}` : null }));
      const main = docs.slice(0, n).map((doc) => ({ doc, score: 1 }));
      const ex = exact.map((i) => ({ doc: docs[i], score: 2 }));
      const lookup = new Map(docs.map((x) => [x.id, x]));
      const full = oneRanking(ex, main, lookup).map((h) => h.id);
      expect(new Set(full).size).toBe(full.length);
      const walked: string[] = [];
      for (let offset = 0; offset < full.length; offset += size) {
        const page = oneRanking(ex, main.slice(0, offset + size), lookup).slice(offset, offset + size).map((h) => h.id);
        expect(page.length).toBe(Math.min(size, full.length - offset));
        walked.push(...page);
      }
      expect(walked).toEqual(full);
    }), { numRuns: 300, seed: 18 });
  });
});
