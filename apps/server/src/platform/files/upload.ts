import type { Readable } from 'node:stream';
import { inspect, FILE_TYPES, type FileStore, type FileType, type StoredFile } from './files.js';

/**
 * Stores an upload after checking it on the way in: the content must be one of `accept` (by its
 * first bytes) and at most `maxBytes`. On a failed check the store removes what it wrote and the
 * check's 4xx error is thrown. The stored content type is the detected one, never the client's.
 */
export async function storeChecked(
  store: FileStore,
  source: Readable,
  opts: { accept: readonly FileType[]; maxBytes: number; filename?: string },
): Promise<StoredFile & { type: FileType }> {
  const { stream, result } = inspect(source, opts.accept, opts.maxBytes);
  const stored = await store.put(stream, { contentType: 'application/octet-stream', filename: opts.filename });
  const type = result.type!;
  return { ...stored, contentType: FILE_TYPES[type].contentType, type };
}
