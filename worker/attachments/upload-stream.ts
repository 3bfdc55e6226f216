import { SNIFF_BYTES } from './attachment-types';

/** The body went past the per-file limit while it streamed (its Content-Length understated it). */
export class UploadTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the upload exceeds ${limit} bytes`);
  }
}

export interface OpenedUpload {
  /** The file's first bytes (up to SNIFF_BYTES), for the type check. */
  head: Uint8Array;
  /** The whole file, head included, erroring with UploadTooLarge past `maxBytes`. */
  stream: ReadableStream<Uint8Array>;
  /** Bytes read from the body so far. */
  bytesRead: () => number;
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

/**
 * Reads just enough of an upload to check its type, then hands back a stream of
 * the whole file that counts bytes as it goes: the file is never held in memory,
 * and a body longer than it claimed is cut off at the limit, not stored.
 */
export async function openUpload(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<OpenedUpload> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  let ended = false;
  while (seen < SNIFF_BYTES) {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    chunks.push(value);
    seen += value.byteLength;
  }
  if (seen > maxBytes) {
    await reader.cancel();
    throw new UploadTooLarge(maxBytes);
  }
  const first = concat(chunks, seen);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.byteLength > 0) controller.enqueue(first);
      if (ended) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      seen += value.byteLength;
      if (seen > maxBytes) {
        const error = new UploadTooLarge(maxBytes);
        controller.error(error);
        await reader.cancel(error);
        return;
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head: first.subarray(0, SNIFF_BYTES), stream, bytesRead: () => seen };
}
