import { runSubgraphProcess } from '../../runtime/process.js';
import { sharingModule } from './index.js';

await runSubgraphProcess(sharingModule);
