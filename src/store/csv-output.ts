import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Serializer } from '../core/run/serialize';
import { temporaryPathFor, type NoteTemporary } from './durable';
import type { CommittedOutput, OutputWriter, StagedOutput } from './output';
import { publishWithoutReplacing, refuseExisting } from './publish';

/**
 * XM Discover's individual-feedback upload takes files of at most 100,000 rows, each with the column
 * names in its first row. A csv run therefore writes its rows as one file first, through the ordinary
 * single-file writer (which already drops the rows a later document of the same natural_id replaced),
 * and only at the commit cuts that file into parts of at most `maxRowsPerFile` rows, each with the
 * header. A run that fits in one file writes exactly `output.path`; a larger one writes
 * `<name>-part1.csv`, `<name>-part2.csv`, … beside it.
 *
 * Publication stays all or nothing with the run's state. Every part is written and flushed under a
 * temporary name first. The state is staged naming the last part as the commit point and the other
 * parts beside it; the other parts are renamed into place, then the last one. A process killed before
 * the last rename leaves the staged state with its commit point's temporary file still there, and the
 * next run's recovery removes the staged state, every temporary and every part already renamed
 * (their names hold this run's id, so they cannot be anyone else's): no part is published without
 * the state that records its documents. A process killed after the last rename has published every
 * part, and recovery publishes the state. A failure after the renames (the state cannot be saved) is
 * undone by the run, which removes every file of `CommittedOutput.files`.
 */

const CHUNK = 64 * 1024;
const QUOTE = 0x22;
const NEWLINE = 0x0a;

/** Opens the single-file writer the rows stream into (output.ts passes its own opener, to avoid an import cycle). */
export type OpenSingle = (targetPath: string, serializer: Serializer) => Promise<OutputWriter>;

/** The path of part `n` (1-based): the part number goes before the extension, "run.csv" → "run-part2.csv". */
export function partPath(targetPath: string, part: number): string {
  const extension = path.extname(targetPath);
  return `${targetPath.slice(0, targetPath.length - extension.length)}-part${part}${extension}`;
}

export async function openPartedOutput(targetPath: string, serializer: Serializer, maxRowsPerFile: number, openSingle: OpenSingle, noteTemporary?: NoteTemporary): Promise<OutputWriter> {
  await fs.mkdir(path.dirname(targetPath), { recursive: true });
  // The rows without a header, under a hidden temporary name until they are cut into parts.
  const rowsPath = temporaryPathFor(targetPath);
  const rows = await openSingle(rowsPath, { header: '', line: serializer.line });
  return {
    temporaryPath: rows.temporaryPath,
    write: (units) => rows.write(units),
    abort: () => rows.abort(),
    async commit(beforeRename) {
      const all = await rows.commit();
      if (!all) return undefined;
      let parts: StagedPart[];
      try {
        parts = await cutIntoParts(rowsPath, targetPath, serializer.header, maxRowsPerFile, noteTemporary);
      } finally {
        await fs.rm(rowsPath, { force: true });
      }
      const last = parts[parts.length - 1];
      const bytes = parts.reduce((sum, part) => sum + part.bytes, 0);
      const files = parts.map((part) => part.target);
      const others = parts.slice(0, -1).map((part) => ({ temporary: part.temporary, target: part.target }));
      const staged: StagedOutput = { path: last.target, temporary: last.temporary, documents: all.documents, bytes, ...(others.length > 0 ? { others, files } : {}) };
      try {
        await beforeRename?.(staged);
      } catch (error) {
        await Promise.all(parts.map((part) => fs.rm(part.temporary, { force: true })));
        throw error;
      }
      // No part may replace a published file; checking them all first keeps a clash from publishing some parts only.
      for (const part of parts) await refuseExisting(part.target);
      for (const part of parts) await publishWithoutReplacing(part.temporary, part.target);
      const committed: CommittedOutput = { path: parts[0].target, documents: all.documents, bytes };
      return parts.length > 1 ? { ...committed, files } : committed;
    },
  };
}

interface StagedPart {
  temporary: string;
  target: string;
  rows: number;
  bytes: number;
}

/**
 * Copies the rows file into parts of at most `maxRows` rows, each starting with the header. A row ends
 * at a line feed outside quotes: RFC 4180 quoting keeps line breaks inside a cell between double quotes,
 * and in UTF-8 neither byte can be part of another character, so the bytes can be read without decoding.
 */
async function cutIntoParts(rowsPath: string, targetPath: string, header: string, maxRows: number, noteTemporary?: NoteTemporary): Promise<StagedPart[]> {
  const input = await fs.open(rowsPath, 'r');
  const parts: StagedPart[] = [];
  let output: fs.FileHandle | undefined;
  let current: StagedPart | undefined;
  const headerBytes = Buffer.from(header, 'utf8');
  const finishPart = async (): Promise<void> => {
    if (!output) return;
    await output.sync();
    await output.close();
    output = undefined;
  };
  const startPart = async (): Promise<void> => {
    const target = partPath(targetPath, parts.length + 1);
    current = { temporary: temporaryPathFor(target), target, rows: 0, bytes: headerBytes.length };
    parts.push(current);
    await noteTemporary?.(current.temporary);
    output = await fs.open(current.temporary, 'wx');
    await output.write(headerBytes);
  };
  try {
    const buffer = Buffer.alloc(CHUNK);
    let inQuotes = false;
    for (let position = 0; ; ) {
      const { bytesRead } = await input.read(buffer, 0, CHUNK, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      let from = 0;
      for (let i = 0; i < bytesRead; i++) {
        const byte = buffer[i];
        if (byte === QUOTE) inQuotes = !inQuotes;
        else if (byte === NEWLINE && !inQuotes) {
          if (!current || !output) await startPart();
          if (current && output) {
            current.rows++;
            if (current.rows === maxRows) {
              await output.write(buffer, from, i + 1 - from);
              current.bytes += i + 1 - from;
              from = i + 1;
              await finishPart();
              current = undefined;
            }
          }
        }
      }
      if (from < bytesRead) {
        if (!current || !output) await startPart();
        if (current && output) {
          await output.write(buffer, from, bytesRead - from);
          current.bytes += bytesRead - from;
        }
      }
    }
    await finishPart();
  } catch (error) {
    await output?.close().catch(() => undefined);
    await Promise.all(parts.map((part) => fs.rm(part.temporary, { force: true })));
    throw error;
  } finally {
    await input.close();
  }
  // One part keeps the configured name: the part number only tells parts of one run apart.
  if (parts.length === 1) {
    const only = parts[0];
    only.target = targetPath;
  }
  return parts;
}
