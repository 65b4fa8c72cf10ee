import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, renderManifest } from '../../../adapters/teams/manifest/package-app.js';

const require = createRequire(import.meta.url);
// ajv-draft-04 and ajv-formats are CommonJS; the Teams schemas are JSON Schema draft-04.
const Ajv = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;
const schema = JSON.parse(
  readFileSync(
    require.resolve('@microsoft/app-manifest/build/json-schemas/teams/v1.22/MicrosoftTeams.schema.json'),
    'utf8',
  ),
) as Record<string, unknown>;
const APP_ID = '0a1b2c3d-4e5f-4a6b-8c7d-0123456789ab';

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(bytes);
  expect(view.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

describe('npm run teams:package: the Teams app package', () => {
  it('zips a manifest that Microsoft’s v1.22 schema accepts, with the bot, commands and the message action', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage({ MICROSOFT_APP_ID: APP_ID }));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}');

    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The validator does reject what Teams would reject.
    expect(validate({ ...manifest, accentColor: undefined, bots: [{ scopes: ['personal'] }] })).toBe(false);

    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots[0]).toMatchObject({ botId: APP_ID, scopes: ['personal', 'team'] });
    const personal = manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title);
    expect(personal).toEqual(expect.arrayContaining(['my requests', 'help']));
    expect(manifest.composeExtensions[0].commands[0]).toMatchObject({
      id: 'turnIntoRequest',
      type: 'action',
      title: 'Turn into a request',
      context: ['message'],
      fetchTask: true,
    });
  });

  it('ships a 192×192 colour icon and a 32×32 transparent outline icon', async () => {
    const zip = await JSZip.loadAsync(await buildAppPackage({ MICROSOFT_APP_ID: APP_ID }));
    expect(
      pngSize(await (zip.file('color.png')?.async('uint8array') ?? Promise.resolve(new Uint8Array()))),
    ).toEqual({ width: 192, height: 192 });
    const outline = (await zip.file('outline.png')?.async('uint8array')) ?? new Uint8Array();
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    expect(outline[25]).toBe(6); // colour type 6: RGBA, so the background can be transparent
  });

  it('names the variable that is missing instead of building a broken package', () => {
    expect(() => renderManifest({})).toThrow('Set MICROSOFT_APP_ID to build the Teams app package.');
  });
});
