#!/usr/bin/env node
/**
 * verbund-einvoice validate <files…> [--json]   exit 0 valid, 1 invalid, 2 unreadable
 * verbund-einvoice render <file> [--lang de|en] > out.html
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validate } from './validate/engine.js';
import { readInvoice } from './read/index.js';
import { renderHtml } from './render/html.js';

const USAGE = `usage:
  verbund-einvoice validate <files…> [--json] [--max-bytes N]
  verbund-einvoice render <file> [--lang de|en] > out.html`;

function readFile(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
}

/** Unreadable = no invoice could be read at all (I/O, malformed XML, DOCTYPE, size, not an invoice). */
function isUnreadable(ids: string[]): boolean {
  return ids.some((id) => id.startsWith('XML-') || id === 'IO-READ');
}

function cmdValidate(files: string[], json: boolean, maxBytes: number | undefined): number {
  let exit = 0;
  for (const file of files) {
    const data = readFile(file);
    const r = data
      ? validate(data, maxBytes !== undefined ? { maxBytes } : {})
      : {
          valid: false,
          syntax: null,
          errors: ['IO-READ'],
          warnings: [],
          findings: [
            {
              id: 'IO-READ',
              level: 'fatal' as const,
              location: '/',
              message_de: 'Die Datei kann nicht gelesen werden.',
              message_en: 'The file cannot be read.',
            },
          ],
        };
    const code = r.valid ? 0 : isUnreadable(r.errors) ? 2 : 1;
    exit = Math.max(exit, code);
    if (json) {
      const out = {
        file,
        syntax: r.syntax,
        valid: r.valid,
        errors: r.errors,
        warnings: r.warnings,
        findings: r.findings.map((f) => ({
          id: f.id,
          level: f.level,
          location: f.location,
          message_de: f.message_de,
          message_en: f.message_en,
        })),
      };
      process.stdout.write(JSON.stringify(out) + '\n');
    } else {
      process.stdout.write(
        `${file}: ${r.valid ? 'valid' : code === 2 ? 'unreadable' : 'invalid'}${r.syntax ? ` (${r.syntax})` : ''}\n`,
      );
      for (const f of r.findings) {
        if (f.level !== 'info') {
          process.stdout.write(
            `  ${f.level === 'fatal' ? 'error  ' : 'warning'} ${f.id} ${f.location}\n          ${f.message_de}\n`,
          );
        }
      }
    }
  }
  return exit;
}

function cmdRender(file: string, lang: 'de' | 'en'): number {
  const data = readFile(file);
  if (!data) {
    process.stderr.write(`cannot read ${file}\n`);
    return 2;
  }
  const r = readInvoice(data);
  if (!r.ok) {
    process.stderr.write(`${file}: ${r.error}\n`);
    return 2;
  }
  process.stdout.write(renderHtml(r.invoice, { lang }));
  return 0;
}

export function main(argv: string[]): number {
  const [cmd, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const valueOf = (name: string) => {
    const i = rest.indexOf(name);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const positional = rest.filter(
    (a, i) => !a.startsWith('--') && !['--lang', '--max-bytes'].includes(rest[i - 1] ?? ''),
  );
  if (cmd === 'validate' && positional.length > 0) {
    const mb = valueOf('--max-bytes');
    return cmdValidate(positional, flags.has('--json'), mb !== undefined ? Number(mb) : undefined);
  }
  if (cmd === 'render' && positional.length === 1) {
    return cmdRender(positional[0]!, valueOf('--lang') === 'en' ? 'en' : 'de');
  }
  process.stderr.write(USAGE + '\n');
  return 2;
}

/** True when this module is the program (also through the npm bin symlink), not when imported. */
function isMain(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  process.exitCode = main(process.argv.slice(2));
}
