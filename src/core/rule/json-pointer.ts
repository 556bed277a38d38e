/** RFC 6901 JSON Pointers: the paths every validation issue carries. */
export function escapeSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(segments: readonly (string | number)[]): string {
  let out = '';
  for (const s of segments) out += '/' + escapeSegment(s);
  return out;
}

export function child(parent: string, segment: string | number): string {
  return parent + '/' + escapeSegment(segment);
}

/** The value at a path of segments, reading own properties only (never the prototype chain). */
export function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let node: unknown = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = typeof s === 'symbol' ? s : String(s);
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/**
 * A path built while a walk descends and written out as a JSON Pointer only when an issue needs it: a rule's
 * expressions have hundreds of values and almost never an issue, so building every pointer string would be waste.
 */
export type LazyPath = string | { readonly up: LazyPath; readonly segment: string | number };

export function down(path: LazyPath, segment: string | number): LazyPath {
  return { up: path, segment };
}

export function render(path: LazyPath): string {
  const segments: (string | number)[] = [];
  let node = path;
  while (typeof node !== 'string') {
    segments.push(node.segment);
    node = node.up;
  }
  return node + pointer(segments.reverse());
}
