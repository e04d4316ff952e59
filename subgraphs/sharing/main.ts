import { runSubgraphProcess } from '../kit/process.js';
import { sharingModule } from './index.js';

await runSubgraphProcess(sharingModule);
