import { describe, expect, it } from 'vitest';
import { SNIFF_BYTES } from './attachment-types';
import { openUpload, UploadTooLarge } from './upload-stream';

/** A body delivered in the given chunk sizes, each filled with its index. */
function chunked(...sizes: number[]): ReadableStream<Uint8Array> {
  const queue = sizes.map((size, i) => new Uint8Array(size).fill(i + 1));
  return new ReadableStream({
    pull(controller) {
      const next = queue.shift();
      if (next) controller.enqueue(next);
      else controller.close();
    },
  });
}

const readAll = async (stream: ReadableStream<Uint8Array>): Promise<Uint8Array> => new Uint8Array(await new Response(stream).arrayBuffer());

describe('openUpload', () => {
  it('gathers the first bytes across small chunks, then yields the whole body unchanged', async () => {
    const upload = await openUpload(chunked(3, 5, SNIFF_BYTES, 1000), 1_000_000);
    expect(upload.head.byteLength).toBe(SNIFF_BYTES);
    expect([...upload.head.subarray(0, 9)]).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 3]);
    const all = await readAll(upload.stream);
    expect(all.byteLength).toBe(3 + 5 + SNIFF_BYTES + 1000);
    expect(all.at(-1)).toBe(4);
    expect(upload.bytesRead()).toBe(all.byteLength);
  });

  it('handles a body shorter than the sniffing window, and an empty one', async () => {
    const short = await openUpload(chunked(10), 100);
    expect(short.head.byteLength).toBe(10);
    expect((await readAll(short.stream)).byteLength).toBe(10);
    const empty = await openUpload(chunked(), 100);
    expect(empty.head.byteLength).toBe(0);
    expect((await readAll(empty.stream)).byteLength).toBe(0);
  });

  it('fails with UploadTooLarge as soon as the count passes the limit, whether in the head or later', async () => {
    await expect(openUpload(chunked(200), 100)).rejects.toBeInstanceOf(UploadTooLarge);
    const upload = await openUpload(chunked(SNIFF_BYTES, 10_000, 10_000, 10_000), SNIFF_BYTES + 15_000);
    await expect(readAll(upload.stream)).rejects.toBeInstanceOf(UploadTooLarge);
    expect(upload.bytesRead()).toBe(SNIFF_BYTES + 20_000);
  });
});
