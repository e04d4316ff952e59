import { runSubgraphProcess } from '../kit/process.js';
import { openingModule } from './index.js';

await runSubgraphProcess(openingModule);
