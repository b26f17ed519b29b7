import { GraphQLError } from 'graphql';
import { formatError } from './errors';
import { commandErrorBody } from './internal';
import { CircuitBreaker } from './circuit-breaker';
import { REASONS } from './reasons';
import { asUnavailable, fromUnavailableBody, isDatabaseUnavailable, retryAfterOf, serviceUnavailable, UNAVAILABLE_REASONS } from './unavailable';

const format = (err: unknown) => formatError({ message: (err as Error).message, extensions: (err as GraphQLError).extensions }, err, () => undefined);

describe('SERVICE_UNAVAILABLE', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54320'), { code: 'ECONNREFUSED' })],
    ['a server that died mid-query', new Error('Connection terminated unexpectedly')],
    ['a server in crash recovery', Object.assign(new Error('the database system is not yet accepting connections'), { code: '57P03' })],
    ['an administrator shutdown', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['TypeORM wrapping a lost connection', Object.assign(new Error('Query failed'), { driverError: new Error('Connection terminated unexpectedly') })],
    ['a bounded connect that ran out', new Error('timeout exceeded when trying to connect')],
    ['a query runner released when its connection died', Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' })],
    ['a transaction whose connection died', Object.assign(new Error('Database connection provided by a query runner was already released'), { name: 'QueryRunnerProviderAlreadyReleasedError' })],
    ['a COMMIT on a connection that died', Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' })],
  ])('is what %s becomes, never an internal error', (_what, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(format(err)).toEqual({
      message: expect.stringMatching(/^The database is down/),
      extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE', params: { part: 'database', retryAfterSeconds: 5 } },
    });
  });

  it('is not what a failed call to another service or a wrong request is', () => {
    expect(isDatabaseUnavailable(new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(format(Object.assign(new Error('duplicate key'), { code: '23505' })).extensions?.code).toBe('CONFLICT');
  });

  it('names the part in public words, never the process, and carries only code, reason and params', () => {
    const e = serviceUnavailable('procurement', 'timeout', 5);
    expect(e.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'PURCHASING_UNAVAILABLE', params: { part: 'purchasing', retryAfterSeconds: 5 } });
    expect(e.message).not.toMatch(/procurement|subgraph|4003/);
    // Seen at the gateway with the executor's serviceName added: that goes.
    const formatted = formatError({ message: e.message, extensions: { ...e.extensions, serviceName: 'procurement' } }, e);
    expect(formatted.extensions).toEqual(e.extensions);
  });

  it('travels between services as a 503 and comes back as the same error, not as a refusal', () => {
    const { status, body } = commandErrorBody(new Error('Connection terminated unexpectedly'));
    expect(status).toBe(503);
    const back = fromUnavailableBody((body as any).error);
    expect(back.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'DATABASE_UNAVAILABLE' });
    expect(asUnavailable(back)).toBe(back);
  });

  it('every reason is listed in reasons.ts', () => {
    for (const r of Object.values(UNAVAILABLE_REASONS)) expect((REASONS as Record<string, string>)[r]).toBeDefined();
  });

  it('asks clients to wait as long as the longest error says', () => {
    expect(retryAfterOf([{ message: 'x', extensions: { code: 'CONFLICT' } }])).toBeUndefined();
    expect(retryAfterOf([serviceUnavailable('stock', 'down', 2), serviceUnavailable('catalog', 'down', 7)].map((e) => e.toJSON()))).toBe(7);
  });
});

describe('CircuitBreaker', () => {
  it('opens after consecutive failures, fails fast while open, lets one probe through, closes on its success', () => {
    let now = 0;
    const b = new CircuitBreaker(3, 1000, () => now);
    b.failure();
    b.failure();
    b.success(); // a success in between resets the count
    b.failure();
    b.failure();
    expect(b.allow()).toBe(true);
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    expect(b.retryAfterMs()).toBe(1000);
    now = 1000;
    expect(b.allow()).toBe(true); // the probe
    expect(b.state).toBe('half-open');
    expect(b.allow()).toBe(false); // only one at a time
    b.failure();
    expect(b.state).toBe('open');
    expect(b.allow()).toBe(false);
    now = 2000;
    expect(b.allow()).toBe(true);
    b.success();
    expect(b.state).toBe('closed');
    expect(b.allow()).toBe(true);
  });
});
