/**
 * What query analysis needs from the catalog: vehicle-model names (for 瑞虎7 /
 * Tiggo 7), the English vocabulary (for typo correction) and the distinct
 * part names pinyin is read against (with their syllables, computed once per
 * name and kept across reloads). Cached per
 * process and re-read when older than a second, so a new part's words are
 * known within the 1 s freshness promise on every replica.
 */
import type { DataSource } from 'typeorm';
import { makeVocabulary, modelKeys, pinyinVocabulary, type AnalysisContext } from '../domain/search-analysis';

const TTL_MS = 1000;

export class SearchVocabulary {
  private cached: AnalysisContext | undefined;
  private loadedAt = 0;
  private loading: Promise<AnalysisContext> | undefined;
  private pinyin: AnalysisContext['pinyin'];
  private namesKey = '';

  constructor(private readonly ds: DataSource, private readonly clock: () => number = Date.now) {}

  async get(): Promise<AnalysisContext> {
    if (this.cached && this.clock() - this.loadedAt < TTL_MS) return this.cached;
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  invalidate(): void {
    this.loadedAt = 0;
  }

  private async load(): Promise<AnalysisContext> {
    const started = this.clock();
    const [models, words, names] = await Promise.all([
      this.ds.query(`SELECT id, name, name_en AS "nameEn", series FROM catalog.vehicle_model`),
      this.ds.query(`SELECT word FROM catalog.search_term`),
      this.ds.query(`SELECT name FROM catalog.search_name`),
    ]);
    const nameList: string[] = names.map((n: { name: string }) => n.name);
    const key = nameList.length + ':' + nameList.join('|').length;
    if (key !== this.namesKey) {
      this.pinyin = pinyinVocabulary(nameList);
      this.namesKey = key;
    }
    this.cached = { models: modelKeys(models), vocabulary: makeVocabulary(words.map((w: { word: string }) => w.word)), pinyin: this.pinyin };
    this.loadedAt = started;
    return this.cached;
  }
}
