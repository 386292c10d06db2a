import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body exceeds ${limit} bytes`);
  }
}

const EMPTY = Buffer.alloc(0);

/**
 * Reads the request body and calls `done` once, with the body or the error; a body is refused as soon as it is known
 * to exceed `limit` (before it is read whole). A callback rather than a promise: this runs on every request, and the
 * rest of a request served from memory runs without a promise (see http.ts). `done` must not throw.
 */
export function readBody(req: IncomingMessage, limit: number, done: (err: Error | undefined, body: Buffer) => void): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    done(new BodyTooLargeError(limit), EMPTY);
    return;
  }
  let first: Buffer | undefined;
  let rest: Buffer[] | undefined;
  let size = 0;
  let finished = false;
  const finish = (err: Error | undefined, body: Buffer) => {
    if (finished) return;
    finished = true;
    done(err, body);
  };
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > limit) {
      req.pause();
      finish(new BodyTooLargeError(limit), EMPTY);
    } else if (first === undefined) {
      first = chunk;
    } else {
      (rest ??= [first]).push(chunk);
    }
  });
  req.on('end', () => finish(undefined, rest ? Buffer.concat(rest, size) : first ?? EMPTY));
  req.on('error', (e) => finish(e, EMPTY));
}
