import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(root, path)).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((match) => match[1] ?? '');
}

const PLATFORM_PACKAGES = /^(@slack\/|botbuilder|botframework-|adaptivecards|@microsoft\/)/;
/** The composition root (app.ts, main.ts) is the only place in src/ that knows the adapters. */
const COMPOSITION_ROOT = new Set(['src/app.ts', 'src/main.ts']);

describe('dependencies point inward', () => {
  it('src/domain imports nothing with I/O: no store, services, adapters, Node I/O or platform packages', () => {
    const offenders = sourceFiles('src/domain').flatMap((file) =>
      imports(file)
        .filter((spec) =>
          /^(node:|pg$|better-sqlite3|kysely|\.\.\/(store|services|jobs|http)|\.\.\/\.\.\/adapters)/.test(
            spec,
          ),
        )
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('nothing in src/ outside the composition root imports Slack, Teams or the adapters', () => {
    const offenders = sourceFiles('src')
      .filter((file) => !COMPOSITION_ROOT.has(relative('', file)))
      .flatMap((file) =>
        imports(file)
          .filter((spec) => PLATFORM_PACKAGES.test(spec) || spec.includes('adapters/'))
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the adapters do not reach into the store: they go through services and ports', () => {
    const offenders = ['adapters/slack', 'adapters/teams'].flatMap((dir) =>
      sourceFiles(dir).flatMap((file) =>
        imports(file)
          .filter((spec) => /src\/store\//.test(spec) || spec === 'kysely')
          .map((spec) => `${file} imports ${spec}`)
          .concat(
            /\b(services|deps)\.db\.[$a-z]/.test(readFileSync(join(root, file), 'utf8'))
              ? [`${file} queries the database`]
              : [],
          ),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('only src/store touches the database: everything else holds a Store handle and calls store functions', () => {
    const outsideStore = ['src', 'adapters'].flatMap((dir) =>
      sourceFiles(dir).filter((file) => !file.startsWith('src/store/')),
    );
    const offenders = outsideStore.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const driverImports = imports(file)
        .filter((spec) => /^(kysely|pg|better-sqlite3)$/.test(spec))
        .map((spec) => `${file} imports ${spec}`);
      // However the client is reached (deps.db, a destructured db, app.database.db, a tx), its
      // query methods and the handle's unwrapping are the store's alone.
      const queries = [
        ...text.matchAll(
          /\bclientOf\b|\.db\b(?!['"`])|\b(db|tx)\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|transaction|with|executeQuery)\b|\bsql`/g,
        ),
      ].map((match) => `${file} uses ${match[0]}`);
      return [...driverImports, ...queries];
    });
    expect(offenders).toEqual([]);
  });
});
