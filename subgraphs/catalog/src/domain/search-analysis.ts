/**
 * What a parts-counter query means, worked out before any engine sees it:
 * cleaning (NFKC, case, control characters), part-number and barcode forms,
 * one-character typo variants of a number, vehicle models named in either
 * language (瑞虎7 / Tiggo 7), trade abbreviations (机滤 → 机油滤清器) and
 * English typo correction against the catalog's own vocabulary. Also the
 * terms a part is indexed under. Pure: no I/O, no clock.
 *
 * Chinese has no word boundaries and PostgreSQL has no Chinese tokenizer, so
 * Chinese text is indexed as character unigrams and bigrams: a query's
 * bigrams all present ≈ the fragment occurs (机油滤 → 机油 & 油滤).
 *
 * Pinyin (domain/pinyin.ts): a document also carries `i:` (initials), `p:`
 * (full pinyin) and `m:` (mnemonic) terms, every suffix from a syllable, so
 * a Latin query word matches them as a prefix — whole, prefix or infix
 * initials, full pinyin, HQ's mnemonic. The analysis also reads a Latin word
 * against the catalog's names and the trade abbreviations (`pinyin` in the
 * context) and adds the Chinese it stands for as an alternative (jylq →
 * 机油滤清, sha che pian → 刹车片, jlq → 机油滤清 with a syllable left out):
 * that gives pinyin queries the same ranking as the Chinese, and both engines
 * the same reading. Traditional characters are folded to simplified in
 * cleanText, for documents and queries alike.
 */
import { TRADE_SYNONYMS } from './synonyms';
import { foldTraditional, matchPinyin, mnemonicTerms, pinyinEntry, pinyinTerms, pinyinWord, type PinyinEntry } from './pinyin';

/** Longer queries are refused (BAD_USER_INPUT); nobody types 200 characters at a parts counter. */
export const MAX_QUERY_CHARS = 200;
const MAX_TOKENS = 24;
const MAX_ALTERNATIVES = 8;

const HAN = /\p{Script=Han}/u;
const RUN = /(\p{Script=Han}+)|([\p{L}\p{N}]+)/gu;

/** NFKC, traditional → simplified, lowercase, control/format characters removed, whitespace collapsed. */
export function cleanText(raw: string): string {
  return foldTraditional(raw.normalize('NFKC'))
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Co}]/gu, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A name as compared for exact/contains bonuses: cleaned, spaces kept only between Latin words. */
export function compactName(s: string | null | undefined): string {
  if (!s) return '';
  return cleanText(s).replace(/\s*(\p{Script=Han})\s*/gu, '$1');
}

/** Unigrams + bigrams of Chinese runs, words of everything else. */
export function textTerms(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of cleanText(text).matchAll(RUN)) {
    if (m[1]) {
      const chars = [...m[1]];
      for (let i = 0; i < chars.length; i++) {
        out.push(chars[i]);
        if (i + 1 < chars.length) out.push(chars[i] + chars[i + 1]);
      }
    } else if (m[2]) out.push(m[2]);
  }
  return out;
}

/** The trade abbreviations whose expansion the name contains (机油滤清器 ← 机滤, 机油格, 油格 …): their pinyin finds the part too. */
export function abbreviationsOf(name: string, synonyms: Readonly<Record<string, readonly string[]>> = TRADE_SYNONYMS): string[] {
  const n = compactName(name);
  return Object.entries(synonyms).filter(([k, exp]) => !n.includes(k) && exp.some((e) => n.includes(e))).map(([k]) => k);
}

/** The terms a part is found under by text (numbers and models are matched separately): words, pinyin of the name (and of abbreviations for it), the mnemonic. */
export function documentTerms(doc: { name: string; nameEn?: string | null; spec?: string | null; category?: string | null; brand?: string | null; mnemonic?: string | null }): string[] {
  const name = compactName(doc.name);
  return [...new Set([
    ...[doc.name, doc.nameEn, doc.spec, doc.category, doc.brand].flatMap(textTerms),
    ...[name, ...abbreviationsOf(name)].flatMap(pinyinTerms),
    ...(doc.mnemonic ? mnemonicTerms(doc.mnemonic) : []),
  ])];
}

/** What pinyin may stand for: the catalog's distinct names and the trade abbreviations. */
export function pinyinVocabulary(names: Iterable<string>, synonyms: Readonly<Record<string, readonly string[]>> = TRADE_SYNONYMS): PinyinEntry[] {
  const texts = new Set<string>();
  for (const n of names) {
    const c = compactName(n);
    if (/\p{Script=Han}/u.test(c)) texts.add(c);
  }
  for (const k of Object.keys(synonyms)) if (/\p{Script=Han}/u.test(k)) texts.add(k);
  return [...texts].sort().map(pinyinEntry);
}

/** English words a typo may be corrected to (from names and brands). */
export function vocabularyWords(doc: { nameEn?: string | null; brand?: string | null }): string[] {
  return [...new Set([doc.nameEn, doc.brand].flatMap(textTerms).filter((w) => /^[a-z]{3,}$/.test(w)))];
}

/** Optimal string alignment distance (Levenshtein + adjacent swaps), stopping early beyond `max`. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export interface Vocabulary {
  /** Sorted, unique. */
  words: readonly string[];
}

export function makeVocabulary(words: Iterable<string>): Vocabulary {
  return { words: [...new Set(words)].sort() };
}

function hasPrefix(v: Vocabulary, w: string): boolean {
  let lo = 0;
  let hi = v.words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.words[mid] < w) lo = mid + 1;
    else hi = mid;
  }
  return lo < v.words.length && v.words[lo].startsWith(w);
}

/** The closest known word for an unknown English word, or null (known words, short words and numbers are left alone). */
export function correctWord(v: Vocabulary, w: string): string | null {
  if (!/^[a-z]{4,}$/.test(w) || hasPrefix(v, w)) return null;
  const max = w.length >= 8 ? 2 : 1;
  let best: string | null = null;
  let bestD = max + 1;
  for (const cand of v.words) {
    const d = editDistance(w, cand, max);
    // A typo in a prefix ("fliter" → "filter") or of a whole word.
    const dp = cand.length > w.length ? editDistance(w, cand.slice(0, w.length), max) : d;
    const dist = Math.min(d, dp + 0.5);
    if (dist < bestD || (dist === bestD && best !== null && cand.length < best.length)) {
      best = cand;
      bestD = dist;
    }
  }
  return bestD <= max ? best : null;
}

/** A vehicle model as queries name it: compact keys in both languages (瑞虎7, tiggo7). */
export interface ModelKey {
  key: string;
  modelIds: string[];
}

/** Keys for a set of models: each model's Chinese and English names, and each series (瑞虎 / tiggo → all of them). */
export function modelKeys(models: readonly { id: string; name: string; nameEn: string | null; series: string }[]): ModelKey[] {
  const map = new Map<string, Set<string>>();
  const add = (k: string | null | undefined, id: string) => {
    const key = k ? cleanText(k).replace(/\s+/g, '') : '';
    if (key.length < 2) return;
    let s = map.get(key);
    if (!s) map.set(key, (s = new Set()));
    s.add(id);
  };
  for (const m of models) {
    add(m.name, m.id);
    add(m.nameEn, m.id);
    add(m.series, m.id);
    // The Chinese series name is the model name without its number (瑞虎7 → 瑞虎).
    const zhSeries = /^(\p{Script=Han}+)/u.exec(cleanText(m.name))?.[1];
    add(zhSeries, m.id);
  }
  return [...map.entries()]
    .map(([key, ids]) => ({ key, modelIds: [...ids].sort() }))
    .sort((a, b) => b.key.length - a.key.length || a.key.localeCompare(b.key));
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface AnalysedQuery {
  /** The cleaned query; '' means "browse" (filters only). */
  text: string;
  /** Normalised part-number form when the query could be (part of) a part number. */
  numberForm: string | null;
  /** LIKE patterns for the number with one wrong or two swapped characters. */
  typoPatterns: string[];
  /** Digits only, 8–14 long: a barcode (exact). */
  barcode: string | null;
  /** Vehicle models named in the query; parts must fit one of them. */
  modelIds: string[];
  /** Text alternatives (synonym expansions, typo corrections); each is a list of term groups, every group must match one of its terms. */
  alternatives: { groups: string[][] }[];
  /** Whole-name phrases for exact / contains bonuses (the query, its expansions and corrections, the Chinese its pinyin reads as). */
  phrases: string[];
  /** The query as a mnemonic (letters and digits, lowercase) for the exact-mnemonic bonus; null when it cannot be one. */
  mnemonic: string | null;
  /** The Chinese the query's pinyin reads as, best first (engines that search one text use the first when the query has no Chinese). */
  pinyinReadings: string[];
}

export interface AnalysisContext {
  models: readonly ModelKey[];
  vocabulary: Vocabulary;
  synonyms?: Readonly<Record<string, readonly string[]>>;
  /** Names and abbreviations a pinyin word may stand for (pinyinVocabulary); the abbreviations alone when absent. */
  pinyin?: readonly PinyinEntry[];
}

let abbreviationEntries: PinyinEntry[] | undefined;

/**
 * Term groups for one alternative text: Chinese bigrams (unigram for one
 * character), Latin words with their typo corrections and as pinyin
 * initials, full pinyin and mnemonic (prefix terms). `corrected`: the text
 * with typos corrected, when any was.
 */
function groupsOf(text: string, v: Vocabulary): { groups: string[][]; corrected: string | null } {
  const groups: string[][] = [];
  const words: string[] = [];
  let fixed = false;
  for (const m of text.matchAll(RUN)) {
    if (m[1]) {
      const chars = [...m[1]];
      if (chars.length === 1) groups.push([chars[0]]);
      for (let i = 0; i + 1 < chars.length; i++) groups.push([chars[i] + chars[i + 1]]);
      words.push(m[1]);
    } else if (m[2]) {
      const w = m[2];
      const fix = correctWord(v, w);
      const g = fix ? [w, fix] : [w];
      const py = pinyinWord(w);
      if (py) g.push('i:' + py, 'p:' + py);
      if (/^[a-z0-9]{2,40}$/.test(w)) g.push('m:' + w);
      groups.push(g);
      words.push(fix ?? w);
      fixed ||= !!fix;
    }
    if (groups.length >= MAX_TOKENS) break;
  }
  return { groups, corrected: fixed ? words.join(' ') : null };
}

/**
 * Chinese readings of the query's pinyin: a single Latin word is replaced by
 * what it reads as (瑞虎7 jl → 机滤); several Latin words are read together
 * (sha che pian → 刹车片). Each reading is one alternative text.
 */
function pinyinAlternatives(base: string, entries: readonly PinyinEntry[]): string[] {
  const latin = [...base.matchAll(/[a-z\u00fc]+/g)].filter((m) => {
    const before = base[m.index! - 1];
    const after = base[m.index! + m[0].length];
    return !(before && /[0-9]/.test(before)) && !(after && /[0-9]/.test(after));
  });
  if (!latin.length) return [];
  const out: string[] = [];
  if (latin.length === 1) {
    const m = latin[0];
    const w = pinyinWord(m[0]);
    if (!w) return [];
    for (const r of matchPinyin(w, entries, 4)) out.push(compactName(base.slice(0, m.index) + ' ' + r.fragment + ' ' + base.slice(m.index! + m[0].length)));
    return out;
  }
  // Several words: read together when they are the whole Latin part and adjacent.
  const first = latin[0].index!;
  const last = latin[latin.length - 1];
  const span = base.slice(first, last.index! + last[0].length);
  if (!/^[a-z\u00fc ]+$/.test(span)) return [];
  const w = pinyinWord(span.replace(/ /g, ''));
  if (!w) return [];
  for (const r of matchPinyin(w, entries, 4)) out.push(compactName(base.slice(0, first) + ' ' + r.fragment + ' ' + base.slice(last.index! + last[0].length)));
  return out;
}

export function analyseQuery(raw: string, c: AnalysisContext): AnalysedQuery {
  const text = cleanText(raw);
  const synonyms = c.synonyms ?? TRADE_SYNONYMS;
  // Vehicle models: longest key first, whitespace inside a key optional (Tiggo7 = Tiggo 7).
  let rest = text;
  const modelIds = new Set<string>();
  for (const m of c.models) {
    const re = new RegExp([...m.key].map(escapeRegex).join('\\s*'), 'u');
    const hit = re.exec(rest);
    if (!hit) continue;
    // "瑞虎7" must not swallow the start of "瑞虎75"-like words: a model key ends at a boundary.
    const after = rest[hit.index + hit[0].length];
    if (after && /[0-9]/.test(after) && /[0-9]$/.test(m.key)) continue;
    m.modelIds.forEach((id) => modelIds.add(id));
    rest = (rest.slice(0, hit.index) + ' ' + rest.slice(hit.index + hit[0].length)).replace(/\s+/g, ' ').trim();
  }

  const compact = rest.replace(/[\s\-_./\\]+/g, '');
  const numberForm = /^[a-z0-9]{3,40}$/.test(compact) && /[0-9]/.test(compact) && !HAN.test(rest) ? compact.toUpperCase() : null;
  const barcode = /^[0-9]{8,14}$/.test(compact) ? compact : null;
  const typoPatterns: string[] = [];
  if (numberForm && numberForm.length >= 6 && numberForm.length <= 24) {
    const n = numberForm;
    for (let i = 0; i < n.length; i++) typoPatterns.push(`%${n.slice(0, i)}_${n.slice(i + 1)}%`);
    for (let i = 0; i + 1 < n.length; i++) if (n[i] !== n[i + 1]) typoPatterns.push(`%${n.slice(0, i)}${n[i + 1]}${n[i]}${n.slice(i + 2)}%`);
  }

  // Text alternatives: the query itself, what its pinyin reads as, each trade synonym they contain, and typo corrections.
  const base = compactName(rest);
  const entries = c.pinyin ?? (abbreviationEntries ??= pinyinVocabulary([], synonyms));
  const readings = base ? pinyinAlternatives(base, entries) : [];
  const texts = [base, ...readings.filter((r) => r && r !== base)];
  const expanded: string[] = [];
  for (const t of texts) {
    if (!t) continue;
    for (const [key, expansions] of Object.entries(synonyms).sort((a, b) => b[0].length - a[0].length)) {
      if (!t.includes(key)) continue;
      for (const e of expansions) {
        if (t.includes(e)) continue; // 蓄电池 already says what 电池 would add
        const alt = t.replace(key, e);
        if (!texts.includes(alt) && !expanded.includes(alt)) expanded.push(alt);
      }
      if (expanded.length >= MAX_ALTERNATIVES) break;
    }
  }
  texts.push(...expanded.slice(0, MAX_ALTERNATIVES));
  const analysed = texts.filter(Boolean).map((t) => groupsOf(t, c.vocabulary)).filter((a) => a.groups.length > 0);
  const alternatives = analysed.map((a) => ({ groups: a.groups }));
  const phrases = new Set(texts.filter(Boolean));
  for (const a of analysed) if (a.corrected) phrases.add(a.corrected);
  const compactRest = rest.replace(/[\s\-_./\\]+/g, '');
  const mnemonic = /^[a-z0-9]{2,40}$/.test(compactRest) ? compactRest : null;
  return { text, numberForm, typoPatterns, barcode, modelIds: [...modelIds], alternatives, phrases: [...phrases], mnemonic, pinyinReadings: readings };
}

/** The alternatives as a PostgreSQL tsquery (terms contain only letters and digits, so quoting is safe); null when there is no text. Latin terms match as prefixes. */
export function toTsQuery(q: AnalysedQuery): string | null {
  if (!q.alternatives.length) return null;
  const term = (t: string) => `'${t}'${HAN.test(t) ? '' : ':*'}`;
  return q.alternatives
    .map((a) => '(' + a.groups.map((g) => (g.length === 1 ? term(g[0]) : '(' + g.map(term).join(' | ') + ')')).join(' & ') + ')')
    .join(' | ');
}
