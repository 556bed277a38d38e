/**
 * How a JSON value is typed into one text box. Plain words stay plain (Done, In Progress); numbers, true, false and
 * null are those values; text that would read as one of them is written quoted ("3", "true"); anything starting
 * with { or [ is JSON (an object, a list, a JSON-Logic expression). The two functions are inverses: decoding what
 * encode wrote gives back the same value, so a value shown in a box and saved untouched never changes type.
 */
export type Decoded = { ok: true; value: unknown } | { ok: false; message: string };

export function decodeValue(text: string): Decoded {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"')) return parseJson(text);
  const parsed = parseJson(text);
  if (parsed.ok && (parsed.value === null || typeof parsed.value === 'number' || typeof parsed.value === 'boolean')) return parsed;
  return { ok: true, value: text };
}

export function encodeValue(value: unknown): string {
  if (typeof value === 'string') {
    const decoded = decodeValue(value);
    return decoded.ok && decoded.value === value ? value : JSON.stringify(value);
  }
  // JSON has no undefined; a value the document lacks shows as null.
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** Strict JSON, with the parser's own words when it is not (the admin sees them under the box). */
export function parseJson(text: string): Decoded {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `Not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Values compared as JSON: what the document would hold, not object identity. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A list typed as items separated by commas (project keys, labels, field names), or as a JSON list when an item
 * itself holds a comma. Empty items are dropped: a trailing comma while typing is not an item.
 */
export function decodeList(text: string): Decoded {
  if (text.trim().startsWith('[')) {
    const parsed = parseJson(text);
    if (!parsed.ok || Array.isArray(parsed.value)) return parsed;
    return { ok: false, message: 'Write a list: items separated by commas, or a JSON list.' };
  }
  const items: unknown[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const decoded = decodeValue(part.trim());
    if (!decoded.ok) return decoded;
    items.push(decoded.value);
  }
  return { ok: true, value: items };
}

export function encodeList(items: readonly unknown[]): string {
  const parts = items.map(encodeValue);
  const plain = parts.every((part, i) => !part.includes(',') && part.trim() === part && part !== '' && sameJson(decodeValue(part), { ok: true, value: items[i] }));
  return plain ? parts.join(', ') : JSON.stringify(items);
}

/** A list of plain strings typed with commas (labels, project keys): every item is text, whatever it looks like. */
export function decodeTextList(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

export function encodeTextList(items: readonly unknown[]): string {
  return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join(', ');
}
