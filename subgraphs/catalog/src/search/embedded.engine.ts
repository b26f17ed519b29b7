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
 * always lands right before it. Ties: part number.
 */
import type { DataSource, EntityManager } from 'typeorm';
import { documentTerms, compactName, toTsQuery, vocabularyWords, type AnalysedQuery } from '../domain/search-analysis';
import type { SearchDocument, SearchEngine, SearchFilters, SearchPage, SearchResult } from './search-engine.port';

export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  constructor(private readonly ds: DataSource) {}

  async start(): Promise<void> {}

  async index(docs: SearchDocument[], tx?: EntityManager): Promise<void> {
    const db = tx ?? this.ds;
    for (let i = 0; i < docs.length; i += 2000) {
      const chunk = docs.slice(i, i + 2000);
      await db.query(
        `INSERT INTO catalog.search_doc (part_id, part_no_norm, barcode, name_norm, name_en_norm, terms, model_ids, category, successor_id, updated_at)
         SELECT x.id, x.no, x.barcode, x.name, x.name_en, array_to_tsvector(string_to_array(x.terms, ' ')), string_to_array(x.models, ',')::uuid[], x.category, x.successor, now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::uuid[])
             AS x(id, no, barcode, name, name_en, terms, models, category, successor)
         ON CONFLICT (part_id) DO UPDATE SET part_no_norm = EXCLUDED.part_no_norm, barcode = EXCLUDED.barcode, name_norm = EXCLUDED.name_norm,
           name_en_norm = EXCLUDED.name_en_norm, terms = EXCLUDED.terms, model_ids = EXCLUDED.model_ids, category = EXCLUDED.category,
           successor_id = EXCLUDED.successor_id, updated_at = now()`,
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
        ],
      );
      // The (model, number) rows that let a model-only query read its page in order.
      await db.query(`DELETE FROM catalog.search_doc_model WHERE part_id = ANY($1::uuid[])`, [chunk.map((d) => d.id)]);
      await db.query(
        `INSERT INTO catalog.search_doc_model (model_id, part_no_norm, part_id)
         SELECT DISTINCT unnest(model_ids), part_no_norm, part_id FROM catalog.search_doc WHERE part_id = ANY($1::uuid[])`,
        [chunk.map((d) => d.id)],
      );
      const words = [...new Set(chunk.flatMap(vocabularyWords))];
      if (words.length) await db.query(`INSERT INTO catalog.search_term (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [words]);
    }
  }

  async remove(ids: string[], tx?: EntityManager): Promise<void> {
    if (ids.length) await (tx ?? this.ds).query(`DELETE FROM catalog.search_doc WHERE part_id = ANY($1::uuid[])`, [ids]);
  }

  async clear(): Promise<void> {
    await this.ds.query(`TRUNCATE catalog.search_doc_model, catalog.search_doc`);
  }

  async search(q: AnalysedQuery, f: SearchFilters, page: SearchPage): Promise<SearchResult> {
    const params: unknown[] = [];
    const sig = signalsOf(q, f, paramsInto(params));
    const browse = !q.text;
    if (!browse && !sig.signals.length) return { hits: [], estimatedTotal: 0 };
    const p = paramsInto(params);
    // Every signal contributes at most `cap` candidates, its best first (by its own score, then
    // number); one more than the page needs tells whether there are more — then the total is
    // estimated instead of counted. Full scoring, successors and sorting run on that set only.
    const cap = p(page.offset + page.limit + 1);
    const branch = (x: Signal, i: number) => {
      const where = [x.cond, ...sig.filters].join(' AND ');
      if (!x.byModel) return `(SELECT d.part_id, ${i} AS sig FROM catalog.search_doc d WHERE ${where} ORDER BY ${x.order()} LIMIT ${cap})`;
      // Each model's parts in number order from (model, number), merged: a page costs a page of rows, however many parts fit.
      return `(SELECT part_id, ${i} AS sig FROM (SELECT DISTINCT ON (y.part_no_norm) y.part_id, y.part_no_norm FROM unnest(${x.byModel}::uuid[]) AS mid(id),
                LATERAL (SELECT m.part_id, m.part_no_norm FROM catalog.search_doc_model m JOIN catalog.search_doc d ON d.part_id = m.part_id
                          WHERE m.model_id = mid.id${sig.filters.length ? ' AND ' + sig.filters.join(' AND ') : ''} ORDER BY m.part_no_norm LIMIT ${cap}) y
               ORDER BY y.part_no_norm LIMIT ${cap}) z)`;
    };
    const browseBy = (): Signal => f.vehicleModelId
      ? { cond: 'true', byModel: `ARRAY[${p(f.vehicleModelId)}::uuid]`, score: () => '0', order: () => 'd.part_no_norm' }
      : { cond: 'true', score: () => '0', order: () => 'd.part_no_norm' };
    const branches = (browse ? [browseBy()] : sig.signals).map(branch);
    const score = browse ? '0' : sig.signals.map((x) => `(${x.score()})`).join(' + ');
    // A successor is pulled in only where it would itself be a valid answer (filters, and the models the query names).
    const sWhere = [...sig.filtersOn('s'), ...(q.modelIds.length ? [`s.model_ids && ${p(q.modelIds)}::uuid[]`] : [])];
    // Order key (base score desc, number of the part that placed the row, successor first): a
    // pulled-in successor sits right before the superseded part that pulled it, so a page is a
    // stable prefix whatever the cap (a bigger cap only adds rows after it).
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
             (SELECT count(*) FROM u GROUP BY sig ORDER BY 1 DESC LIMIT 1) >= ${cap} AS more
        FROM r ORDER BY r.score DESC, r.k, r.own
       LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
    const rows: { id: string; score: string; total: string; more: boolean }[] = await this.ds.query(sql, params);
    const hits = rows.map((r) => ({ id: r.id, score: browse ? null : Math.round(Number(r.score) * 100) / 100 }));
    if (!rows.length) return { hits, estimatedTotal: page.offset };
    if (!rows[0].more) return { hits, estimatedTotal: Number(rows[0].total) };
    return { hits, estimatedTotal: Math.max(await this.estimate(q, f, browse), page.offset + page.limit + 1) };
  }

  /**
   * The total when there are more matches than the page needs: counted up to COUNT_CAP (exact for
   * all but broad queries), beyond that the planner's row estimate (no scan). Counting a broad
   * query's 20k matches cost more than ranking its page.
   */
  private async estimate(q: AnalysedQuery, f: SearchFilters, browse: boolean): Promise<number> {
    const params: unknown[] = [];
    const sig = signalsOf(q, f, paramsInto(params));
    const where = [...(browse ? [] : [`(${sig.signals.map((x) => x.cond).join(') OR (')})`]), ...sig.filters];
    const from = `FROM catalog.search_doc d ${where.length ? 'WHERE ' + where.join(' AND ') : ''}`;
    const [{ n }]: { n: number }[] = await this.ds.query(`SELECT count(*)::int AS n FROM (SELECT 1 ${from} LIMIT ${COUNT_CAP}) x`, params);
    if (n < COUNT_CAP) return n;
    const plan: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] = await this.ds.query(`EXPLAIN (FORMAT JSON) SELECT 1 ${from}`, params);
    return Math.max(COUNT_CAP, Math.round(plan[0]['QUERY PLAN'][0].Plan['Plan Rows']));
  }
}

/** Totals up to this many are counted exactly; above it they are the planner's estimate. */
const COUNT_CAP = 1000;

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
    const score = once(() => {
      const phrases = p(q.phrases);
      // strpos, not LIKE ANY(patterns): a literal "contains" (nothing to escape), and several times cheaper per row.
      const contains = q.phrases.map((x) => {
        const ph = p(x);
        return `strpos(d.name_norm, ${ph}) > 0 OR strpos(d.name_en_norm, ${ph}) > 0`;
      }).join(' OR ') || 'false';
      return `CASE WHEN ${cond} THEN 100
        + CASE WHEN d.name_norm = ANY(${phrases}::text[]) OR d.name_en_norm = ANY(${phrases}::text[]) THEN 80
               WHEN ${contains} THEN 40 ELSE 0 END
        - least(length(d.name_norm), 30) ELSE 0 END`;
    });
    signals.push({ cond, score, order: () => `${score()} DESC, d.part_no_norm` });
  } else if (models && !q.numberForm && !q.barcode) {
    // A model alone: every match scores the same, so search_doc_model yields the page in number order and stops.
    signals.push({ cond: models, byModel: modelIds!, score: () => '50', order: () => 'd.part_no_norm' });
  }
  return { signals, filters: filtersOn('d'), filtersOn };
}
