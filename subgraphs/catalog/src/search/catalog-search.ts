/** The catalog's search singletons for one running subgraph: the configured engine, the embedded engine (always kept, in-transaction) and the vocabulary cache. */
import type { SubgraphRuntime } from '../../../shared/src';
import { EmbeddedSearchEngine } from './embedded.engine';
import { MeiliSearchEngine } from './meilisearch.engine';
import { SearchVocabulary } from './search-vocabulary';
import type { SearchEngine } from './search-engine.port';

export interface CatalogSearch {
  engine: SearchEngine;
  embedded: EmbeddedSearchEngine;
  vocabulary: SearchVocabulary;
}

/** Creates them on first use (consumers are wired before `start`), one set per runtime. */
export function catalogSearch(rt: SubgraphRuntime): CatalogSearch {
  let s = rt.extras.search as CatalogSearch | undefined;
  if (!s) {
    const embedded = new EmbeddedSearchEngine(rt.ds);
    // One Meilisearch index per database, so test databases (and staging/production sharing a server) never mix.
    const db = String((rt.ds.options as { url?: string }).url ?? '').split('/').pop()?.split('?')[0] || 'partsgraph';
    const engine = rt.config.meiliHost ? new MeiliSearchEngine(rt.config.meiliHost, rt.config.meiliApiKey, `parts_${db.replace(/[^A-Za-z0-9_-]/g, '_')}`) : embedded;
    s = { engine, embedded, vocabulary: new SearchVocabulary(rt.ds) };
    rt.extras.search = s;
  }
  return s;
}
