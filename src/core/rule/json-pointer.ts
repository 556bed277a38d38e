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
