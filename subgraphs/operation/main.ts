import { runSubgraphProcess } from '../../runtime/process.js';
import { operationModule } from './index.js';

await runSubgraphProcess(operationModule);
