import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Keeps design.md §4's layering table true: reads every import of every source file and checks it
 * against the rules of the folder the file is in. Biome has no folder zones, so this test is the rule.
 */

const ROOT = resolve('.');
const FOLDERS = ['common', 'server', 'src', 'tests'];

type Target = { kind: 'package'; name: string } | { kind: 'node' } | { kind: 'file'; path: string }; // relative to ROOT, with forward slashes

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern =
    /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s*['"]([^'"]+)['"]/gm;
  for (const match of source.matchAll(pattern)) specifiers.push((match[1] ?? match[2] ?? match[3])!);
  return specifiers;
}

function classify(file: string, specifier: string): Target {
  if (specifier.startsWith('node:')) return { kind: 'node' };
  if (specifier.startsWith('.')) {
    return {
      kind: 'file',
      path: relative(ROOT, resolve(dirname(join(ROOT, file)), specifier))
        .split('\\')
        .join('/'),
    };
  }
  const parts = specifier.split('/');
  return { kind: 'package', name: specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]! };
}

const REACT_PACKAGES = /^(react|react-dom|@tanstack\/react-.*|lucide-react)$/;
const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** The vertical a src/features file belongs to ("catalog", "dataset"), and its sub-folder if any. */
function featureOf(path: string): { feature: string; sub: string | null } | null {
  const match = /^src\/features\/([^/]+)\/(?:([^/]+)\/)?/.exec(path);
  if (!match) return null;
  const sub = match[2] && !match[2].includes('.') ? match[2] : null;
  return { feature: match[1]!, sub };
}

/**
 * Sub-folders of a feature that hold no view, only modules its views share, so any sibling may
 * import them (they still import no sibling themselves).
 */
const SHARED_SUBFOLDERS: Record<string, readonly string[]> = {
  // The chart's state, URL keys and ODSQL: the Analyze view draws it, the API view lists its request.
  dataset: ['charts'],
};

const COMMON_PACKAGES = new Set(['zod', 'geojson']);

/**
 * The folders of server/ (design.md §4). A new folder is added here, so that someone decides
 * what it may import.
 */
const SERVER_FOLDERS = [
  'catalog',
  'exports',
  'feedback',
  'odsql',
  'pool',
  'query',
  'routes',
  'seed',
  'serializers',
  'store',
  'testing',
];

/**
 * Rules inside server/ for files that are not tests: only tests and server/testing use the test
 * support; only the entry points at server/'s top (serve.ts, main.ts) build the app, so no folder
 * depends on every route; serializers only write what routes computed, so they never call a route.
 */
function serverViolation(file: string, path: string): string | null {
  const folder = /^server\/([^/]+)\//.exec(file)?.[1] ?? null;
  if (folder !== null && !SERVER_FOLDERS.includes(folder)) return `server/${folder} is not in SERVER_FOLDERS`;
  if (folder === 'testing') return null;
  if (under(path, 'server/testing')) return `only tests and server/testing may import ${path}`;
  if (path === 'server/app' && folder !== null) return `server/${folder} may not import the app`;
  if (folder === 'serializers' && under(path, 'server/routes')) return `serializers may not import ${path}`;
  return null;
}

/** Returns why `file` may not import `target`, or null when it may. */
function violation(file: string, target: Target): string | null {
  // A `.test-support.ts` file holds what several test files share (fast-check arbitraries, expected
  // trees); only test files import it, so it is test code, yet vitest does not run it as a suite.
  const isTest = /\.test(-support)?\.tsx?$/.test(file);
  if (under(file, 'common')) {
    if (target.kind === 'node') return isTest ? null : 'common may not use node:*';
    if (target.kind === 'package') {
      if (isTest && (target.name === 'vitest' || target.name === 'fast-check')) return null;
      // geojson is @types/geojson: types only, nothing reaches the bundle or the server.
      return REACT_PACKAGES.test(target.name) || !COMMON_PACKAGES.has(target.name)
        ? `common may not import ${target.name}`
        : null;
    }
    return under(target.path, 'common') ? null : `common may not import ${target.path}`;
  }
  if (under(file, 'server')) {
    if (target.kind !== 'file') return null;
    if (under(target.path, 'src') || under(target.path, 'tests'))
      return `server may not import ${target.path}`;
    return isTest ? null : serverViolation(file, target.path);
  }
  if (under(file, 'tests/e2e')) {
    if (target.kind !== 'file') return null;
    return under(target.path, 'tests/e2e') ||
      under(target.path, 'tests/helpers') ||
      under(target.path, 'tests/fixtures')
      ? null
      : `e2e tests talk to the app through the browser and HTTP only, not ${target.path}`;
  }
  if (!under(file, 'src')) return null;
  if (target.kind === 'node') return 'the explorer may not use node:*';
  if (target.kind === 'file' && (under(target.path, 'server') || under(target.path, 'tests'))) {
    return `the explorer may not import ${target.path}`;
  }
  if (under(file, 'src/api')) {
    if (target.kind === 'package')
      return REACT_PACKAGES.test(target.name) ? `src/api may not import ${target.name}` : null;
    if (target.kind === 'file') {
      return under(target.path, 'common') || under(target.path, 'src/api')
        ? null
        : `src/api may not import ${target.path}`;
    }
  }
  if (target.kind !== 'file') return null;
  const path = target.path;
  // The catalogues and formatters sit under everything that shows text, so they import no part of it.
  if (under(file, 'src/i18n')) {
    return under(path, 'common') || under(path, 'src/i18n') ? null : `src/i18n may not import ${path}`;
  }
  if (under(file, 'src/lib') || under(file, 'src/components')) {
    if (under(path, 'src/features') || under(path, 'src/app'))
      return `${file.split('/')[1]} may not import ${path}`;
    if (under(file, 'src/components') && under(path, 'src/api')) return `components may not import ${path}`;
    return null;
  }
  const from = featureOf(file);
  if (from) {
    if (under(path, 'src/app')) return `a feature may not import the app (${path})`;
    const to = featureOf(path);
    if (to && to.feature !== from.feature)
      return `feature ${from.feature} may not import feature ${to.feature}`;
    if (to && from.sub && to.sub && to.sub !== from.sub && !SHARED_SUBFOLDERS[to.feature]?.includes(to.sub)) {
      return `${from.feature}/${from.sub} may not import its sibling ${from.feature}/${to.sub}`;
    }
  }
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((entry) => {
    const path = `${dir}/${entry}`;
    if (entry === 'node_modules' || entry === 'fixtures') return [];
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry) ? [path] : [];
  });
}

describe('layering (design.md §4)', () => {
  it('every import in common, server, src and tests follows the table', () => {
    const problems: string[] = [];
    for (const file of FOLDERS.flatMap(sourceFiles)) {
      for (const specifier of importsOf(readFileSync(join(ROOT, file), 'utf8'))) {
        const reason = violation(file, classify(file, specifier));
        if (reason) problems.push(`${file}: imports '${specifier}': ${reason}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('knows every folder of server/', () => {
    const folders = readdirSync(join(ROOT, 'server')).filter((entry) =>
      statSync(join(ROOT, 'server', entry)).isDirectory(),
    );
    expect(folders.sort()).toEqual([...SERVER_FOLDERS].sort());
  });

  it('catches the violations it is meant to catch', () => {
    const file = (path: string): Target => ({ kind: 'file', path });
    expect(violation('common/odsql/parser.ts', { kind: 'node' })).toMatch(/node/);
    expect(violation('common/odsql/parser.ts', { kind: 'package', name: 'react' })).toMatch(/react/);
    expect(violation('common/odsql/parser.ts', file('server/app'))).toMatch(/server/);
    expect(violation('common/odsql/parser.ts', { kind: 'package', name: 'fast-check' })).toMatch(
      /fast-check/,
    );
    expect(
      violation('common/odsql/property-arbitraries.test-support.ts', { kind: 'package', name: 'fast-check' }),
    ).toBeNull();
    expect(violation('server/app.ts', file('src/api/client'))).toMatch(/src/);
    expect(violation('src/api/client.ts', { kind: 'package', name: 'react' })).toMatch(/react/);
    expect(violation('src/api/client.ts', file('src/features/catalog/catalog-page'))).toMatch(/features/);
    expect(
      violation('src/features/catalog/catalog-page.tsx', file('src/features/dataset/dataset-page')),
    ).toMatch(/feature catalog/);
    expect(violation('src/features/dataset/map/map.tsx', file('src/features/dataset/table/grid'))).toMatch(
      /sibling/,
    );
    expect(
      violation('src/features/dataset/api/view-requests.ts', file('src/features/dataset/charts/chart-state')),
    ).toBeNull();
    expect(
      violation(
        'src/features/dataset/charts/chart-state.ts',
        file('src/features/dataset/analyze/chart-data'),
      ),
    ).toMatch(/sibling/);
    expect(
      violation('src/features/dataset/map/map.tsx', file('src/features/dataset/dataset-queries')),
    ).toBeNull();
    expect(violation('src/features/catalog/catalog-page.tsx', file('src/app/router'))).toMatch(/app/);
    expect(violation('src/components/states.tsx', file('src/api/client'))).toMatch(/components/);
    expect(violation('src/i18n/translate.ts', file('src/lib/portal'))).toMatch(/i18n/);
    expect(violation('src/components/states.tsx', file('src/i18n/translate'))).toBeNull();
    expect(violation('tests/e2e/catalog.spec.ts', file('src/api/client'))).toMatch(/browser/);
    expect(violation('server/exports/csv.ts', file('server/testing/fixture-portal'))).toMatch(/testing/);
    expect(violation('server/exports/csv.test.ts', file('server/testing/fixture-portal'))).toBeNull();
    expect(violation('server/testing/export-test-portal.ts', file('server/app'))).toBeNull();
    expect(violation('server/routes/records.ts', file('server/app'))).toMatch(/app/);
    expect(violation('server/serve.ts', file('server/app'))).toBeNull();
    expect(violation('server/serializers/v21.ts', file('server/routes/dataset-context'))).toMatch(
      /serializers/,
    );
    expect(violation('server/widgets/thing.ts', file('server/errors'))).toMatch(/SERVER_FOLDERS/);
    expect(importsOf("import a from './a';\nexport { b } from \"../b\";\nconst c = import('./c');")).toEqual([
      './a',
      '../b',
      './c',
    ]);
  });
});
