// The repository's own source, parsed, for tests that check how it is put together (write-path.test.ts,
// layers.test.ts). Parsed with the oxc parser vite ships, so comments, regex literals and template
// expressions are told apart from code and strings exactly.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseSync } from 'vite';
import { repoRoot } from './helpers.ts';

/** Repository-relative paths (forward slashes) of the files under `dirs` whose names end with `ext`. */
export function sourceFiles(dirs: string[], ext: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(ext)) found.push(relative(repoRoot, path).split(sep).join('/'));
    }
  };
  for (const dir of dirs) walk(join(repoRoot, dir));
  return found.sort();
}

export const readSource = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

export type Program = ReturnType<typeof parseSync>['program'];

export function parse(file: string, source: string): Program {
  const result = parseSync(file, source);
  if (result.errors.length) throw new Error(`${file}: ${result.errors[0]!.message}`);
  return result.program;
}

/** 1-based line of a character offset. */
export function lineAt(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}
