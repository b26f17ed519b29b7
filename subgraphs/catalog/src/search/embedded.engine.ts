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
import { documentTerms, compactName, escapeLike, toTsQuery, vocabularyWords, type AnalysedQuery } from '../domain/search-analysis';
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
      const words = [...new Set(chunk.flatMap(vocabularyWords))];
      if (words.length) await db.query(`INSERT INTO catalog.search_term (word) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [words]);
    }
  }

  async remove(ids: string[], tx?: EntityManager): Promise<void> {
    if (ids.length) await (tx ?? this.ds).query(`DELETE FROM catalog.search_doc WHERE part_id = ANY($1::uuid[])`, [ids]);
  }

  async clear(): Promise<void> {
    await this.ds.query(`TRUNCATE catalog.search_doc`);
  }

  async search(q: AnalysedQuery, f: SearchFilters, page: SearchPage): Promise<SearchResult> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const match: string[] = [];
    const score: string[] = [];
    if (q.numberForm) {
      const n = q.numberForm;
      const eq = p(n);
      const pre = p(n + '%');
      const frag = p('%' + n + '%');
      const len = `${n.length}::float / length(d.part_no_norm)`;
      const typo = q.typoPatterns.map((t) => `d.part_no_norm LIKE ${p(t)}`).join(' OR ');
      match.push(`d.part_no_norm LIKE ${frag}`);
      if (typo) match.push(`(${typo})`);
      score.push(`CASE WHEN d.part_no_norm = ${eq} THEN 10000 WHEN d.part_no_norm LIKE ${pre} THEN 400 + 100 * ${len}
        WHEN d.part_no_norm LIKE ${frag} THEN 300 + 100 * ${len}${typo ? ` WHEN (${typo}) THEN 200 + 100 * ${len}` : ''} ELSE 0 END`);
    }
    if (q.barcode) {
      const b = p(q.barcode);
      match.push(`d.barcode = ${b}`);
      score.push(`CASE WHEN d.barcode = ${b} THEN 10000 ELSE 0 END`);
    }
    const tsq = toTsQuery(q);
    const models = q.modelIds.length ? `d.model_ids && ${p(q.modelIds)}::uuid[]` : null;
    if (tsq) {
      const t = `${p(tsq)}::tsquery`;
      const phrases = p(q.phrases);
      const patterns = p(q.phrases.map((x) => `%${escapeLike(x)}%`));
      match.push(models ? `(d.terms @@ ${t} AND ${models})` : `d.terms @@ ${t}`);
      score.push(`CASE WHEN d.terms @@ ${t} THEN 100
        + CASE WHEN d.name_norm = ANY(${phrases}::text[]) OR d.name_en_norm = ANY(${phrases}::text[]) THEN 80
               WHEN d.name_norm LIKE ANY(${patterns}::text[]) OR d.name_en_norm LIKE ANY(${patterns}::text[]) THEN 40 ELSE 0 END
        - least(length(d.name_norm), 30) ELSE 0 END`);
    } else if (models && !q.numberForm && !q.barcode) {
      match.push(models);
      score.push('50');
    }
    const filter = (a: string) => {
      const out: string[] = [];
      if (f.vehicleModelId) out.push(`${a}.model_ids @> ARRAY[${p(f.vehicleModelId)}::uuid]`);
      if (f.category) out.push(`${a}.category = ${p(f.category)}`);
      if (f.inStockAtStation) {
        out.push(`EXISTS (SELECT 1 FROM catalog.part_availability av WHERE av.part_id = ${a}.part_id AND av.station_id = ${p(f.inStockAtStation)}::uuid AND av.available > 0)`);
      }
      return out;
    };
    const browse = !q.text;
    if (!browse && !match.length) return { hits: [], estimatedTotal: 0 };
    const where = [...(browse ? [] : [`(${match.join(' OR ')})`]), ...filter('d')];
    // A successor is pulled in only where it would itself be a valid answer (filters, and the models the query names).
    const sWhere = [...filter('s'), ...(q.modelIds.length ? [`s.model_ids && ${p(q.modelIds)}::uuid[]`] : [])];
    const sql = `
      WITH m AS (
        SELECT d.part_id, d.successor_id, ${browse ? '0' : score.map((s) => `(${s})`).join(' + ')} AS score
          FROM catalog.search_doc d ${where.length ? 'WHERE ' + where.join(' AND ') : ''}),
      h AS (
        SELECT part_id, score FROM m
        UNION ALL
        SELECT s.part_id, m.score + 0.5 FROM m JOIN catalog.search_doc s ON s.part_id = m.successor_id ${sWhere.length ? 'WHERE ' + sWhere.join(' AND ') : ''}),
      r AS (SELECT part_id, max(score) AS score FROM h GROUP BY part_id)
      SELECT r.part_id AS id, r.score, count(*) OVER () AS total
        FROM r JOIN catalog.search_doc d ON d.part_id = r.part_id
       ORDER BY r.score DESC, d.part_no_norm
       LIMIT ${p(page.limit)} OFFSET ${p(page.offset)}`;
    const rows: { id: string; score: string; total: string }[] = await this.ds.query(sql, params);
    return {
      hits: rows.map((r) => ({ id: r.id, score: browse ? null : Math.round(Number(r.score) * 100) / 100 })),
      estimatedTotal: rows.length ? Number(rows[0].total) : page.offset,
    };
  }
}
