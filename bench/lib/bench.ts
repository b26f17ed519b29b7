/** What a benchmark module exports for `npm run bench` (bench/run.ts). */
import type { BenchEnv } from './platform';
import type { Row } from './report';

/** The search benchmark's query mixes: every kind, only the kinds from before pinyin search (`legacy`, to compare with older code on the same queries), or only the pinyin/traditional/VIN kinds. */
export const SEARCH_KINDS = ['all', 'legacy', 'pinyin'] as const;
export type SearchKinds = (typeof SEARCH_KINDS)[number];

export interface BenchOptions {
  quick: boolean;
  say: (msg: string) => void;
  /** The search benchmark's query mix (SEARCH_KINDS; default `all`). */
  searchKinds?: SearchKinds;
}

export interface Bench {
  name: string;
  /** Runs against the started platform; returns rows for the results table. */
  run(env: BenchEnv, o: BenchOptions): Promise<Row[]>;
}
