/** The five subgraph definitions, for platform tools (launcher, compose, tests). Subgraphs never import this. */
import 'reflect-metadata';
import { catalog } from '../subgraphs/catalog/src';
import { stock } from '../subgraphs/stock/src';
import { procurement } from '../subgraphs/procurement/src';
import { workshop } from '../subgraphs/workshop/src';
import { identity } from '../subgraphs/identity/src';
import type { SubgraphDefinition } from '../subgraphs/shared/src';

export const definitions: SubgraphDefinition[] = [catalog, stock, procurement, workshop, identity];
