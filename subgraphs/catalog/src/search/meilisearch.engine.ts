/**
 * The Meilisearch adapter (MEILI_HOST set). Settings are applied at start;
 * documents arrive from the catalog outbox (search-indexer.ts), so a crash
 * between a commit and the push only delays the push: the consumer's cursor
 * does not move until Meilisearch has acknowledged the task.
 *
 * Meilisearch matches word prefixes only, so a part number is also indexed
 * as all its substrings of 4+ characters (`partNoGrams`): any fragment of a
 * number is then a prefix of some gram. Models are a filter (the analysed
 * query names them), trade abbreviations go into the `synonyms` setting,
 * exact number/barcode matches are looked up by filter and put first, and a
 * superseded hit's successor is moved in right before it.
 *
 * Pinyin: a document carries `pinyinInitials` (every initials reading of the
 * name and of the abbreviations for it, from every syllable, plus the
 * mnemonic's suffixes) and `pinyinFull` (the same for full pinyin), so a
 * prefix match on them answers initials, infixes and full pinyin; `mnemonic`
 * is HQ's or the generated 助记码. Traditional characters arrive folded (the
 * query analysis). A Latin query the analysis read as Chinese (jlq → 机油滤清)
 * is sent with that reading first; Meilisearch's default `last` matching
 * strategy drops the trailing Latin word when nothing has both. A VIN
 * filters on `fitModelIds` (models through supersession).
 */
import { Meilisearch, type Index } from 'meilisearch';
import { TRADE_SYNONYMS } from '../domain/synonyms';
import { abbreviationsOf, compactName, type AnalysedQuery } from '../domain/search-analysis';
import { mnemonicTerms, pinyinTerms } from '../domain/pinyin';
import { TOTAL_EXACT_UP_TO, type SearchDocument, type SearchEngine, type SearchFilters, type SearchPage, type SearchResult } from './search-engine.port';

export const MEILI_INDEX = 'parts';

interface MeiliPart extends SearchDocument {
  partNoGrams: string[];
  superseded: number;
  pinyinInitials: string[];
  pinyinFull: string[];
}

/** The pinyin fields of a document (the embedded engine's i:/p:/m: terms without their tags). */
export function pinyinFields(d: Pick<SearchDocument, 'name' | 'mnemonic'>): { pinyinInitials: string[]; pinyinFull: string[] } {
  const name = compactName(d.name);
  const terms = [name, ...abbreviationsOf(name)].flatMap(pinyinTerms);
  const initials = new Set([...terms.filter((t) => t.startsWith('i:')), ...mnemonicTerms(d.mnemonic)].map((t) => t.slice(2)));
  return { pinyinInitials: [...initials], pinyinFull: terms.filter((t) => t.startsWith('p:')).map((t) => t.slice(2)) };
}

/** Every substring of length ≥ 4 (bounded: numbers are short). */
export function numberGrams(norm: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < norm.length; i++) for (let j = i + 4; j <= norm.length && j - i <= 16; j++) out.add(norm.slice(i, j));
  return [...out];
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

export class MeiliSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: Meilisearch;
  private readonly idx: Index<MeiliPart>;

  constructor(host: string, apiKey: string | undefined, indexUid = MEILI_INDEX) {
    this.client = new Meilisearch({ host, apiKey });
    this.idx = this.client.index<MeiliPart>(indexUid);
  }

  async start(): Promise<void> {
    await this.client.createIndex(this.idx.uid, { primaryKey: 'id' }).waitTask({ timeout: 30_000 }).catch(() => undefined);
    const synonyms: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(TRADE_SYNONYMS)) synonyms[k] = [...v];
    await this.idx
      .updateSettings({
        searchableAttributes: ['partNoNorm', 'partNoGrams', 'barcode', 'name', 'mnemonic', 'pinyinInitials', 'pinyinFull', 'nameEn', 'modelNames', 'spec', 'brand', 'category'],
        filterableAttributes: ['id', 'modelIds', 'fitModelIds', 'category', 'inStockAt', 'barcode', 'partNoNorm', 'superseded'],
        sortableAttributes: ['partNoNorm', 'superseded'],
        rankingRules: ['words', 'typo', 'proximity', 'attribute', 'exactness', 'superseded:asc', 'partNoNorm:asc'],
        typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 }, disableOnAttributes: ['barcode', 'mnemonic', 'pinyinInitials'] },
        synonyms,
        pagination: { maxTotalHits: TOTAL_EXACT_UP_TO + 1 },
      })
      .waitTask({ timeout: 60_000 });
  }

  async index(docs: SearchDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += 5000) {
      const chunk = docs.slice(i, i + 5000).map((d) => ({ ...d, partNoGrams: numberGrams(d.partNoNorm), superseded: d.successorId ? 1 : 0, ...pinyinFields(d) }));
      await this.idx.addDocuments(chunk, { primaryKey: 'id' }).waitTask({ timeout: 120_000 });
    }
  }

  async remove(ids: string[]): Promise<void> {
    if (ids.length) await this.idx.deleteDocuments(ids).waitTask({ timeout: 30_000 });
  }

  async clear(): Promise<void> {
    await this.idx.deleteAllDocuments().waitTask({ timeout: 120_000 });
  }

  async search(q: AnalysedQuery, f: SearchFilters, page: SearchPage): Promise<SearchResult> {
    const filters: string[] = [];
    if (f.vehicleModelId) filters.push(`modelIds = ${quote(f.vehicleModelId)}`);
    if (f.fitsModelId) filters.push(`fitModelIds = ${quote(f.fitsModelId)}`);
    if (f.category) filters.push(`category = ${quote(f.category)}`);
    if (f.inStockAtStation) filters.push(`inStockAt = ${quote(f.inStockAtStation)}`);
    if (q.modelIds.length) filters.push(`modelIds IN [${q.modelIds.map(quote).join(', ')}]`);
    const filter = filters.length ? filters.join(' AND ') : undefined;
    // What is left of the query once the models became a filter.
    const base = q.phrases[0] ?? '';
    const reading = q.pinyinReadings[0] && !/\p{Script=Han}/u.test(base) ? `${q.pinyinReadings[0]} ${base}` : base;
    const text = q.numberForm ?? q.barcode ?? reading;
    // Every page is cut from the same list built from the top (exact matches, then Meilisearch's
    // first offset+limit hits with successors moved in): an offset into Meilisearch alone skipped the
    // hits the exact matches and successors had pushed off the previous page, and repeated them.
    const upTo = page.offset + page.limit;
    const [exact, main] = await Promise.all([
      q.numberForm || q.barcode
        ? this.idx.search('', { filter: [`(partNoNorm = ${quote(q.numberForm ?? '')} OR barcode = ${quote(q.barcode ?? q.numberForm ?? '')})`, ...filters], limit: 5 })
        : Promise.resolve({ hits: [] as MeiliPart[] }),
      // page/hitsPerPage: Meilisearch then counts the matches exhaustively (up to maxTotalHits) instead of estimating.
      this.idx.search(text, { filter, page: 1, hitsPerPage: upTo, showRankingScore: true, sort: text ? undefined : ['partNoNorm:asc'] }),
    ]);
    const mainHits = (main.hits as (MeiliPart & { _rankingScore?: number })[]).map((h) => ({ doc: h as MeiliPart, score: text ? h._rankingScore ?? null : null }));
    const exactHits = (exact.hits as MeiliPart[]).map((doc) => ({ doc, score: 2 }));
    const hitIds = new Set([...exactHits, ...mainHits].map((h) => h.doc.id));
    const successorIds = [...new Set([...exactHits, ...mainHits].map((r) => r.doc.successorId).filter((x): x is string => !!x && !hitIds.has(x)))];
    const successors = successorIds.length
      ? ((await this.idx.getDocuments({ filter: [`id IN [${successorIds.map(quote).join(', ')}]`, ...filters], limit: successorIds.length })).results as MeiliPart[])
      : [];
    const ranking = oneRanking(exactHits, mainHits, new Map(successors.map((x) => [x.id, x])));
    const matched = (main as { totalHits?: number }).totalHits ?? mainHits.length;
    // Exact: the whole list is built once Meilisearch has no further hit; before that its count of matches (a successor that does not match is counted on the page that shows it).
    const total = mainHits.length >= matched ? ranking.length : Math.max(matched, ranking.length);
    return { hits: ranking.slice(page.offset, upTo), estimatedTotal: Math.min(total, TOTAL_EXACT_UP_TO), totalIsLowerBound: total > TOTAL_EXACT_UP_TO };
  }
}

/**
 * The one ranking the pages are cut from: exact number/barcode matches first, then Meilisearch's
 * hits in its order; a superseded part's successor (a hit itself, or looked up) goes right before
 * the first part that names it; every part once. A longer `main` only appends to the list.
 */
export function oneRanking<T extends { id: string; successorId: string | null }>(
  exact: { doc: T; score: number | null }[],
  main: { doc: T; score: number | null }[],
  successors: Map<string, T>,
): { id: string; score: number | null }[] {
  const ranked = [...exact, ...main];
  const byId = new Map<string, T>(successors);
  for (const r of ranked) if (!byId.has(r.doc.id)) byId.set(r.doc.id, r.doc);
  const out: { id: string; score: number | null }[] = [];
  const placed = new Set<string>();
  for (const r of ranked) {
    const s = r.doc.successorId;
    if (s && !placed.has(s) && byId.has(s)) {
      out.push({ id: s, score: r.score });
      placed.add(s);
    }
    if (!placed.has(r.doc.id)) {
      out.push({ id: r.doc.id, score: r.score });
      placed.add(r.doc.id);
    }
  }
  return out;
}
