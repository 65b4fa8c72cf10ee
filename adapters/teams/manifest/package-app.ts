import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { projectPath } from '../../../src/project-files.js';

// The manifest template and icons are read from the repository, also when this runs from dist/.
const HERE = projectPath('adapters/teams/manifest');
const ICONS = ['color.png', 'outline.png'] as const;
const DEFAULTS: Record<string, string> = {
  GAPDESK_APP_VERSION: '1.0.0',
  GAPDESK_PUBLIC_URL: 'https://gapdesk.example.com',
};

/** manifest.json with every {{NAME}} replaced from `env` (or a default); lists every name missing. */
export function renderManifest(
  env: Record<string, string | undefined>,
  template = readFileSync(join(HERE, 'manifest.json'), 'utf8'),
): string {
  const missing = new Set<string>();
  const text = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_match, name: string) => {
    const value = env[name]?.trim() || DEFAULTS[name];
    if (!value) missing.add(name);
    return value ?? '';
  });
  if (missing.size > 0) throw new Error(`Set ${[...missing].join(', ')} to build the Teams app package.`);
  return text;
}

/** The Teams app package: manifest.json and the two icons at the zip's root. */
export async function buildAppPackage(env: Record<string, string | undefined>): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', renderManifest(env));
  for (const icon of ICONS) zip.file(icon, readFileSync(join(HERE, icon)));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  const out = join(process.cwd(), 'dist', 'gapdesk-teams.zip');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, await buildAppPackage(process.env));
  process.stdout.write(`Wrote ${out}: upload it in Teams (Apps → Manage your apps → Upload an app).\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
