import * as assert from 'node:assert/strict';
import { announceTestSecret } from '../../helpers/secret-channels';
import type { TestWorkspace } from './workspace';

/**
 * What a test file wrote and printed, and the secrets it used, so the file's last test can prove no
 * secret leaked into a file, a message or output.
 */
export class Evidence {
  private readonly secrets = new Set<string>();
  private readonly texts: { where: string; text: string }[] = [];
  private readonly workspaces: TestWorkspace[] = [];

  secret(...values: (string | undefined)[]): void {
    for (const value of values) {
      if (!value) continue;
      this.secrets.add(value);
      announceTestSecret(value);
    }
  }

  output(where: string, text: string): void {
    this.texts.push({ where, text });
  }

  workspace(workspace: TestWorkspace): TestWorkspace {
    this.workspaces.push(workspace);
    return workspace;
  }

  /** Secrets saved in credentials files are secrets too: they must not show up anywhere else. */
  assertNoSecretLeaked(): void {
    for (const workspace of this.workspaces) {
      for (const entry of Object.values(workspace.saved())) for (const value of Object.values(entry)) if (!value.startsWith('http')) this.secrets.add(value);
    }
    assert.ok(this.secrets.size >= 3, `only ${this.secrets.size} secrets were recorded: the scan would prove little`);
    const places = [...this.texts, ...this.workspaces.flatMap((w) => w.filesOutsideTheCredentialsFile().map(({ file, text }) => ({ where: file, text })))];
    assert.ok(places.length > 0, 'nothing was captured to scan');
    for (const { where, text } of places) {
      for (const secret of this.secrets) assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 3)}…) appears in ${where}`);
    }
  }

  cleanUp(): void {
    for (const workspace of this.workspaces) workspace.remove();
  }
}
