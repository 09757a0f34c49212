import { type JSONPath, type Node, findNodeAtLocation, findNodeAtOffset, parseTree } from 'jsonc-parser';
import { firstTooDeep } from '../../core/job/nesting';
import { type QueryText, queryTextOf } from '../../core/job/query-text';

/** Where an offset falls in a job file: the JSON path of the value and the string literal under it. */
export interface JobLocation {
  path: JSONPath;
  /** The string literal the offset is inside (between its quotes), if any. */
  stringNode?: Node;
  root: Node;
}

export function parseJob(text: string): Node | undefined {
  // The tree is built recursively: a file nested past the limit (already reported by the checks) gets
  // no completion, hover or lens rather than exhausting the extension host's stack.
  if (firstTooDeep(text) !== undefined) return undefined;
  return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
}

/** The value node at a JSON path of a document's text, if there is one. */
export function valueNodeAt(text: string, path: JSONPath): Node | undefined {
  const root = parseJob(text);
  return root ? findNodeAtLocation(root, path) : undefined;
}

function pathOf(node: Node): JSONPath {
  const path: JSONPath = [];
  let current: Node | undefined = node;
  while (current?.parent) {
    const parent: Node = current.parent;
    if (parent.type === 'property') {
      path.unshift(String(parent.children?.[0]?.value));
      current = parent.parent;
      continue;
    }
    if (parent.type === 'array') path.unshift(parent.children?.indexOf(current) ?? 0);
    current = parent;
  }
  return path;
}

/** The value at an offset, when the offset is inside a string value (not a key). */
export function locateString(text: string, offset: number): JobLocation | undefined {
  const root = parseJob(text);
  if (!root) return undefined;
  const node = findNodeAtOffset(root, offset, false);
  if (!node || node.type !== 'string' || offset <= node.offset || offset >= node.offset + node.length) return undefined;
  // A property's key is a string node too; only values are of interest.
  if (node.parent?.type === 'property' && node.parent.children?.[0] === node) return undefined;
  return { path: pathOf(node), stringNode: node, root };
}

/** The job's query as decoded text with its map back to the document, when it is a string or lines. */
export function queryText(text: string, root: Node | undefined = parseJob(text)): QueryText | undefined {
  const node = root ? findNodeAtLocation(root, ['query']) : undefined;
  return node ? queryTextOf(text, node) : undefined;
}

/** The decoded index of a document offset inside the query, or undefined when the offset is outside it. */
export function queryIndexAt(query: QueryText, documentOffset: number): number | undefined {
  // toDocumentOffset() is monotonic, so the inverse is a binary search over the decoded indexes.
  let low = 0;
  let high = query.text.length;
  if (documentOffset < query.toDocumentOffset(0) || documentOffset > query.toDocumentOffset(high)) return undefined;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (query.toDocumentOffset(mid) <= documentOffset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** Paths whose string value names a record field in sample-data case. */
export function isFieldSourcePath(path: JSONPath): boolean {
  if (path[0] !== 'mapping') return false;
  const last = path[path.length - 1];
  if (path[1] === 'fields') return last === 'source' || last === 'field';
  if (path[1] === 'conversation') return path.length === 3;
  // mapping.natural_id: "Id" or mapping.document_date: {"field": "X"}.
  return path.length === 2 || (path.length === 3 && last === 'field');
}

export function isDateFieldPath(path: JSONPath): boolean {
  return path.length === 1 && path[0] === 'dateField';
}

export function isQueryPath(path: JSONPath): boolean {
  return path[0] === 'query' && (path.length === 1 || (path.length === 2 && typeof path[1] === 'number'));
}

export { jsonStringContent } from '../../core/fixes/replacements';
