// autocannon ships no types; the benchmarks use this much of it.
declare module 'autocannon' {
  interface Histogram { p50: number; p99: number; average: number; total: number; [k: string]: number }
  interface Result { latency: Histogram; requests: Histogram; errors: number; non2xx: number; duration: number }
  function autocannon(opts: Record<string, unknown>): Promise<Result>;
  export = autocannon;
}
