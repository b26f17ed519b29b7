import 'reflect-metadata';
import { runSubgraphProcess } from '../../shared/src/process';
import { procurement } from './index';

void runSubgraphProcess(procurement);
