/**
 * How a parts counter types Chinese without switching the input method:
 * pinyin initials (助记码, 机油滤清器 → JYLQQ), full pinyin (jiyoulvqingqi,
 * with or without spaces), v for ü, and traditional characters (機濾) folded
 * to simplified. Pure: no I/O, no clock (the libraries carry their own data).
 *
 * Polyphones: `pinyin-pro` gives the usual reading in context (银行 → hang,
 * 行李 → xing) and, per character, every reading it knows (长 → chang/zhang).
 * The generated mnemonic uses the usual reading only; search indexes every
 * reading, so a clerk who types the "other" one (手刹 as sc or ss, 空调 as kt
 * or kd) still finds the part.
 */
import { pinyin } from 'pinyin-pro';
import { LRUCache } from 'lru-cache';

// opencc-js ships a CommonJS build (its UMD bundle) under `require`; its types describe the ESM build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenCC = require('opencc-js/t2cn') as { Converter(o: { from: string; to: string }): (s: string) => string };
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

const HAN = /\p{Script=Han}/u;
const HAN_CHAR = /^\p{Script=Han}$/u;

/** Traditional (Taiwan/Hong Kong/OpenCC) characters folded to simplified; text without Han characters is returned as is. */
export function foldTraditional(s: string): string {
  return HAN.test(s) ? toSimplified(s) : s;
}

/** A syllable of a name: one Han character with its readings (usual first), or one run of Latin letters/digits (ABS, 7, plus) read as itself. */
export interface PinyinUnit {
  text: string;
  /** Toneless, lowercase, ü written v; the first is the usual reading in this context. */
  readings: string[];
  han: boolean;
}

const MAX_VARIANTS = 16;
const MAX_TERM_CHARS = 64;

/** Toneless lowercase with ü → v (lǜ → lv). */
export function toneless(s: string): string {
  return s.toLowerCase().replace(/ü/g, 'v').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/u\u0308/g, 'v');
}

const unitCache = new LRUCache<string, PinyinUnit[]>({ max: 50_000 });

/** The syllables of a text (already cleaned: lowercase, simplified). Cached: names repeat across many parts. */
export function pinyinUnits(text: string): PinyinUnit[] {
  const hit = unitCache.get(text);
  if (hit) return hit;
  const out: PinyinUnit[] = [];
  if (HAN.test(text)) {
    const all = pinyin(text, { type: 'all', toneType: 'none', v: true });
    let run = '';
    const flush = () => {
      if (run) out.push({ text: run, readings: [run.toLowerCase()], han: false });
      run = '';
    };
    for (const c of all) {
      if (HAN_CHAR.test(c.origin) && c.pinyin) {
        flush();
        const readings = [...new Set([c.pinyin, ...c.polyphonic].map(toneless).filter((r) => /^[a-z]+$/.test(r)))];
        out.push({ text: c.origin, readings: readings.length ? readings : [toneless(c.pinyin)], han: true });
      } else if (/^[\p{L}\p{N}]$/u.test(c.origin)) run += c.origin;
      else flush();
    }
    flush();
  } else {
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) out.push({ text: m[0], readings: [m[0].toLowerCase()], han: false });
  }
  unitCache.set(text, out);
  return out;
}

/** 助记码 of a name: the initials of its usual reading, Latin letters and digits kept (ABS轮速传感器 → ABSLSCGQ, 瑞虎7 → RH7). */
export function generateMnemonic(name: string): string {
  const units = pinyinUnits(foldTraditional(name.normalize('NFKC')).toLowerCase());
  return units.map((u) => (u.han ? u.readings[0][0] : u.readings[0])).join('').toUpperCase().slice(0, 40);
}

/** HQ's mnemonic as stored and compared: letters and digits, upper case; '' when nothing is left. */
export function normaliseMnemonic(s: string): string {
  return s.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Up to MAX_VARIANTS combinations of per-unit choices, the usual one first. */
function combinations(choices: string[][]): string[][] {
  let out: string[][] = [[]];
  for (const c of choices) {
    const next: string[][] = [];
    for (const prefix of out) for (const x of c) if (next.length < MAX_VARIANTS) next.push([...prefix, x]);
    out = next;
  }
  return out;
}

/** Every suffix that starts at a syllable boundary, capped in length (a prefix query is answered by a term starting with it). */
function suffixes(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const s = parts.slice(i).join('').slice(0, MAX_TERM_CHARS);
    if (s.length >= 1) out.push(s);
  }
  return out;
}

/**
 * The pinyin search terms of a text: `i:` + initials and `p:` + full pinyin,
 * for every combination of readings, starting at every syllable (so prefix
 * matching on the terms answers prefixes and infixes: lq inside JYLQQ).
 */
export function pinyinTerms(text: string): string[] {
  const units = pinyinUnits(text);
  if (!units.some((u) => u.han)) return [];
  const initials = combinations(units.map((u) => [...new Set(u.han ? u.readings.map((r) => r[0]) : [u.readings[0]])]));
  const full = combinations(units.map((u) => u.readings));
  const out = new Set<string>();
  for (const v of initials) for (const s of suffixes(v)) out.add('i:' + s);
  for (const v of full) for (const s of suffixes(v)) out.add('p:' + s);
  return [...out];
}

/** The mnemonic's search terms: `m:` + every suffix (infix matching, as for initials). */
export function mnemonicTerms(mnemonic: string): string[] {
  const m = mnemonic.toLowerCase();
  const out: string[] = [];
  for (let i = 0; i < m.length; i++) out.push('m:' + m.slice(i, i + MAX_TERM_CHARS));
  return out;
}

/** A query word as pinyin: lowercase letters, ü → v; null when it cannot be pinyin or initials. */
export function pinyinWord(w: string): string | null {
  const t = toneless(w);
  return /^[a-z]{2,}$/.test(t) ? t.slice(0, MAX_TERM_CHARS) : null;
}

/** A text a clerk may mean by pinyin: a name, or a trade abbreviation (机滤). */
export interface PinyinEntry {
  text: string;
  units: PinyinUnit[];
}

export function pinyinEntry(text: string): PinyinEntry {
  return { text, units: pinyinUnits(text) };
}

export interface PinyinMatch {
  /** The Chinese the query stands for: the matched syllables of the entry (with any skipped ones in between). */
  fragment: string;
  entry: string;
  /** Matched from the first syllable / through the last one. */
  atStart: boolean;
  whole: boolean;
  skips: number;
}

/**
 * Can `q` be read, left to right, as the syllables `units[i..]`? Each syllable
 * is typed in full, by its initial (zh/ch/sh may be two letters), or — for
 * the last one typed — by any prefix; `maxSkips` syllables may be left out
 * between typed ones (jlq for 机油滤清器: 机 · 滤 清). Returns the end
 * syllable and the skips used, fewest skips first.
 */
function readFrom(q: string, units: PinyinUnit[], start: number, maxSkips: number): { end: number; skips: number } | null {
  let best: { end: number; skips: number } | null = null;
  const go = (pos: number, i: number, skips: number, first: boolean) => {
    if (best && best.skips <= skips) return;
    if (pos === q.length) {
      best = { end: i, skips };
      return;
    }
    if (i >= units.length) return;
    const u = units[i];
    for (const r of u.readings) {
      const lens = new Set<number>();
      if (q.startsWith(r, pos)) lens.add(r.length);
      if (u.han) {
        if (q[pos] === r[0]) lens.add(1);
        if (r.length > 2 && /^[zcs]h/.test(r) && q.startsWith(r.slice(0, 2), pos)) lens.add(2);
      }
      // The last syllable typed may be a prefix (typing in progress: shachep).
      const rest = q.length - pos;
      if (rest < r.length && r.startsWith(q.slice(pos))) lens.add(rest);
      // ü typed as u after l/n (lu for 滤).
      const ru = r.replace(/v/g, 'u');
      if (ru !== r && q.startsWith(ru, pos)) lens.add(ru.length);
      for (const len of lens) go(pos + len, i + 1, skips, false);
    }
    if (!first && skips < maxSkips) go(pos, i + 1, skips + 1, false);
  };
  go(0, start, 0, true);
  return best;
}

/**
 * The entries `q` reads as, contiguously (prefix or infix); when none does,
 * with up to two syllables skipped. At most `limit`, best first: from the
 * entry's start, whole, fewest skips, shortest.
 */
export function matchPinyin(q: string, entries: readonly PinyinEntry[], limit = 6): PinyinMatch[] {
  const found = (maxSkips: number) => {
    const out: PinyinMatch[] = [];
    for (const e of entries) {
      let best: PinyinMatch | null = null;
      for (let s = 0; s < e.units.length; s++) {
        if (!e.units[s].han) continue;
        const r = readFrom(q, e.units, s, maxSkips);
        if (!r || r.end === s) continue;
        const m: PinyinMatch = { fragment: e.units.slice(s, r.end).map((u) => u.text).join(''), entry: e.text, atStart: s === 0, whole: s === 0 && r.end === e.units.length, skips: r.skips };
        if (!best || rank(m) < rank(best)) best = m;
        if (best.atStart && best.skips === 0) break;
      }
      if (best) out.push(best);
    }
    return out;
  };
  let out = found(0);
  if (!out.length) out = found(2);
  out.sort((a, b) => rank(a) - rank(b) || a.entry.length - b.entry.length || a.entry.localeCompare(b.entry));
  const fragments = new Set<string>();
  const res: PinyinMatch[] = [];
  for (const m of out) {
    if (fragments.has(m.fragment)) continue;
    fragments.add(m.fragment);
    res.push(m);
    if (res.length >= limit) break;
  }
  return res;
}

const rank = (m: PinyinMatch) => m.skips * 4 + (m.atStart ? 0 : 2) + (m.whole ? 0 : 1);
