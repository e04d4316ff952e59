import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ROOT } from '../platform/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'launcher-'));
// Runs before the gateway's entry module and reports what the process was started with, then ends it.
const probe = join(dir, 'probe.mjs');
writeFileSync(
  probe,
  "import v8 from 'node:v8'; console.log(JSON.stringify({ pid: process.pid, entry: process.argv[1], heapLimitMb: v8.getHeapStatistics().heap_size_limit / 2 ** 20 })); process.exit(0);",
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function launch(nodeOptions: string) {
  const child = execFile(resolve(ROOT, 'bin/gateway'), [], { env: { ...process.env, NODE_OPTIONS: nodeOptions } });
  const stdout = await new Promise<string>((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
    });
    child.once('error', fail);
    child.once('exit', () => done(out));
  });
  return { childPid: child.pid, seen: JSON.parse(stdout) as { pid: number; entry: string; heapLimitMb: number } };
}

describe('bin/gateway', () => {
  it('runs the gateway entry in the process it was started as, with its heap limits', async () => {
    const { childPid, seen } = await launch(`--import=${probe}`);
    expect(seen.entry).toBe(resolve(ROOT, 'dist/gateway/main.js'));
    // exec, not a child: what a supervisor or the benchmark watches is the gateway itself.
    expect(seen.pid).toBe(childPid);
    // The limit is the old generation's 512 MB plus the young generation, three semi-spaces: 4 MB
    // each here, where V8's default of 16 MB would put it at 560 MB or more.
    expect(seen.heapLimitMb).toBeGreaterThanOrEqual(512);
    expect(seen.heapLimitMb).toBeLessThan(560);
  });

  it("lets the operator's NODE_OPTIONS override its limits", async () => {
    const { seen } = await launch(`--max-old-space-size=1024 --import=${probe}`);
    expect(seen.heapLimitMb).toBeGreaterThanOrEqual(1024);
  });
});
