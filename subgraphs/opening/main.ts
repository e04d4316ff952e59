import { runSubgraphProcess } from '../../runtime/process.js';
import { openingModule } from './index.js';

await runSubgraphProcess(openingModule);
