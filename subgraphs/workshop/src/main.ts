import 'reflect-metadata';
import { runSubgraphProcess } from '../../shared/src/process';
import { workshop } from './index';

void runSubgraphProcess(workshop);
