import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { FileNotFoundError, FileTooLargeError, UnsupportedFileTypeError, EmptyFileError } from './files.js';
import { LocalFileStore } from './local-store.js';
import { storeChecked } from './upload.js';
import { simplePdf } from './pdf.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n', 'latin1');

describe('local file store', () => {
  const store = () => new LocalFileStore(mkdtempSync(path.join(tmpdir(), 'verbund-files-')));

  it('puts, gets and deletes, with size and sha256', async () => {
    const s = store();
    const stored = await s.put(pdf, { contentType: 'application/pdf' });
    expect(stored.sizeBytes).toBe(pdf.length);
    expect(stored.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(await text(await s.get(stored.key))).toBe(pdf.toString('latin1'));
    expect(await s.has(stored.key)).toBe(true);
    await s.delete(stored.key);
    expect(await s.has(stored.key)).toBe(false);
    await expect(s.get(stored.key)).rejects.toBeInstanceOf(FileNotFoundError);
    await s.delete(stored.key);
  });

  it('refuses keys that are not its own (no path traversal)', async () => {
    const s = store();
    await expect(s.get('../../etc/passwd')).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('accepts a PDF by its content and stores the detected type', async () => {
    const s = store();
    const r = await storeChecked(s, Readable.from([pdf.subarray(0, 3), pdf.subarray(3)]), { accept: ['pdf'], maxBytes: 1024 });
    expect(r).toMatchObject({ type: 'pdf', contentType: 'application/pdf', sizeBytes: pdf.length });
    expect(filesUnder(s.root)).toHaveLength(1);
  });

  it('refuses a non-PDF, an oversized and an empty file, leaving nothing behind', async () => {
    const s = store();
    await expect(storeChecked(s, Readable.from([Buffer.from('MZ\x90\x00 not a pdf at all')]), { accept: ['pdf'], maxBytes: 1024 })).rejects.toBeInstanceOf(
      UnsupportedFileTypeError,
    );
    await expect(storeChecked(s, Readable.from([Buffer.from('%PD')]), { accept: ['pdf'], maxBytes: 1024 })).rejects.toBeInstanceOf(UnsupportedFileTypeError);
    const big = Buffer.concat([pdf, Buffer.alloc(2048, 0x20)]);
    await expect(storeChecked(s, Readable.from([big.subarray(0, 1000), big.subarray(1000)]), { accept: ['pdf'], maxBytes: 1024 })).rejects.toBeInstanceOf(
      FileTooLargeError,
    );
    await expect(storeChecked(s, Readable.from([]), { accept: ['pdf'], maxBytes: 1024 })).rejects.toBeInstanceOf(EmptyFileError);
    expect(filesUnder(s.root)).toEqual([]);
  });
});

describe('simple PDF', () => {
  it('is a PDF by content, with a correct cross-reference table', async () => {
    const pdf = simplePdf(['Zweckvereinbarung', 'Gemeinde Großmölsen (Straße)']);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdf.toString('latin1');
    const startxref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    offsets.forEach((o, i) => expect(text.slice(o, o + 7)).toBe(`${i + 1} 0 obj`));
    expect(text).toContain('Gro\xdfm\xf6lsen \\(Stra\xdfe\\)');
    const s = new LocalFileStore(mkdtempSync(path.join(tmpdir(), 'verbund-files-')));
    expect((await storeChecked(s, Readable.from([pdf]), { accept: ['pdf'], maxBytes: 1 << 20 })).type).toBe('pdf');
  });
});
