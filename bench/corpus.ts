/**
 * The benchmark corpus: realistic model code (bench/corpus and the scanner fixtures), copied with renamed
 * identifiers until it reaches the wanted size, written to a temporary folder so every tool reads the same files.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Corpus {
  readonly dir: string;
  readonly files: readonly string[];
  readonly texts: readonly string[];
  readonly bytes: number;
}

const root = process.env.AL_ROOT ?? path.resolve(__dirname, '../..');

function seeds(): string[] {
  const dirs = ['bench/corpus', 'test/fixtures/scan'];
  return dirs.flatMap((d) => readdirSync(path.join(root, d)).filter((f) => f.endsWith('.py')).map((f) => readFileSync(path.join(root, d, f), 'utf8')));
}

/** Writes copies of the seed files (class and function names suffixed per copy) until `minBytes` is reached. */
export function buildCorpus(minBytes: number): Corpus {
  const dir = mkdtempSync(path.join(tmpdir(), 'activation-lens-bench-'));
  const base = seeds();
  const files: string[] = [];
  const texts: string[] = [];
  let bytes = 0;
  for (let copy = 0; bytes < minBytes; copy++) {
    for (const [i, seed] of base.entries()) {
      const text = seed.replace(/\b(class|def) ([A-Za-z_]\w*)/g, `$1 $2_${copy}`);
      const file = path.join(dir, `m${copy}_${i}.py`);
      writeFileSync(file, text);
      files.push(file);
      texts.push(text);
      bytes += Buffer.byteLength(text);
    }
  }
  return { dir, files, texts, bytes };
}

/** One file of about `lines` lines made of whole seed files, for the single-file figures. */
export function bigFile(lines: number): string {
  const base = seeds();
  const out: string[] = [];
  let count = 0;
  for (let copy = 0; count < lines; copy++) {
    for (const seed of base) {
      const text = seed.replace(/\b(class|def) ([A-Za-z_]\w*)/g, `$1 $2_${copy}`);
      out.push(text);
      count += text.split('\n').length;
      if (count >= lines) break;
    }
  }
  return out.join('\n').split('\n').slice(0, lines).join('\n');
}
