import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The demo's picture addresses before 2026-12-04: a host that never existed, /parts/<partNo>[-n].jpg. */
export const OLD_DEMO_IMAGE = String.raw`^https?://img\.partsgraph\.example/parts/([A-Za-z0-9][A-Za-z0-9._-]*)\.(jpe?g|png|svg|webp)$`;

/**
 * A demo loaded before the seed stored the platform's own picture paths still
 * holds https://img.partsgraph.example/parts/<partNo>[-n].jpg in
 * `part.image_urls`, which API clients got as they were (only the console
 * rewrote them). They become the paths the seed writes now,
 * /images/parts/<partNo>[-n].svg: the gateway serves those, and the catalog
 * gives them under PUBLIC_URL (image-urls.ts). Other addresses, and their
 * order, stay as they are. A changed part's updated_at is now.
 *
 * Not undone by `down`: the old addresses never answered, and a path written
 * since cannot be told from a rewritten one.
 */
export class CatalogPlatformImagePaths1765200000000 implements MigrationInterface {
  name = 'CatalogPlatformImagePaths1765200000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE catalog.part
        SET image_urls = ARRAY(SELECT regexp_replace(u, $1, '/images/parts/\\1.svg', 'i') FROM unnest(image_urls) WITH ORDINALITY AS x(u, n) ORDER BY n),
            updated_at = now()
      WHERE EXISTS (SELECT 1 FROM unnest(image_urls) AS u WHERE u ~* $1)`, [OLD_DEMO_IMAGE]);
  }
  async down(): Promise<void> {
    // Nothing to undo (see above).
  }
}
