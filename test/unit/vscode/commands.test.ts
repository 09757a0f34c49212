import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, COMMAND_CATEGORY, QUERY_LENSES } from '../../../src/vscode/command-ids';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: { commandPalette: { command: string; when: string }[] };
    walkthroughs: { steps: { description: string }[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as Manifest;
const table = Object.values(COMMANDS);

describe('the command table and package.json', () => {
  it('contributes every command of the table, and no other', () => {
    assert.deepStrictEqual(manifest.contributes.commands.map((c) => c.command).sort(), table.map((c) => c.id).sort());
  });

  it('gives each command the title of the table under the sfjob category', () => {
    for (const command of table) {
      const contributed = manifest.contributes.commands.find((c) => c.command === command.id);
      assert.strictEqual(contributed?.title, command.title, command.id);
      assert.strictEqual(contributed?.category, COMMAND_CATEGORY, command.id);
    }
  });

  it('hides the internal commands from the Command Palette', () => {
    const hidden = new Set(manifest.contributes.menus.commandPalette.filter((m) => m.when === 'false').map((m) => m.command));
    for (const command of table) assert.strictEqual(hidden.has(command.id), 'internal' in command && command.internal === true, command.id);
  });

  it('links the walkthrough only to commands that exist', () => {
    const ids = new Set<string>(table.map((c) => c.id));
    const linked = manifest.contributes.walkthroughs.flatMap((w) => w.steps.flatMap((s) => [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1])));
    assert.ok(linked.length > 0);
    for (const id of linked) assert.ok(ids.has(id), `${id} is linked from the walkthrough but not implemented`);
  });

  it('keeps the query lenses apart from the implemented commands until they exist', () => {
    // A lens whose command is implemented must also be contributed, so it shows in the palette too.
    const ids = new Set<string>(table.map((c) => c.id));
    for (const lens of QUERY_LENSES) assert.strictEqual(ids.has(lens.id), manifest.contributes.commands.some((c) => c.command === lens.id), lens.id);
  });

  it('activates on job files and on JSON documents', () => {
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.sfjob.json'));
    assert.ok(manifest.activationEvents.includes('onLanguage:json'));
  });
});
