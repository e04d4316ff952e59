import { runSubgraphProcess } from '../../runtime/process.js';
import { catalogModule } from './index.js';

await runSubgraphProcess(catalogModule);
