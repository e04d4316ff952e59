import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body exceeds ${MAX_BODY_BYTES} bytes`);
  }
}

/**
 * The raw request body (the signature covers these exact bytes), refused past the limit. Past the
 * limit the rest is read and dropped rather than the stream destroyed: the client is still
 * sending, and must be able to read the refusal; the caller closes the connection after it.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      refused = true;
      chunks.length = 0;
      reject(new BodyTooLargeError());
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
