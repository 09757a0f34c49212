import type { FileAccess } from '../core/workspace';

/** A document the editor holds, by its file path, with its text as shown (unsaved edits included). */
export interface OpenDocument {
  path: string;
  text: string;
}

/**
 * The job workspace's view for the editor: a file open in the editor is seen as the editor holds it, so
 * a sample or rule file edited and not yet saved is what the checks see; everything else comes from the
 * disk. Containment is unchanged: an open document still has to lie inside the workspace, links resolved.
 */
export function documentsFirst(documents: () => Iterable<OpenDocument>, disk: FileAccess): FileAccess {
  const openText = (file: string): string | undefined => {
    for (const document of documents()) if (document.path === file) return document.text;
    return undefined;
  };
  return {
    stat(file) {
      const text = openText(file);
      return text === undefined ? disk.stat(file) : { type: 'file', size: Buffer.byteLength(text, 'utf8') };
    },
    realpath(file) {
      // A document open but not yet on disk is where the editor says it is.
      return disk.realpath(file) ?? (openText(file) === undefined ? undefined : file);
    },
    read(file, limit) {
      const text = openText(file);
      if (text === undefined) return disk.read(file, limit);
      if (Buffer.byteLength(text, 'utf8') <= limit) return { text, truncated: false };
      return { text: Buffer.from(text, 'utf8').subarray(0, limit).toString('utf8'), truncated: true };
    },
    list: (dir) => disk.list(dir),
  };
}
