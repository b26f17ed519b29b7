import 'reflect-metadata';
import { runSubgraphProcess } from '../../shared/src/process';
import { catalog } from './index';

void runSubgraphProcess(catalog);
