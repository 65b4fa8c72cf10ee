import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A file that ships with gapdesk but is not code (the migrations, the Teams manifest and icons),
 * by its path in the repository. Found from the project root, the nearest folder up from this
 * module with gapdesk's package.json: the same from src/ under tsx and from dist/src/ once built.
 */
export function projectPath(relative: string): string {
  return join(projectRoot, relative);
}

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'prisma', 'migrations'))) return dir;
    if (dirname(dir) === dir) throw new Error(`gapdesk's project folder is not above ${from}`);
  }
}

const projectRoot = findRoot(dirname(fileURLToPath(import.meta.url)));
