/** The shared kernel every subgraph builds on. Subgraphs import only from here, never from each other. */
export * from './config';
export * from './logger';
export * from './errors';
export * from './auth';
export * from './secret';
export * from './context';
export * from './db';
export * from './scalars';
export * from './build-subgraph-schema';
export * from './pubsub';
export * from './outbox';
export * from './consumer';
export * from './internal';
export * from './subgraph';
export * from './loaders';
export * from './bulk';
