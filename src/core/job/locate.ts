import { type JSONPath, type Node, findNodeAtLocation } from 'jsonc-parser';

/** Offsets [start, end) of a span in the document. */
export interface Span {
  start: number;
  end: number;
}

export type PathSegment = string | number;

function spanOf(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/** The node holding the value at `path`, if the document has one there. */
export function nodeAt(root: Node | undefined, path: readonly PathSegment[]): Node | undefined {
  if (!root) return undefined;
  return findNodeAtLocation(root, path as JSONPath);
}

/** The property node (key and value) for `key` inside an object node. */
export function propertyOf(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  return object.children?.find((p) => p.type === 'property' && p.children?.[0]?.value === key);
}

/** The span of a key's own name (with its quotes), for diagnostics about the key rather than its value. */
export function keySpan(root: Node | undefined, objectPath: readonly PathSegment[], key: string): Span | undefined {
  const keyNode = propertyOf(nodeAt(root, objectPath), key)?.children?.[0];
  return keyNode ? spanOf(keyNode) : undefined;
}

/** The span of a whole property, key through value, for fixes that remove it. */
export function propertySpan(root: Node | undefined, objectPath: readonly PathSegment[], key: string): Span | undefined {
  const property = propertyOf(nodeAt(root, objectPath), key);
  return property ? spanOf(property) : undefined;
}

/**
 * The smallest span for something wrong at `path`: the value when it exists; otherwise (a missing key or
 * item) the opening brace or bracket of the nearest enclosing object or array that does exist, which is
 * where a user adds the missing key.
 */
export function spanAtPath(root: Node | undefined, path: readonly PathSegment[]): Span {
  if (!root) return { start: 0, end: 0 };
  const node = nodeAt(root, path);
  if (node) return spanOf(node);
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = nodeAt(root, path.slice(0, depth));
    if (parent && (parent.type === 'object' || parent.type === 'array')) return { start: parent.offset, end: parent.offset + 1 };
    if (parent) return spanOf(parent);
  }
  return { start: root.offset, end: root.offset + 1 };
}

/** A path as a user reads it: `mapping.fields[1].type`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out || '(the file)';
}
