import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { NaturalIds } from '../core/run/natural-ids';
import type { Serializer } from '../core/run/serialize';
import type { MappedUnit } from '../core/run/types';
import { openPartedOutput } from './csv-output';
import { temporaryPathFor, type NoteTemporary } from './durable';
import { publishWithoutReplacing, refuseExisting } from './publish';

/**
 * The run's output file. Documents stream into a temporary file beside the target; only `commit`
 * renames it into place, after flushing it to disk, so a run that fails or is stopped leaves no partial
 * file and never touches an earlier run's output.
 *
 * duplicates: replace within one run. The later document must win, but an earlier one may already be
 * on disk. The writer remembers the latest document of each natural_id by its number, and where each
 * document starts (the next one's start is its end); when a later one supersedes it, that byte range is
 * marked dropped, and `commit` copies the file once more without the dropped ranges. Memory stays a
 * number and an offset per document in typed arrays, with no object or string per document (the ids
 * themselves are entries of the run's natural-id store), and the copy happens only in runs that really
 * had repeats.
 */

interface ByteRange {
  start: number;
  end: number;
}

export interface CommittedOutput {
  path: string;
  documents: number;
  bytes: number;
  /** Every file of a run written in parts (csv over 100,000 rows; see csv-output.ts), `path` first. */
  files?: string[];
}

/** A finished output file, flushed to disk under its temporary name, about to be renamed into place. */
export interface StagedOutput extends CommittedOutput {
  temporary: string;
  /** A run written in parts: the parts renamed before this one, which is the last and the commit point. */
  others?: { temporary: string; target: string }[];
}

export interface OutputWriter {
  /** The hidden file the documents stream into until the commit. */
  temporaryPath: string;
  /** Appends a page of documents; it touches the disk only when enough text has gathered. */
  write(units: readonly MappedUnit[]): Promise<void>;
  /**
   * Makes the file durable and moves it into place; undefined (and no file) when no document was
   * written. `beforeRename` runs once the file is on disk under its temporary name, just before the
   * rename: the run stages its new state there, so a crash between the rename and the state can be
   * recovered (see state.ts).
   */
  commit(beforeRename?: (staged: StagedOutput) => Promise<void>): Promise<CommittedOutput | undefined>;
  /** Removes the temporary file; the target is left as it was. */
  abort(): Promise<void>;
}

const FLUSH_BYTES = 64 * 1024;

/** A list of numbers in a typed array that grows as needed: 8 bytes a number, and no boxed values. */
class NumberList {
  private values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const values = new Float64Array(this.values.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.values[this.length++] = value;
  }

  /** The value at index, or undefined past the end. */
  at(index: number): number | undefined {
    return index < this.length ? this.values[index] : undefined;
  }

  set(index: number, value: number): void {
    while (this.length <= index) this.push(Number.NaN);
    this.values[index] = value;
  }
}

/** `ids` is the store the run's natural ids are noted in; the writer keys its documents by their entries. */
export async function openOutput(targetPath: string, serializer: Serializer, ids: NaturalIds = new NaturalIds(), noteTemporary?: NoteTemporary): Promise<OutputWriter> {
  // A format with a row limit per file (csv) streams into one file and is cut into parts at the commit.
  if (serializer.maxRowsPerFile !== undefined) {
    await refuseExisting(targetPath);
    return openPartedOutput(targetPath, serializer, serializer.maxRowsPerFile, (rowsPath, rowsOnly) => openOutput(rowsPath, rowsOnly, ids, noteTemporary), noteTemporary);
  }
  await fs.mkdir(path.dirname(targetPath), { recursive: true });
  await refuseExisting(targetPath);
  const temporary = temporaryPathFor(targetPath);
  await noteTemporary?.(temporary);
  const handle = await fs.open(temporary, 'wx');
  let closed = false;
  let pending: string[] = [];
  let pendingBytes = 0;
  let position = 0;
  let documents = 0;
  /** A natural id's entry in `ids` → the number of its latest document (an index into `starts`), NaN for none. */
  const latestByEntry = new NumberList();
  const starts = new NumberList();
  const dropped: ByteRange[] = [];

  const append = (text: string): void => {
    const length = Buffer.byteLength(text, 'utf8');
    position += length;
    pending.push(text);
    pendingBytes += length;
  };
  const rangeOf = (documentNumber: number): ByteRange => ({ start: starts.at(documentNumber) ?? position, end: starts.at(documentNumber + 1) ?? position });
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingBytes = 0;
    await handle.write(chunk, null, 'utf8');
  };
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };

  if (serializer.header !== '') append(serializer.header);

  return {
    temporaryPath: temporary,
    async write(units) {
      for (const unit of units) {
        const documentNumber = starts.length;
        starts.push(position);
        append(serializer.line(unit.document, unit.json));
        documents++;
        const entry = ids.entryOf(unit.document.natural_id);
        if (unit.supersedes) {
          const earlier = latestByEntry.at(entry);
          if (earlier !== undefined && !Number.isNaN(earlier)) {
            dropped.push(rangeOf(earlier));
            documents--;
          }
        }
        latestByEntry.set(entry, documentNumber);
      }
      if (pendingBytes >= FLUSH_BYTES) await flush();
    },
    async commit(beforeRename) {
      await flush();
      await handle.sync();
      await close();
      if (documents === 0) {
        await fs.rm(temporary, { force: true });
        return undefined;
      }
      let bytes = position;
      let ready = temporary;
      if (dropped.length > 0) {
        ready = temporaryPathFor(targetPath);
        await noteTemporary?.(ready);
        try {
          bytes = await copyWithout(temporary, ready, dropped);
        } catch (error) {
          await fs.rm(ready, { force: true });
          throw error;
        } finally {
          await fs.rm(temporary, { force: true });
        }
      }
      try {
        await beforeRename?.({ path: targetPath, temporary: ready, documents, bytes });
      } catch (error) {
        await fs.rm(ready, { force: true });
        throw error;
      }
      await publishWithoutReplacing(ready, targetPath);
      return { path: targetPath, documents, bytes };
    },
    async abort() {
      await close();
      await fs.rm(temporary, { force: true });
    },
  };
}

/** Copies `source` to `target` leaving out the dropped byte ranges, flushes it, and returns its size. */
async function copyWithout(source: string, target: string, dropped: ByteRange[]): Promise<number> {
  const sorted = [...dropped].sort((a, b) => a.start - b.start);
  const input = await fs.open(source, 'r');
  const output = await fs.open(target, 'wx');
  const buffer = Buffer.alloc(FLUSH_BYTES);
  let written = 0;
  try {
    const size = (await input.stat()).size;
    let from = 0;
    const copy = async (start: number, end: number): Promise<void> => {
      for (let at = start; at < end; ) {
        const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, end - at), at);
        if (bytesRead === 0) break;
        await output.write(buffer, 0, bytesRead);
        at += bytesRead;
        written += bytesRead;
      }
    };
    for (const range of sorted) {
      await copy(from, range.start);
      from = range.end;
    }
    await copy(from, size);
    await output.sync();
  } finally {
    await input.close();
    await output.close();
  }
  return written;
}
