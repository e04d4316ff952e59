/**
 * How many records each upload in this process has read so far, so `dataLoad(id)` shows progress
 * while the upload's transaction is still open: its rows are invisible to other sessions until it
 * commits, and writing progress to the load's row from a second connection would wait on a node
 * whose database serves one connection (embedded PGlite). The catalog runs one process per node
 * (like kit/server/replay-guard.ts), so the process that reads a file is the one that is asked.
 */
const reading = new Map<string, number>();

export const liveProgress = (loadId: string): number | undefined => reading.get(loadId);

export function noteProgress(loadId: string, rowsRead: number): void {
  reading.set(loadId, rowsRead);
}

export function endProgress(loadId: string): void {
  reading.delete(loadId);
}
