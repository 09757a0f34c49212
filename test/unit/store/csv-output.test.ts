import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { NaturalIds } from '../../../src/core/run/natural-ids';
import type { Serializer } from '../../../src/core/run/serialize';
import type { MappedUnit, OutputDocument } from '../../../src/core/run/types';
import { loadState, saveState } from '../../../src/store/state';
import { isOwnTemporary } from '../../../src/store/containment';
import { partPath } from '../../../src/store/csv-output';
import { openOutput } from '../../../src/store/output';
import { recoverState, stageState } from '../../../src/store/state';
import { listFiles, makeWorkspace } from '../runner/helpers';

const NOW = new Date('2026-11-25T08:00:00.000Z');

/** A csv serializer with a small row limit, so parts show with a handful of documents. Cells hold line breaks and quotes. */
const serializer: Serializer = {
  header: 'natural_id,text\n',
  line: (document) => `${document.natural_id},"${String(document.verbatims.text).replace(/"/g, '""')}"\n`,
  maxRowsPerFile: 2,
};

function unit(id: string, text: string, supersedes = false): MappedUnit {
  const document = { natural_id: id, verbatims: { text } } as unknown as OutputDocument;
  return { record: {}, rows: 1, document, supersedes };
}

describe('csv output in parts', () => {
  let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
  let target: string;
  beforeEach(async () => {
    workspace = await makeWorkspace();
    target = path.join(workspace.root, 'out', 'run-1.csv');
  });
  afterEach(async () => {
    await workspace.remove();
  });

  it('names parts by appending the part number before the extension', () => {
    assert.equal(partPath('/o/run-1.csv', 3), '/o/run-1-part3.csv');
  });

  it('cuts rows into files of at most the limit, the header on each, keeping line breaks inside cells', async () => {
    const writer = await openOutput(target, serializer, new NaturalIds());
    await writer.write([unit('a', 'one\nline two'), unit('b', 'say "hi"'), unit('c', 'x'), unit('d', 'y\r\nz'), unit('e', 'last')]);
    const committed = await writer.commit();
    assert.deepEqual(committed?.files, [partPath(target, 1), partPath(target, 2), partPath(target, 3)]);
    assert.equal(committed?.documents, 5);
    const texts = await Promise.all((committed?.files ?? []).map((file) => fs.readFile(file, 'utf8')));
    assert.deepEqual(texts, ['natural_id,text\na,"one\nline two"\nb,"say ""hi"""\n', 'natural_id,text\nc,"x"\nd,"y\r\nz"\n', 'natural_id,text\ne,"last"\n']);
    assert.equal(committed?.bytes, texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0));
    assert.deepEqual(await listFiles(path.join(workspace.root, 'out')), ['run-1-part1.csv', 'run-1-part2.csv', 'run-1-part3.csv']);
  });

  it('keeps the configured name when one file is enough, and drops rows a later document replaced', async () => {
    const writer = await openOutput(target, serializer, new NaturalIds());
    await writer.write([unit('a', 'old'), unit('b', 'b'), unit('a', 'new', true)]);
    const committed = await writer.commit();
    assert.equal(committed?.path, target);
    assert.equal(committed?.files, undefined);
    assert.equal(await fs.readFile(target, 'utf8'), 'natural_id,text\nb,"b"\na,"new"\n');
  });

  it('publishes nothing when the state cannot be staged', async () => {
    const writer = await openOutput(target, serializer, new NaturalIds());
    await writer.write([unit('a', '1'), unit('b', '2'), unit('c', '3')]);
    await assert.rejects(
      writer.commit(() => Promise.reject(new Error('disk full'))),
      /disk full/,
    );
    assert.deepEqual(await listFiles(path.join(workspace.root, 'out')), []);
  });

  it('stages the parts renamed before the last, so a run killed between renames takes them back', async () => {
    const statePath = path.join(workspace.root, '.sfjob', 'state', 'support.json');
    await saveState(statePath, { seenIds: NaturalIds.from(['z']) }, NOW);
    const writer = await openOutput(target, serializer, new NaturalIds());
    await writer.write([unit('a', '1'), unit('b', '2'), unit('c', '3')]);
    let staged: Parameters<Parameters<typeof writer.commit>[0] & object>[0] | undefined;
    await writer.commit(async (parts) => {
      staged = parts;
      await stageState(statePath, { seenIds: NaturalIds.from(['z', 'a', 'b', 'c']) }, NOW, { temporary: parts.temporary, target: parts.path, ...(parts.others ? { others: parts.others } : {}) });
    });
    assert.equal(staged?.others?.length, 1);
    // As if killed after the first part's rename and before the last's: the last part is back under its temporary name.
    await fs.rename(partPath(target, 2), staged?.temporary ?? '');
    const ownFolders = [path.join(workspace.root, 'out'), path.dirname(statePath)];
    assert.equal(await recoverState(statePath, { isOwnTemporary: (file) => isOwnTemporary(file, ownFolders), isInsideWorkspace: async () => true }), 'discarded');
    assert.deepEqual(await listFiles(path.join(workspace.root, 'out')), []);
    assert.deepEqual([...(await loadState(statePath)).seenIds], ['z']);
  });
});
