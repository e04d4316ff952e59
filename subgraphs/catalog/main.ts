import { runSubgraphProcess } from '../kit/process.js';
import { catalogModule } from './index.js';

await runSubgraphProcess(catalogModule);
