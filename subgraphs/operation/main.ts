import { runSubgraphProcess } from '../kit/process.js';
import { operationModule } from './index.js';

await runSubgraphProcess(operationModule);
