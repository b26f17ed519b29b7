/**
 * The embedded search engine: PostgreSQL in the catalog schema, no extra
 * server. Candidates come from indexes only (trigram GIN on the normalised
 * part number for any fragment and one-character typos, GIN on the text
 * terms, GIN on model ids, btree on barcode); one statement scores, ranks,
 * pulls successors in ahead of superseded parts and counts.
 *
 * Ranking (higher first): exact number or barcode 10000; number prefix
 * 400–500; number fragment 300–400; number with one wrong/swapped character
 * 200–300; text match 100 + 80 for the whole name / 40 for the name
 * containing the query − name length (shorter = closer); model-only 50.
 * A superseded part's newest successor gets the part's score + 0.5, so it
 * always lands right before it. Ties: part number, then id. Pinyin
 * initials, full pinyin and mnemonics are prefix terms of the same text
 * match (domain/search-analysis.ts); an exact mnemonic scores like the whole
 * name. A VIN filters on fit_model_ids (the models of the part and of every
 * part it supersedes).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { documentTerms, compactName, toTsQuery, vocabularyWords, type AnalysedQuery } from '../domain/search-analysis';
import { TOTAL_EXACT_UP_TO, type SearchDocument, type SearchEngine, type SearchFilters, type SearchPage, type SearchResult } from './search-engine.port';

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  constructor(private readonly ds: DataSource) {}

  async start(): Promise<void> {}

  async index(docs: SearchDocument[], tx?: EntityManager): Promise<void> {
    const db = tx ?? this.ds;
    for (let i = 0; i < docs.length; i += 2000) {
      const chunk = docs.slice(i, i + 2000);
      await db.query(
        `INSERT INTO catalog.search_doc (part_id, part_no_norm, barcode, name_norm, name_en_norm, terms, model_ids, category, successor_id, mnemonic, fit_model_ids, updated_at)
         SELECT x.id, x.no, x.barcode, x.name, x.name_en, array_to_tsvector(string_to_array(x.terms, ' ')), string_to_array(x.models, ',')::uuid[], x.category, x.successor,
                x.mnemonic, string_to_array(x.fit, ',')::uuid[], now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[], $10::text[], $11::text[])
             AS x(id, no, barcode, name, name_en, terms, models, category, successor, mnemonic, fit)
         ON CONFLICT (part_id) DO UPDATE SET part_no_norm = EXCLUDED.part_no_norm, barcode = EXCLUDED.barcode, name_norm = EXCLUDED.name_norm,
           name_en_norm = EXCLUDED.name_en_norm, terms = EXCLUDED.terms, model_ids = EXCLUDED.model_ids, category = EXCLUDED.category,
           successor_id = EXCLUDED.successor_id, mnemonic = EXCLUDED.mnemonic, fit_model_ids = EXCLUDED.fit_model_ids, updated_at = now()`,
        [
          chunk.map((d) => d.id),
          chunk.map((d) => d.partNoNorm),
          chunk.map((d) => d.barcode),
          chunk.map((d) => compactName(d.name)),
          chunk.map((d) => compactName(d.nameEn) || null),
          chunk.map((d) => documentTerms(d).join(' ')),
          chunk.map((d) => d.modelIds.join(',')),
          chunk.map((d) => d.category),
          chunk.map((d) => d.successorId),
          chunk.map((d) => d.mnemonic.toLowerCase()),
          chunk.map((d) => (d.fitModelIds ?? d.modelIds).join(',')),
        ],
      );
      // The (model, number) rows that let a model-only query (or a VIN) read its page in order: every model a part fits, supersessions followed.
      await db.query(`DELETE FROM catalog.search_doc_model WHERE part_id = ANY($1::uuid[])`, [chunk.map((d) => d.id)]);
      await db.query(
        `INSERT INTO catalog.search_doc_model (model_id, part_no_norm, part_id)
         SELECT DISTINCT unnest(fit_model_ids), part_no_norm, part_id FROM catalog.search_doc WHERE part_id = ANY($1::uuid[])`,
        [chunk.map((d) => d.id)],
      );
      const words = [...new Set(chunk.flatMap(vocabularyWords))];
      const names = [...new Set(chunk.map((d) => compactName(d.name)).filter((n) => /\p{Script=Han}/u.test(n)))];
      // The English vocabulary (typo correction) and the names pinyin is read against, in one statement.
      if (words.length || names.length) {
        await db.query(
          `WITH w AS (INSERT INTO catalog.search_term (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING)
           INSERT INTO catalog.search_name (name) SELECT unnest($2::text[]) ON CONFLICT DO NOTHING`,
          [words, names],
        );
      }
    }
  }

  async remove(ids: string[], tx?: EntityManager): Promise<void> {
    if (ids.length) await (tx ?? this.ds).query(`DELETE FROM catalog.search_doc WHERE part_id = ANY($1::uuid[])`, [ids]);
  }

  async clear(): Promise<void> {
    await this.ds.query(`TRUNCATE catalog.search_doc_model, catalog.search_doc`);
  }

  async search(q: AnalysedQuery, f: SearchFilters, page: SearchPage): Promise<SearchResult> {
    const need = page.offset + page.limit + 1;
    const first = await this.rank(q, f, page, need, page.countTotal !== false);
    // Two signals both cut at `need` could miss a part that is high in neither but high in their
    // sum, and which page shows it would depend on the page: widen both to a cap every page shares.
    const res = first.truncated >= 2 && need < WIDE_CAP ? await this.rank(q, f, page, WIDE_CAP, false) : first;
    const { rows, browse } = res;
    const hits = rows.map((r) => ({ id: r.id, score: browse ? null : Math.round(Number(r.score) * 100) / 100 }));
    if (!rows.length) return { hits, estimatedTotal: page.offset };
    if (!rows[0].more) return { hits, estimatedTotal: Number(rows[0].total) };
    if (page.countTotal === false) return { hits, estimatedTotal: page.offset + rows.length, hasMore: true };
    // Counted by the first statement (the widened one is only ever needed when that one had more).
    const n = Number(first.rows[0]?.n ?? 0);
    return n > TOTAL_EXACT_UP_TO ? { hits, estimatedTotal: TOTAL_EXACT_UP_TO, totalIsLowerBound: true } : { hits, estimatedTotal: Math.max(n, page.offset + rows.length) };
  }

  /**
   * One statement: capped candidates per signal, scored, successors pulled in, ordered, one page.
   * `withCount`: the statement also counts every hit when the candidates show there are more than
   * the page needs (a sub-select PostgreSQL runs only then) — one round trip instead of two.
   */
  private async rank(q: AnalysedQuery, f: SearchFilters, page: SearchPage, need: number, withCount: boolean) {
    const params: unknown[] = [];
    const sig = signalsOf(q, f, paramsInto(params));
    const browse = !q.text;
    if (!browse && !sig.signals.length) return { rows: [] as RankRow[], browse, truncated: 0 };
    const p = paramsInto(params);
    // Every signal contributes at most `cap` candidates, its best first (by its own score, then
    // number); one more than the page needs tells whether there are more — then the total is
    // counted instead. Full scoring, successors and sorting run on that set only.
    const cap = p(need);
    const branch = (x: Signal, i: number) => {
      const where = [x.cond, ...sig.filters].join(' AND ');
      if (!x.byModel) return `(SELECT d.part_id, ${i} AS sig FROM catalog.search_doc d WHERE ${where} ORDER BY ${x.order()} LIMIT ${cap})`;
      // Each model's parts in number order from (model, number), merged: a page costs a page of rows, however many parts fit.
      const own = [...(x.direct ? ['d.model_ids @> ARRAY[mid.id]'] : []), ...sig.filters];
      return `(SELECT part_id, ${i} AS sig FROM (SELECT DISTINCT ON (y.part_no_norm) y.part_id, y.part_no_norm FROM unnest(${x.byModel}::uuid[]) AS mid(id),
                LATERAL (SELECT m.part_id, m.part_no_norm FROM catalog.search_doc_model m JOIN catalog.search_doc d ON d.part_id = m.part_id
                          WHERE m.model_id = mid.id${own.length ? ' AND ' + own.join(' AND ') : ''} ORDER BY m.part_no_norm LIMIT ${cap}) y
               ORDER BY y.part_no_norm LIMIT ${cap}) z)`;
    };
    const browseModel = f.vehicleModelId ?? f.fitsModelId;
    const browseBy = (): Signal => browseModel
      ? { cond: 'true', byModel: `ARRAY[${p(browseModel)}::uuid]`, score: () => '0', order: () => 'd.part_no_norm' }
      : { cond: 'true', score: () => '0', order: () => 'd.part_no_norm' };
    const branches = (browse ? [browseBy()] : sig.signals).map(branch);
    const score = browse ? '0' : sig.signals.map((x) => `(${x.score()})`).join(' + ');
    // A successor is pulled in only where it would itself be a valid answer (filters, and the models the query names).
    const sWhere = [...sig.filtersOn('s'), ...(q.modelIds.length ? [`s.model_ids && ${p(q.modelIds)}::uuid[]`] : [])];
    // Order key (base score desc, number of the part that placed the row, successor first, id): a
    // pulled-in successor sits right before the superseded part that pulled it, so a page is a
    // stable prefix whatever the cap (a bigger cap only adds rows after it).
    // Some signal had more candidates than the page needs: there are more hits than the page.
    const more = `(SELECT count(*) FROM u GROUP BY sig ORDER BY 1 DESC LIMIT 1) >= ${cap}`;
    const sql = `
      WITH u AS MATERIALIZED (${branches.join(' UNION ALL ')}),
      c AS (SELECT d.part_id, d.successor_id, d.part_no_norm, ${score} AS score
              FROM (SELECT DISTINCT part_id FROM u) x JOIN catalog.search_doc d ON d.part_id = x.part_id),
      h AS (
        SELECT part_id, score, part_no_norm AS k, 1 AS own FROM c
        UNION ALL
        SELECT s.part_id, c.score, c.part_no_norm, 0 FROM c JOIN catalog.search_doc s ON s.part_id = c.successor_id ${sWhere.length ? 'WHERE ' + sWhere.join(' AND ') : ''}),
      r AS (SELECT DISTINCT ON (part_id) part_id, score, k, own FROM h ORDER BY part_id, score DESC, k, own)
      SELECT r.part_id AS id, r.score + CASE WHEN r.own = 0 THEN 0.5 ELSE 0 END AS score, count(*) OVER () AS total,
             ${more} AS more,
             (SELECT count(*) FROM (SELECT 1 FROM u GROUP BY sig HAVING count(*) >= ${cap}) t)::int AS truncated,
             ${withCount ? `CASE WHEN ${more} THEN (${countHits(sig, browse, q, p)}) END` : 'NULL::int'} AS n
        FROM r ORDER BY r.score DESC, r.k, r.own, r.part_id
       LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
    const rows: RankRow[] = await this.ds.query(sql, params);
    return { rows, browse, truncated: rows[0]?.truncated ?? 0 };
  }
}

/**
 * The number of hits (the matches and the successors they pull in), up to one more than
 * TOTAL_EXACT_UP_TO (beyond that the answer is a lower bound): counting a broad query's 20k matches
 * cost more than ranking its page. The successors a page pulls in are hits too (rank's sWhere):
 * counted once each, or the total said on a small page was short of what walking the pages gives.
 */
function countHits(sig: ReturnType<typeof signalsOf>, browse: boolean, q: AnalysedQuery, p: Param): string {
  const where = [...(browse ? [] : [`(${sig.signals.map((x) => x.cond).join(') OR (')})`]), ...sig.filters];
  const sWhere = [...sig.filtersOn('s'), ...(q.modelIds.length ? [`s.model_ids && ${p(q.modelIds)}::uuid[]`] : [])];
  return `WITH m AS MATERIALIZED (SELECT d.part_id, d.successor_id FROM catalog.search_doc d ${where.length ? 'WHERE ' + where.join(' AND ') : ''} LIMIT ${TOTAL_EXACT_UP_TO + 1})
       SELECT count(*)::int FROM (
         SELECT part_id FROM m
         UNION SELECT s.part_id FROM m JOIN catalog.search_doc s ON s.part_id = m.successor_id ${sWhere.length ? 'WHERE ' + sWhere.join(' AND ') : ''}) x`;
}

interface RankRow { id: string; score: string; total: string; more: boolean; truncated: number; n: number | null }

/** Candidates per signal when two signals both had more than a page needs. */
const WIDE_CAP = 2000;

type Param = (v: unknown) => string;
const paramsInto = (params: unknown[]): Param => (v) => {
  params.push(v);
  return `$${params.length}`;
};

interface Signal {
  /** Which documents the signal matches (index-backed). */
  cond: string;
  /** Its share of the relevance (0 when it does not match); built on first use, so a statement that only matches binds no scoring parameters. */
  score: () => string;
  /** Its own best-first order, for its capped candidate branch. */
  order: () => string;
  /** The models array parameter when candidates come in number order from search_doc_model. */
  byModel?: string;
  /** With byModel: the part must list the model itself (search_doc_model also holds the models a part fits through supersession). */
  direct?: boolean;
}

const once = (f: () => string): (() => string) => {
  let v: string | undefined;
  return () => (v ??= f());
};

/**
 * The query's signals over `d`: part number (any fragment, one typo), barcode, text (with the
 * models the query names), a model alone. Ranking (higher first): exact number or barcode 10000;
 * number prefix 400–500; fragment 300–400; one wrong/swapped character 200–300; text 100 + 80 for
 * the whole name / 40 for the name containing the query − name length; model alone 50.
 */
function signalsOf(q: AnalysedQuery, f: SearchFilters, p: Param) {
  const filtersOn = (a: string) => {
    const out: string[] = [];
    if (f.vehicleModelId) out.push(`${a}.model_ids @> ARRAY[${p(f.vehicleModelId)}::uuid]`);
    if (f.fitsModelId) out.push(`${a}.fit_model_ids @> ARRAY[${p(f.fitsModelId)}::uuid]`);
    if (f.category) out.push(`${a}.category = ${p(f.category)}`);
    if (f.inStockAtStation) {
      out.push(`EXISTS (SELECT 1 FROM catalog.part_availability av WHERE av.part_id = ${a}.part_id AND av.station_id = ${p(f.inStockAtStation)}::uuid AND av.available > 0)`);
    }
    return out;
  };
  const signals: Signal[] = [];
  if (q.numberForm) {
    const n = q.numberForm;
    const frag = p('%' + n + '%');
    const typo = q.typoPatterns.map((t) => `d.part_no_norm LIKE ${p(t)}`).join(' OR ');
    const len = `${n.length}::float / length(d.part_no_norm)`;
    const score = once(() => `CASE WHEN d.part_no_norm = ${p(n)} THEN 10000 WHEN d.part_no_norm LIKE ${p(n + '%')} THEN 400 + 100 * ${len}
      WHEN d.part_no_norm LIKE ${frag} THEN 300 + 100 * ${len}${typo ? ` WHEN (${typo}) THEN 200 + 100 * ${len}` : ''} ELSE 0 END`);
    // A branch of its own: OR-ed with the text match, the planner gave up the trigram index for a sequential scan.
    signals.push({ cond: typo ? `(d.part_no_norm LIKE ${frag} OR ${typo})` : `d.part_no_norm LIKE ${frag}`, score, order: () => `${score()} DESC, d.part_no_norm` });
  }
  if (q.barcode) {
    const b = p(q.barcode);
    signals.push({ cond: `d.barcode = ${b}`, score: () => `CASE WHEN d.barcode = ${b} THEN 10000 ELSE 0 END`, order: () => 'd.part_no_norm' });
  }
  const tsq = toTsQuery(q);
  const modelIds = q.modelIds.length ? p(q.modelIds) : null;
  const models = modelIds ? `d.model_ids && ${modelIds}::uuid[]` : null;
  if (tsq) {
    const t = `${p(tsq)}::tsquery`;
    const cond = models ? `d.terms @@ ${t} AND ${models}` : `d.terms @@ ${t}`;
    // The relevance of a row that matches (the bonuses and the name's length); the branch orders by it alone,
    // since every row it reads matches already — testing `terms @@` again per row cost a third of a broad query.
    const matched = once(() => {
      const phrases = p(q.phrases);
      // strpos, not LIKE ANY(patterns): a literal "contains" (nothing to escape), and several times cheaper per row.
      const contains = q.phrases.map((x) => {
        const ph = p(x);
        return `strpos(d.name_norm, ${ph}) > 0 OR strpos(d.name_en_norm, ${ph}) > 0`;
      }).join(' OR ') || 'false';
      const mnemonic = q.mnemonic ? ` OR d.mnemonic = ${p(q.mnemonic)}` : '';
      return `100 + CASE WHEN d.name_norm = ANY(${phrases}::text[]) OR d.name_en_norm = ANY(${phrases}::text[])${mnemonic} THEN 80
               WHEN ${contains} THEN 40 ELSE 0 END
        - least(length(d.name_norm), 30)`;
    });
    const score = once(() => `CASE WHEN ${cond} THEN ${matched()} ELSE 0 END`);
    signals.push({ cond, score, order: () => `${matched()} DESC, d.part_no_norm` });
  } else if (models && !q.numberForm && !q.barcode) {
    // A model alone: every match scores the same, so search_doc_model yields the page in number order and stops.
    signals.push({ cond: models, byModel: modelIds!, direct: true, score: () => '50', order: () => 'd.part_no_norm' });
  }
  return { signals, filters: filtersOn('d'), filtersOn };
}
