import * as assert from 'node:assert/strict';
import { followAuthorize, startEmulator, type EmulatorHandle } from '../../../src/emulator/index';
import { authorizeConnection, forgetConnection, showConnectionStatus, testConnectionCommand, type ConnectionDeps } from '../../../src/vscode/connections/handlers';
import { Evidence } from './evidence';
import { TestWorkspace } from './workspace';

/** What the editor showed: every message by kind, and the output channel's lines. */
class RecordingUi {
  readonly shown: { kind: 'info' | 'warn' | 'error' | 'log'; text: string }[] = [];
  readonly asked: string[] = [];
  constructor(
    readonly root: string,
    private readonly answers: Record<string, string | undefined>,
    private readonly browser: (url: string) => Promise<boolean>,
    private readonly cancelAfterOpen = false,
  ) {}

  deps(storage: Map<string, string>, env: NodeJS.ProcessEnv): ConnectionDeps {
    let abort: (() => void) | undefined;
    return {
      storage: {
        get: async (key) => storage.get(key),
        store: async (key, value) => void storage.set(key, value),
        delete: async (key) => void storage.delete(key),
      },
      env,
      ui: {
        workspaceRoot: () => this.root,
        pickConnection: async (names) => names[0],
        askSecret: async (prompt) => {
          this.asked.push(prompt);
          const key = Object.keys(this.answers).find((k) => prompt.includes(k));
          return key ? this.answers[key] : undefined;
        },
        openExternal: async (url) => {
          const opened = await this.browser(url);
          if (this.cancelAfterOpen) abort?.();
          return opened;
        },
        withProgress: async (_title, work) => {
          const controller = new AbortController();
          abort = () => controller.abort();
          return work(controller.signal);
        },
        info: (text) => this.shown.push({ kind: 'info', text }),
        warn: (text) => this.shown.push({ kind: 'warn', text }),
        error: (text) => this.shown.push({ kind: 'error', text }),
        log: (text) => this.shown.push({ kind: 'log', text }),
      },
    };
  }

  text(kind: 'info' | 'warn' | 'error' | 'log'): string {
    return this.shown.filter((s) => s.kind === kind).map((s) => s.text).join('\n');
  }
}

describe('the VS Code connection commands against the emulator', function () {
  this.timeout(30_000);
  const evidence = new Evidence();
  let emulator: EmulatorHandle;
  const followInPlaceOfBrowser = async (url: string) => {
    await (await fetch(await followAuthorize(url))).text();
    return true;
  };

  before(async () => {
    emulator = await startEmulator({ port: 0, records: { cases: 2, chats: 1, sms: 1, surveys: 1 } });
    evidence.secret(emulator.clientSecret, emulator.password);
  });
  after(async () => {
    await emulator.close();
    evidence.cleanUp();
  });

  function workspaceFor(connection: object): TestWorkspace {
    return evidence.workspace(new TestWorkspace({ local: { environmentUrl: emulator.url, clientId: emulator.clientId, ...connection } as never }));
  }

  function remember(ui: RecordingUi, storage: Map<string, string>): void {
    evidence.secret(...[...storage].filter(([key]) => !key.endsWith('.instanceUrl')).map(([, value]) => value));
    for (const { kind, text } of ui.shown) evidence.output(`editor ${kind}`, text);
  }

  it('asks for the missing password-flow secrets, keeps them in secret storage and shows who is signed in', async () => {
    const ws = workspaceFor({ flow: 'password', username: emulator.username });
    const ui = new RecordingUi(ws.root, { 'consumer secret': emulator.clientSecret, password: emulator.password, 'security token': '' }, followInPlaceOfBrowser);
    const storage = new Map<string, string>();
    const check = await authorizeConnection(ui.deps(storage, {}));
    remember(ui, storage);
    assert.equal(check?.username, emulator.username, ui.text('error'));
    assert.equal(ui.asked.length, 3);
    assert.equal(storage.get('sfjob.connection.local.clientSecret'), emulator.clientSecret);
    assert.equal(storage.get('sfjob.connection.local.password'), emulator.password);
    assert.equal(storage.has('sfjob.connection.local.securityToken'), false, 'an empty security token is not stored');
    assert.ok(storage.get('sfjob.connection.local.accessToken'));
    assert.match(ui.text('info'), new RegExp(`connection "local" works: integration@sfjob\\.local in org ${emulator.org.orgId}`));

    // Asked once: the next authorization finds everything in secret storage.
    const again = new RecordingUi(ws.root, {}, followInPlaceOfBrowser);
    assert.ok(await authorizeConnection(again.deps(storage, {}), 'local'));
    assert.equal(again.asked.length, 0);
    remember(again, storage);
  });

  it('signs a web server connection in through the browser, then tests it with the saved refresh token', async () => {
    const ws = workspaceFor({ flow: 'webServer' });
    const opened: string[] = [];
    const ui = new RecordingUi(ws.root, {}, async (url) => (opened.push(url), followInPlaceOfBrowser(url)));
    const storage = new Map<string, string>();
    assert.ok(await authorizeConnection(ui.deps(storage, {}), 'local'), ui.text('error'));
    assert.match(opened[0], /\/services\/oauth2\/authorize\?.*code_challenge=/);
    assert.ok(storage.get('sfjob.connection.local.refreshToken'));
    const tester = new RecordingUi(ws.root, {}, async () => assert.fail('a test must not open the browser'));
    assert.equal((await testConnectionCommand(tester.deps(storage, {}), 'local'))?.orgId, emulator.org.orgId);
    remember(ui, storage);
    remember(tester, storage);
  });

  it('stops waiting for the browser when the progress notification is cancelled', async () => {
    const ws = workspaceFor({ flow: 'webServer' });
    const ui = new RecordingUi(ws.root, {}, async () => true, true);
    const storage = new Map<string, string>();
    assert.equal(await authorizeConnection(ui.deps(storage, {}), 'local'), undefined);
    assert.match(ui.text('error'), /sfjob: The authorization was cancelled\./);
    assert.equal(storage.size, 0);
    remember(ui, storage);
  });

  it('lists connections with what they miss, and forgets saved credentials', async () => {
    const ws = workspaceFor({ flow: 'clientCredentials', expiration: { date: '2020-02-02' } });
    const storage = new Map<string, string>([['sfjob.connection.local.clientSecret', emulator.clientSecret]]);
    const ui = new RecordingUi(ws.root, {}, followInPlaceOfBrowser);
    const statuses = await showConnectionStatus(ui.deps(storage, {}));
    assert.equal(statuses?.[0].ready, true);
    assert.deepEqual(statuses?.[0].present, [{ kind: 'clientSecret', source: "VS Code's secret storage" }]);
    assert.match(ui.text('error'), /connection "local" expired on 2020-02-02/);
    assert.ok(await forgetConnection(ui.deps(storage, {}), 'local'));
    assert.equal(storage.size, 0);
    const after = await showConnectionStatus(ui.deps(storage, {}));
    assert.deepEqual(after?.[0].missing, ['clientSecret (SFJOB_LOCAL_CLIENT_SECRET or the credentials file)']);
    remember(ui, storage);
  });

  it('says what to do when no folder is open', async () => {
    const ui = new RecordingUi('', {}, followInPlaceOfBrowser);
    const deps = ui.deps(new Map(), {});
    deps.ui.workspaceRoot = () => undefined;
    assert.equal(await authorizeConnection(deps), undefined);
    assert.match(ui.text('error'), /open a folder with an sfjob\.connections\.json first/);
  });

  it('leaves no secret in any file it wrote or any output it showed', () => {
    evidence.assertNoSecretLeaked();
  });
});
