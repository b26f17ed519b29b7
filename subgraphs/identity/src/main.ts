import 'reflect-metadata';
import { runSubgraphProcess } from '../../shared/src/process';
import { identity } from './index';

void runSubgraphProcess(identity);
