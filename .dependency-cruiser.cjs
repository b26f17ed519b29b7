/**
 * The layering rules of ARCHITECTURE.md, enforced by dependency-cruiser
 * (test/architecture/dependency-cruiser.test.ts runs them on the tree and on a
 * planted violation, so a rule that cannot fail is noticed).
 */
const SUBGRAPH = '(catalog|stock|procurement|workshop|identity)';
module.exports = {
  forbidden: [
    {
      name: 'no-cross-subgraph',
      comment: 'A subgraph imports only its own code and subgraphs/shared (data ownership: other domains are reached through the supergraph, commands and events).',
      severity: 'error',
      from: { path: `^subgraphs/${SUBGRAPH}/` },
      to: { path: '^subgraphs/', pathNot: ['^subgraphs/$1/', '^subgraphs/shared/'] },
    },
    {
      name: 'shared-imports-no-subgraph',
      comment: 'The shared kernel knows no subgraph.',
      severity: 'error',
      from: { path: '^subgraphs/shared/' },
      to: { path: `^subgraphs/${SUBGRAPH}/` },
    },
    {
      name: 'gateway-imports-no-subgraph',
      comment: 'The gateway knows the supergraph, not the subgraphs\' code (shared only).',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: `^subgraphs/${SUBGRAPH}/` },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds pure logic: no ORM, GraphQL, database, HTTP, file system or child processes.',
      severity: 'error',
      from: { path: `^subgraphs/${SUBGRAPH}/src/domain/` },
      to: { path: '(^|/)node_modules/(typeorm|type-graphql|graphql|@apollo|pg|pg-[a-z]+|express|dataloader|meilisearch|ws|graphql-ws|jose)/' },
    },
    {
      name: 'domain-is-pure-core',
      comment: 'domain/ does no I/O through Node core modules.',
      severity: 'error',
      from: { path: `^subgraphs/${SUBGRAPH}/src/domain/` },
      to: { dependencyTypes: ['core'], path: '^(node:)?(http|https|net|fs|fs/promises|child_process|dgram|worker_threads)$' },
    },
    {
      name: 'domain-imports-only-domain',
      comment: 'domain/ imports only its own domain/ and the pure money module of the kernel.',
      severity: 'error',
      from: { path: `^subgraphs/${SUBGRAPH}/src/domain/` },
      to: { path: '^(subgraphs|gateway|scripts|seeds)/', pathNot: ['^subgraphs/$1/src/domain/', '^subgraphs/shared/src/money\\.ts$'] },
    },
    {
      name: 'no-sql-in-resolvers',
      comment: 'Resolvers only map: SQL lives in repositories and services, never next to a resolver (no database driver or ORM import in *.resolver.ts).',
      severity: 'error',
      from: { path: '\\.resolver\\.ts$' },
      to: { path: '(^|/)node_modules/(typeorm|pg)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles: an aggregate that needs another\'s behaviour calls it one way, never both ways.',
      severity: 'error',
      from: { path: '^(subgraphs|gateway)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|console)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
