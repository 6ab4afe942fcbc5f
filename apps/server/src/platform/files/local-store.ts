import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { uuidv7 } from '../db/columns.js';
import { FileNotFoundError, type FileMeta, type FileStore, type StoredFile } from './files.js';
import { createHash } from 'node:crypto';

const KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Files in a local directory (FILES_DIR, default DATA_DIR/files): `<key[0..1]>/<key>`. Writes go
 * to `tmp/` first and are renamed into place when complete, so a failed upload never leaves a
 * partial file under a key.
 */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) {
      // Keys come from our own rows; anything else must never reach the file system.
      throw new FileNotFoundError(key);
    }
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(data: Readable | Buffer, meta: FileMeta): Promise<StoredFile> {
    const key = uuidv7();
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, key);
    const hash = createHash('sha256');
    let size = 0;
    const source = Buffer.isBuffer(data) ? Readable.from([data]) : data;
    // The file is created before any byte flows, so the cleanup below can never race its creation
    // (a stream opening lazily could create it after a failed check had already removed it).
    const handle = await open(tmp, 'wx', 0o640);
    const sink = handle.createWriteStream();
    try {
      await pipeline(
        source,
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const c of chunks) {
            size += c.length;
            hash.update(c);
            yield c;
          }
        },
        sink,
      );
      const final = this.pathOf(key);
      await mkdir(path.dirname(final), { recursive: true });
      await rename(tmp, final);
    } catch (e) {
      await handle.close().catch(() => undefined);
      await rm(tmp, { force: true });
      throw e;
    }
    return { key, sizeBytes: size, sha256: hash.digest('hex'), contentType: meta.contentType };
  }

  async get(key: string): Promise<Readable> {
    const p = this.pathOf(key);
    try {
      await stat(p);
    } catch {
      throw new FileNotFoundError(key);
    }
    return createReadStream(p);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }
}
