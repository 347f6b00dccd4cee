// How main/services is layered: core knows no area (areas attach to the write path through core/hooks.ts,
// registered by boot()), sync builds on core alone, and no module imports itself back.
import { dirname, join, normalize, sep } from 'node:path';
import { Visitor } from 'vite';
import { describe, expect, it } from 'vitest';
import { parse, readSource, sourceFiles } from './sources.ts';

const aliases = Object.entries(
  (JSON.parse(readSource('package.json')) as { imports: Record<string, string> }).imports,
).map(([from, to]) => [from.replace('*', ''), to.replace('*', '').replace(/^\.\//, '')] as const);

/** Repository path of a relative or `#alias` import; null for packages and node: modules. */
function resolveImport(file: string, specifier: string): string | null {
  if (specifier.startsWith('.'))
    return normalize(join(dirname(file), specifier))
      .split(sep)
      .join('/');
  for (const [from, to] of aliases) if (specifier.startsWith(from)) return to + specifier.slice(from.length);
  return null;
}

interface Import {
  target: string;
  /** Only types: erased at run time, so no load order and no cycle. */
  typeOnly: boolean;
}

const graph = new Map<string, Import[]>();
for (const file of sourceFiles(['main', 'db', 'preload'], '.ts')) {
  const imports: Import[] = [];
  const add = (specifier: unknown, typeOnly: boolean) => {
    const target = typeof specifier === 'string' ? resolveImport(file, specifier) : null;
    if (target) imports.push({ target, typeOnly });
  };
  new Visitor({
    ImportDeclaration(node) {
      const allTypes =
        node.importKind === 'type' ||
        (node.specifiers.length > 0 &&
          node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));
      add(node.source.value, allTypes);
    },
    ExportNamedDeclaration(node) {
      if (node.source) add(node.source.value, node.exportKind === 'type');
    },
    ExportAllDeclaration(node) {
      add(node.source.value, node.exportKind === 'type');
    },
    ImportExpression(node) {
      if (node.source.type === 'Literal') add(node.source.value, false);
    },
  }).visit(parse(file, readSource(file)));
  graph.set(file, imports);
}

const importsOf = (prefix: string) =>
  [...graph]
    .filter(([file]) => file.startsWith(prefix))
    .flatMap(([file, imports]) => imports.map((i) => ({ file, ...i })));

function cycles(): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const { target, typeOnly } of graph.get(file) ?? []) {
      if (typeOnly) continue;
      if (state.get(target) === 'open') found.push([...path.slice(path.indexOf(target)), target].join(' → '));
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return found;
}

describe('layers', () => {
  it('reads the imports (self-check)', () => {
    expect(graph.get('main/services/core/boot.ts')!.map((i) => i.target)).toContain('main/services/areas.ts');
    expect(graph.get('main/services/sync/conflicts.ts')).toContainEqual({
      target: 'preload/contract/index.ts',
      typeOnly: true,
    });
  });

  it('has no import cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('sync imports only core, the database and the contract', () => {
    const allowed = ['main/services/sync/', 'main/services/core/', 'db/', 'preload/contract/'];
    const outside = importsOf('main/services/sync/').filter(
      (i) => !allowed.some((p) => i.target.startsWith(p)),
    );
    expect(outside).toEqual([]);
  });

  it('core imports no area (boot() alone puts the areas together), and the write path names no table', () => {
    const allowed = ['main/services/core/', 'main/services/sync/', 'db/', 'preload/contract/'];
    const outside = importsOf('main/services/core/').filter(
      (i) => i.file !== 'main/services/core/boot.ts' && !allowed.some((p) => i.target.startsWith(p)),
    );
    expect(outside).toEqual([]);
    const schema = graph
      .get('main/services/core/records.ts')!
      .filter((i) => i.target === 'db/schema.ts' || i.target.startsWith('db/schema/'));
    expect(schema).toEqual([]);
  });
});
