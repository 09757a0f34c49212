import type { Node } from 'jsonc-parser';

/** Offsets [start, end) of a span in the document. */
export interface Span {
  start: number;
  end: number;
}

export type PathSegment = string | number;

function spanOf(node: Node): Span {
  return { start: node.offset, end: node.offset + node.length };
}

/**
 * Each object node's properties by key, built once per node: looking keys up one by one in the children
 * would make a file with tens of thousands of unknown keys cost quadratic time. The first property of a
 * repeated key wins, as with jsonc-parser's findNodeAtLocation.
 */
const PROPERTY_INDEX = new WeakMap<Node, Map<string, Node>>();

function propertiesOf(object: Node): Map<string, Node> {
  let index = PROPERTY_INDEX.get(object);
  if (!index) {
    index = new Map();
    for (const property of object.children ?? []) {
      const key = property.children?.[0]?.value;
      if (property.type !== 'property' || typeof key !== 'string') continue;
      // A property still missing its value (while the text is being typed) gives way to a complete one.
      const known = index.get(key);
      if (!known || (known.children?.length !== 2 && property.children?.length === 2)) index.set(key, property);
    }
    PROPERTY_INDEX.set(object, index);
  }
  return index;
}

/** The node holding the value at `path`, if the document has one there. */
export function nodeAt(root: Node | undefined, path: readonly PathSegment[]): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (node.type === 'object' && typeof segment === 'string') {
      const property = propertiesOf(node).get(segment);
      node = property?.children?.length === 2 ? property.children[1] : undefined;
    } else if (node.type === 'array' && typeof segment === 'number') {
      node = Number.isInteger(segment) && segment >= 0 ? node.children?.[segment] : undefined;
    } else {
      return undefined;
    }
  }
  return node;
}

/** The property node (key and value) for `key` inside an object node. */
export function propertyOf(object: Node | undefined, key: string): Node | undefined {
  if (object?.type !== 'object') return undefined;
  return propertiesOf(object).get(key);
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
