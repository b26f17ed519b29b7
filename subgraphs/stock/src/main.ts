import 'reflect-metadata';
import { runSubgraphProcess } from '../../shared/src/process';
import { stock } from './index';

void runSubgraphProcess(stock);
