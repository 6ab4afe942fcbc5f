import { Readable } from 'node:stream';
import { HttpError } from '../http/errors.js';

/** What the caller knows of a file it stores. */
export interface FileMeta {
  contentType: string;
  filename?: string;
}

/** What the store knows after writing: the key to fetch it again, and the verified facts. */
export interface StoredFile {
  key: string;
  sizeBytes: number;
  sha256: string;
  contentType: string;
}

/**
 * Where file bytes live. The local-directory store is the default; an S3 store implements the same
 * three methods (keys are opaque strings chosen by the store). Rows in the database refer to files
 * by key only, so the store can change without touching business data.
 */
export interface FileStore {
  /** Writes the bytes; nothing is left behind when the source fails (e.g. a size or type check). */
  put(data: Readable | Buffer, meta: FileMeta): Promise<StoredFile>;
  /** Throws FileNotFoundError for an unknown key. */
  get(key: string): Promise<Readable>;
  /** Deleting an unknown key is not an error. */
  delete(key: string): Promise<void>;
  /** Whether the key exists (for tests and consistency checks). */
  has(key: string): Promise<boolean>;
}

export class FileNotFoundError extends Error {}

/** File types the platform accepts, by content: the declared type and the name are not trusted. */
export const FILE_TYPES = {
  pdf: { contentType: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  // Screenshots and photos attached to service-desk tickets.
  png: { contentType: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  jpeg: { contentType: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
} as const;
export type FileType = keyof typeof FILE_TYPES;

export class FileTooLargeError extends HttpError {
  constructor(maxBytes: number) {
    super(413, 'Content Too Large', `The file is larger than the limit of ${Math.floor(maxBytes / (1024 * 1024))} MB.`, { code: 'file_too_large', maxBytes });
  }
}

export class UnsupportedFileTypeError extends HttpError {
  constructor(expected: readonly FileType[]) {
    super(415, 'Unsupported Media Type', `The file content is not of an accepted type (${expected.join(', ')}).`, { code: 'file_type', accepted: [...expected] });
  }
}

export class EmptyFileError extends HttpError {
  constructor() {
    super(400, 'Bad Request', 'The file is empty.', { code: 'file_empty' });
  }
}

/**
 * Checks the bytes as they flow: the first bytes must match one of the accepted types, the total
 * must stay within `maxBytes`. The returned stream fails at the first violation, so the store
 * stops writing and removes what it wrote. `result.type` is the detected type once it has ended.
 */
export function inspect(
  source: AsyncIterable<Buffer>,
  accept: readonly FileType[],
  maxBytes: number,
): { stream: Readable; result: { type: FileType | undefined } } {
  const result: { type: FileType | undefined } = { type: undefined };
  const longest = Math.max(...accept.map((t) => FILE_TYPES[t].magic.length));
  const sniff = (head: Buffer) => {
    result.type = accept.find((t) => head.subarray(0, FILE_TYPES[t].magic.length).equals(FILE_TYPES[t].magic));
    if (!result.type) {
      throw new UnsupportedFileTypeError(accept);
    }
  };
  async function* checked(): AsyncGenerator<Buffer> {
    let size = 0;
    let head: Buffer | null = Buffer.alloc(0);
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) {
        throw new FileTooLargeError(maxBytes);
      }
      if (head) {
        head = Buffer.concat([head, chunk]);
        if (head.length < longest) {
          continue;
        }
        sniff(head);
        const all = head;
        head = null;
        yield all;
        continue;
      }
      yield chunk;
    }
    if (size === 0) {
      throw new EmptyFileError();
    }
    if (head) {
      sniff(head);
      yield head;
    }
  }
  return { stream: Readable.from(checked()), result };
}
