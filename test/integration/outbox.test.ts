/**
 * The transactional outbox and its consumers on a real Postgres: only
 * committed events are published, in a gap-free commit order, each applied
 * exactly once even when relays and consumers race.
 */
import { DataSource } from 'typeorm';
import { appendEvent, applyBatch, createDataSource, outboxMigration, readEvents, relayOnce, type ConsumerDefinition } from '../../subgraphs/shared/src';
import { createTestDatabase } from '../helpers/database';

const SCHEMA = 'outbox_src';
const SINK = 'outbox_sink';

describe('outbox and consumers', () => {
  let src: DataSource;
  let sink: DataSource;

  beforeAll(async () => {
    const url = await createTestDatabase('empty');
    src = createDataSource({ url, schema: SCHEMA, entities: [], migrations: [outboxMigration(SCHEMA, 1763855000000)], poolSize: 12 });
    sink = createDataSource({ url, schema: SINK, entities: [], migrations: [outboxMigration(SINK, 1763855000000)], poolSize: 12 });
    for (const [ds, schema] of [[src, SCHEMA], [sink, SINK]] as const) {
      await ds.initialize();
      await ds.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await ds.runMigrations();
    }
    await sink.query(`CREATE TABLE ${SINK}.applied (n int PRIMARY KEY)`);
  });
  afterAll(async () => {
    if (src?.isInitialized) await src.destroy();
    if (sink?.isInitialized) await sink.destroy();
  });

  it('publishes only committed events, once each, with gap-free sequence numbers, while writers and relays race', async () => {
    const writers = Array.from({ length: 60 }, (_, n) =>
      src.transaction(async (tx) => {
        await appendEvent(tx, SCHEMA, 'test.thing', { n });
        if (n % 5 === 0) throw new Error('rolled back'); // these must never be published
      }).catch(() => undefined),
    );
    // Two relays (as two replicas would) run while the writers commit.
    const relays = Array.from({ length: 8 }, () => relayOnce(src, SCHEMA));
    await Promise.all([...writers, ...relays]);
    await relayOnce(src, SCHEMA);
    const events = await readEvents(src, SCHEMA, 0, 1000);
    const ns = events.map((e) => e.payload.n).sort((a, b) => a - b);
    expect(ns).toEqual(Array.from({ length: 60 }, (_, n) => n).filter((n) => n % 5 !== 0));
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(await relayOnce(src, SCHEMA)).toBe(0);
  });

  it('applies each event exactly once when the same batch is delivered twice and concurrently', async () => {
    const events = await readEvents(src, SCHEMA, 0, 1000);
    const def: ConsumerDefinition = {
      source: 'outbox_src',
      handlers: { 'test.thing': async (tx, e) => void (await tx.query(`INSERT INTO ${SINK}.applied (n) VALUES ($1)`, [e.payload.n])) },
    };
    // A unique key on `applied` would make a double apply fail loudly: none may.
    const results = await Promise.all([applyBatch(def, sink, SINK, events), applyBatch(def, sink, SINK, events), applyBatch(def, sink, SINK, events.slice(0, 10))]);
    expect(results.reduce((a, b) => a + b, 0)).toBe(events.length);
    expect(Number((await sink.query(`SELECT count(*) AS n FROM ${SINK}.applied`))[0].n)).toBe(events.length);
    expect(await applyBatch(def, sink, SINK, events)).toBe(0);
    const [{ last_seq }] = await sink.query(`SELECT last_seq FROM ${SINK}.inbox_cursor WHERE source = 'outbox_src'`);
    expect(Number(last_seq)).toBe(events.at(-1)!.seq);
  });

  it('a failing handler applies nothing of its batch and leaves the cursor where it was', async () => {
    await src.transaction((tx) => appendEvent(tx, SCHEMA, 'test.thing', { n: 1000 }));
    await src.transaction((tx) => appendEvent(tx, SCHEMA, 'test.boom', {}));
    await relayOnce(src, SCHEMA);
    const [{ last_seq }] = await sink.query(`SELECT last_seq FROM ${SINK}.inbox_cursor WHERE source = 'outbox_src'`);
    const fresh = await readEvents(src, SCHEMA, Number(last_seq), 100);
    const def: ConsumerDefinition = {
      source: 'outbox_src',
      handlers: {
        'test.thing': async (tx, e) => void (await tx.query(`INSERT INTO ${SINK}.applied (n) VALUES ($1)`, [e.payload.n])),
        'test.boom': async () => {
          throw new Error('handler failed');
        },
      },
    };
    await expect(applyBatch(def, sink, SINK, fresh)).rejects.toThrow('handler failed');
    expect((await sink.query(`SELECT n FROM ${SINK}.applied WHERE n = 1000`)).length).toBe(0);
    const [{ last_seq: after }] = await sink.query(`SELECT last_seq FROM ${SINK}.inbox_cursor WHERE source = 'outbox_src'`);
    expect(after).toBe(last_seq);
  });
});
