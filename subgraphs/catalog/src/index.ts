/** The catalog subgraph: parts, vehicle models, prices, supersession and part search. */
import { commandHandlers, type SubgraphDefinition } from '../../shared/src';
import { buildCatalogSchema } from './schema';
import { migrations } from './migrations';
import { PartEntity } from './part/part.entity';
import { VehicleModelEntity } from './vehicle-model/vehicle-model.entity';
import { partFacts } from './part/part-facts.command';
import { catalogSearch } from './search/catalog-search';
import { searchIndexConsumer, reindexAll } from './search/search-indexer';
import { availabilityConsumer } from './availability/availability.consumer';

export const catalog: SubgraphDefinition = {
  name: 'catalog',
  buildSchema: buildCatalogSchema,
  entities: [PartEntity, VehicleModelEntity],
  migrations,
  commands: () => commandHandlers('catalog', { partFacts }),
  consumers: (rt) => [searchIndexConsumer(catalogSearch(rt).engine), availabilityConsumer(catalogSearch(rt).engine)],
  async start(rt) {
    const { engine, embedded } = catalogSearch(rt);
    // A database seeded or imported before search existed (or restored without it): build the missing embedded documents.
    const [{ missing }] = await rt.ds.query(`SELECT count(*)::int AS missing FROM catalog.part p WHERE NOT EXISTS (SELECT 1 FROM catalog.search_doc d WHERE d.part_id = p.id)`);
    if (missing > 0) {
      rt.log.info({ missing }, 'building missing search documents');
      await reindexAll(rt.ds, embedded);
    }
    if (engine.name === 'embedded') return;
    // Meilisearch: settings first; an empty index (first start, new server) is filled in the background.
    await engine.start();
    const [{ n }] = await rt.ds.query(`SELECT count(*)::int AS n FROM catalog.part`);
    const probe = await engine.search({ text: '', numberForm: null, typoPatterns: [], barcode: null, modelIds: [], alternatives: [], phrases: [], mnemonic: null, pinyinReadings: [] }, {}, { offset: 0, limit: 1 });
    if (n > 0 && probe.estimatedTotal === 0) {
      void reindexAll(rt.ds, engine).then((k) => rt.log.info({ parts: k }, 'meilisearch index built'), (err) => rt.log.error({ err }, 'meilisearch index build failed'));
    }
  },
};
