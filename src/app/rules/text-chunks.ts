/**
 * Splits a text into pieces that each stay within a byte budget once stored, i.e. once serialised as a JSON string
 * and encoded as UTF-8 (how Forge measures a value). Escapes count: a `"` costs two bytes, a control character up
 * to six. A surrogate pair is never split, so every piece is well-formed on its own.
 */

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Bytes the code unit at `i` adds inside a JSON string literal; a surrogate pair counts 2 + 2. */
function costAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code === 0x22 || code === 0x5c) return 2;
  if (code < 0x20) return code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d ? 2 : 6;
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (isHigh(code)) return isLow(text.charCodeAt(i + 1)) ? 2 : 6;
  if (isLow(code)) return isHigh(text.charCodeAt(i - 1)) ? 2 : 6;
  return 3;
}

/** The stored size of `JSON.stringify(text)` in UTF-8 bytes, quotes included. */
export function storedStringBytes(text: string): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) bytes += costAt(text, i);
  return bytes;
}

/** Pieces of `text` whose stored size is at most `maxBytes` each; '' gives one empty piece. */
export function splitByStoredBytes(text: string, maxBytes: number): string[] {
  const budget = maxBytes - 2;
  // The costliest single character (an escaped control character or lone surrogate) must fit.
  if (budget < 6) throw new RangeError('A piece needs room for at least one escaped character.');
  const pieces: string[] = [];
  let start = 0;
  let used = 0;
  for (let i = 0; i < text.length; i++) {
    const pair = isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1));
    const cost = pair ? 4 : costAt(text, i);
    if (used + cost > budget) {
      pieces.push(text.slice(start, i));
      start = i;
      used = 0;
    }
    used += cost;
    if (pair) i++;
  }
  pieces.push(text.slice(start));
  return pieces;
}
