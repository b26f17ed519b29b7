import { loadConfig } from './config';

describe('loadConfig', () => {
  it('has a documented default for everything', () => {
    const c = loadConfig({});
    expect(c.ports).toEqual({ gateway: 4000, catalog: 4001, stock: 4002, procurement: 4003, workshop: 4004, identity: 4005 });
    expect(c.urls.stock).toBe('http://127.0.0.1:4002');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.seedDemo).toBe(true);
    expect(c.meiliHost).toBeUndefined();
    expect(c.dataDir).toMatch(/\.data$/);
    expect(c).toMatchObject({ subgraphTimeoutMs: 5000, healthTimeoutMs: 1000, internalTimeoutMs: 4000, breakerFailures: 5, breakerOpenMs: 5000 });
  });

  it('counts SQL per request only under tests or when told (SQL_PER_REQUEST)', () => {
    expect(loadConfig({}).sqlPerRequest).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).sqlPerRequest).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).sqlPerRequest).toBe(true);
    expect(loadConfig({ SQL_PER_REQUEST: 'true' }).sqlPerRequest).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', SQL_PER_REQUEST: 'false' }).sqlPerRequest).toBe(false);
    expect(() => loadConfig({ SQL_PER_REQUEST: 'maybe' })).toThrow(/SQL_PER_REQUEST/);
  });

  it('gives every launched process a heap growth factor (HEAP_GROWTH_PERCENT, 0: V8\'s own)', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '50' }).heapGrowthPercent).toBe(50);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: '-5' })).toThrow(/HEAP_GROWTH_PERCENT/);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: 'lots' })).toThrow(/HEAP_GROWTH_PERCENT/);
  });

  it('keeps the inner deadlines below the gateway deadline unless told otherwise', () => {
    expect(loadConfig({ SUBGRAPH_TIMEOUT_MS: '1500' })).toMatchObject({ subgraphTimeoutMs: 1500, healthTimeoutMs: 1000, internalTimeoutMs: 500 });
    expect(loadConfig({ SUBGRAPH_TIMEOUT_MS: '800', INTERNAL_TIMEOUT_MS: '2000' })).toMatchObject({ healthTimeoutMs: 800, internalTimeoutMs: 2000 });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ SEED_DEMO: 'maybe' }, /SEED_DEMO must be true or false/],
    [{ STOCK_URL: 'not a url' }, /STOCK_URL must be a URL/],
    [{ MEILI_API_KEY: 'k' }, /MEILI_HOST is not/],
    [{ SUBGRAPH_TIMEOUT_MS: '0' }, /SUBGRAPH_TIMEOUT_MS must be an integer/],
  ])('refuses %j with a clear message', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  it('reads overrides', () => {
    const c = loadConfig({ PORT: '5000', SEED_DEMO: 'false', STOCK_URL: 'http://stock:4002/', MEILI_HOST: 'http://meili:7700' });
    expect(c.ports.gateway).toBe(5000);
    expect(c.seedDemo).toBe(false);
    expect(c.urls.stock).toBe('http://stock:4002');
    expect(c.meiliHost).toBe('http://meili:7700');
  });
});
