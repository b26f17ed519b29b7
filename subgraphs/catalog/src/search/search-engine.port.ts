/**
 * The search port (ARCHITECTURE.md § Search): one interface, two adapters —
 * the embedded engine on PostgreSQL (default) and Meilisearch (MEILI_HOST).
 * Engines receive an already analysed query (domain/search-analysis.ts), so
 * both interpret 机滤, 瑞虎7 or a part-number fragment the same way.
 */
import type { EntityManager } from 'typeorm';
import type { AnalysedQuery } from '../domain/search-analysis';

/** What a part is indexed as; built from the catalog tables by search-document.ts. */
export interface SearchDocument {
  id: string;
  partNo: string;
  partNoNorm: string;
  name: string;
  nameEn: string | null;
  spec: string | null;
  category: string | null;
  brand: string | null;
  barcode: string | null;
  modelIds: string[];
  /** The models the part fits, including those of the parts it supersedes (directly or through a chain): what a VIN search filters on. */
  fitModelIds: string[];
  /** 助记码: HQ's value, else generated from the name (upper case). */
  mnemonic: string;
  /** Model names in both languages (瑞虎7, Tiggo 7). */
  modelNames: string[];
  /** The newest part of this part's supersession chain; null when it is current. */
  successorId: string | null;
  /** Stations with available stock (from the availability projection). */
  inStockAt: string[];
}

export interface SearchFilters {
  vehicleModelId?: string | null;
  /** The model a VIN resolved to: parts that fit it, supersessions followed (fitModelIds). */
  fitsModelId?: string | null;
  category?: string | null;
  inStockAtStation?: string | null;
}

export interface SearchPage {
  offset: number;
  limit: number;
  /** false: the caller does not need `estimatedTotal` (only whether more follow: `hasMore`), so an engine may skip counting. */
  countTotal?: boolean;
}

export interface SearchHit {
  id: string;
  /** Engine-specific relevance; higher is better. Null when browsing without a query. */
  score: number | null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** The number of matches, exact up to TOTAL_EXACT_UP_TO; above it, TOTAL_EXACT_UP_TO with `totalIsLowerBound`. */
  estimatedTotal: number;
  totalIsLowerBound?: boolean;
  /** Set when the total was not counted (`countTotal: false`): whether matches follow this page. `estimatedTotal` is then only this page's end. */
  hasMore?: boolean;
}

/** Totals are counted exactly up to this many matches (and paging reaches this far). */
export const TOTAL_EXACT_UP_TO = 5000;

export interface SearchEngine {
  readonly name: 'embedded' | 'meilisearch';
  /** Applies settings; called once at start-up. */
  start(): Promise<void>;
  /** Adds or replaces documents. `tx`: the embedded engine writes in the caller's transaction. */
  index(docs: SearchDocument[], tx?: EntityManager): Promise<void>;
  remove(ids: string[], tx?: EntityManager): Promise<void>;
  search(query: AnalysedQuery, filters: SearchFilters, page: SearchPage): Promise<SearchResult>;
  /** Empties the index before a full rebuild. */
  clear(): Promise<void>;
}
