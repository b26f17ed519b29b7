/** Catalog migrations, in order. Add new ones at the end; never edit one that has shipped. */
import { outboxMigration } from '../../../shared/src';
import { CatalogInitial1763856000000 } from './1763856000000-catalog-initial';
import { CatalogSearch1763900000000 } from './1763900000000-catalog-search';
import { CatalogSearchRanking1764000000000 } from './1764000000000-catalog-search-ranking';
import { CatalogPinyinVin1764100000000 } from './1764100000000-catalog-pinyin-vin';
import { CatalogPlatformImagePaths1765200000000 } from './1765200000000-catalog-platform-image-paths';

export const migrations = [outboxMigration('catalog', 1763855000000), CatalogInitial1763856000000, CatalogSearch1763900000000, CatalogSearchRanking1764000000000, CatalogPinyinVin1764100000000, CatalogPlatformImagePaths1765200000000];
