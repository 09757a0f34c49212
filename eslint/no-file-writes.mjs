// The rule behind "no module outside src/store writes files" (docs/architecture.md, the store): every
// write of a job's goes through the store, which makes it durable, contained in the workspace and
// cleaned up after a killed run. This rule finds the write calls of node:fs (named, namespace, default,
// `promises` and require() forms), fs.open with flags that may write, and the editor's workspace.fs
// writes; eslint.config.mjs applies it outside src/store.

const FS_MODULES = new Set(['fs', 'node:fs', 'fs/promises', 'node:fs/promises']);

/** The node:fs calls that create, change or remove files, folders or links (each also as ...Sync where it has one). */
const WRITES = new Set(
  [
    'writeFile', 'appendFile', 'rename', 'mkdir', 'mkdtemp', 'rm', 'rmdir', 'unlink', 'link', 'symlink',
    'copyFile', 'cp', 'truncate', 'ftruncate', 'write', 'writev', 'chmod', 'lchmod', 'fchmod', 'chown',
    'lchown', 'fchown', 'utimes', 'lutimes', 'futimes',
  ].flatMap((name) => [name, `${name}Sync`]).concat(['createWriteStream']),
);

/** SQLite writes its database file itself. */
const DATABASE = 'node-sqlite3-wasm';

const OPENS = new Set(['open', 'openSync', 'openAsBlob']);

/** The editor's file system (vscode.workspace.fs) calls that write. */
const EDITOR_WRITES = new Set(['writeFile', 'delete', 'rename', 'copy', 'createDirectory']);

/** fs.open flags that only read: `r` and `rs` (`sr`), without `+`. Anything else, or flags not written as such a literal, may write. */
function readOnlyFlags(node) {
  if (node === undefined) return true;
  return node.type === 'Literal' && typeof node.value === 'string' && /^(?:r|rs|sr)$/.test(node.value);
}

/** The expression under TypeScript's `as`, `!` and `<T>` wrappings, which change no value. */
function unwrapped(node) {
  let current = node;
  while (current && (current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'TSTypeAssertion' || current.type === 'TSSatisfiesExpression')) current = current.expression;
  return current;
}

function propertyName(member) {
  if (member.computed) return member.property.type === 'Literal' ? String(member.property.value) : undefined;
  return member.property.type === 'Identifier' ? member.property.name : undefined;
}

function isRequireOfFs(wrapped) {
  const node = unwrapped(wrapped);
  return node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal' && FS_MODULES.has(node.arguments[0].value);
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Files are written only by src/store (and a short allow-list of writes that are not the job\'s).' },
    messages: {
      write: '{{name}} writes a file outside src/store: write through the store (src/store/index.ts), which makes it durable and keeps it inside the workspace.',
      open: '{{name}} with flags that may write opens a file for writing outside src/store: write through the store (src/store/index.ts).',
      editor: 'workspace.fs.{{name}} writes a file outside src/store: write through the store (src/store/index.ts).',
      database: 'node-sqlite3-wasm writes its database file in place: only src/store opens it.',
    },
    schema: [],
  },
  create(context) {
    /** Local names bound to the fs module (or its promises object). */
    const modules = new Set();
    /** Local names bound to fs.open / fs.openSync themselves. */
    const openers = new Set();

    const isModule = (wrapped) => {
      const node = unwrapped(wrapped);
      if (node.type === 'Identifier') return modules.has(node.name);
      // fs.promises.writeFile, require('fs').writeFileSync
      if (node.type === 'MemberExpression') return propertyName(node) === 'promises' && isModule(node.object);
      return isRequireOfFs(node);
    };

    const checkNamed = (node, imported) => {
      if (WRITES.has(imported)) context.report({ node, messageId: 'write', data: { name: imported } });
    };

    return {
      ImportDeclaration(node) {
        if (node.source.value === DATABASE && node.importKind !== 'type') context.report({ node, messageId: 'database' });
        if (!FS_MODULES.has(node.source.value)) return;
        for (const specifier of node.specifiers) {
          if (specifier.type !== 'ImportSpecifier') modules.add(specifier.local.name);
          else {
            const imported = specifier.imported.type === 'Identifier' ? specifier.imported.name : String(specifier.imported.value);
            if (imported === 'promises') modules.add(specifier.local.name);
            else if (OPENS.has(imported)) openers.add(specifier.local.name);
            else checkNamed(specifier, imported);
          }
        }
      },
      TSImportEqualsDeclaration(node) {
        const reference = node.moduleReference;
        if (reference.type === 'TSExternalModuleReference' && FS_MODULES.has(reference.expression.value)) modules.add(node.id.name);
      },
      VariableDeclarator(node) {
        const init = unwrapped(node.init);
        if (!init || !(isRequireOfFs(init) || isModule(init))) return;
        if (node.id.type === 'Identifier') modules.add(node.id.name);
        else if (node.id.type === 'ObjectPattern') {
          for (const property of node.id.properties) {
            if (property.type !== 'Property') continue;
            const key = property.key.type === 'Identifier' ? property.key.name : String(property.key.value);
            const local = property.value.type === 'Identifier' ? property.value.name : undefined;
            if (key === 'promises' && local) modules.add(local);
            else if (OPENS.has(key) && local) openers.add(local);
            else checkNamed(property, key);
          }
        }
      },
      MemberExpression(node) {
        const name = propertyName(node);
        if (name === undefined) return;
        if (WRITES.has(name) && isModule(node.object)) context.report({ node, messageId: 'write', data: { name } });
        // vscode.workspace.fs.writeFile(...) and the like.
        else if (EDITOR_WRITES.has(name) && node.object.type === 'MemberExpression' && propertyName(node.object) === 'fs' && !isModule(node.object)) {
          context.report({ node, messageId: 'editor', data: { name } });
        }
      },
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments[0]?.type === 'Literal' && node.arguments[0].value === DATABASE) context.report({ node, messageId: 'database' });
        let name;
        if (callee.type === 'Identifier' && openers.has(callee.name)) name = callee.name;
        else if (callee.type === 'MemberExpression' && OPENS.has(propertyName(callee)) && isModule(callee.object)) name = propertyName(callee);
        if (name === undefined || name === 'openAsBlob') return;
        if (!readOnlyFlags(node.arguments[1])) context.report({ node, messageId: 'open', data: { name } });
      },
    };
  },
};
