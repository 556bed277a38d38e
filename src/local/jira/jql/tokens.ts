import { JqlSyntaxError, syntax, type Position } from './errors.js';

export type TokenKind = 'word' | 'quoted' | 'op' | '(' | ')' | ',' | '[' | ']' | 'eof';

/** `text` is the value (escapes applied); `raw` is the source text, which is what Jira quotes in its messages. */
export type Token = { kind: TokenKind; text: string; raw: string; pos: Position };

const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\f']);
// Jira's lexer refuses these outside quotes, so `summary ~ win*` is an error and `"win*"` is the way to write it.
const RESERVED_CHARS = new Set(['{', '}', '*', '/', '%', '+', '^', '$', '#', '@', '?', ';']);
const SINGLE = new Set(['(', ')', ',', '[', ']']);
const OPERATOR_START = new Set(['=', '!', '~', '<', '>', '&', '|']);
const TWO_CHAR_OPERATORS = new Set(['!=', '!~', '<=', '>=', '&&', '||']);
const ESCAPES: Record<string, string> = { '"': '"', "'": "'", t: '\t', n: '\n', r: '\r', '\\': '\\', ' ': ' ' };

/** Characters Jira's grammar calls control characters: never allowed unescaped, not even inside quotes. */
function isControl(char: string): boolean {
  const c = char.codePointAt(0) ?? 0;
  if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) return false;
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f) || (c >= 0xfdd0 && c <= 0xfdef) || c === 0xfffe || c === 0xffff;
}

function stopsWord(char: string): boolean {
  return (
    WHITESPACE.has(char) || char === '"' || char === "'" || SINGLE.has(char) || OPERATOR_START.has(char) ||
    RESERVED_CHARS.has(char) || isControl(char)
  );
}

/** Splits a query into tokens; throws JqlSyntaxError with Jira's message at the first bad character. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const posAt = (index: number): Position => ({ line, char: index - lineStart + 1 });

  while (i < text.length) {
    const char = text.charAt(i);
    if (WHITESPACE.has(char)) {
      if (char === '\n') {
        line += 1;
        lineStart = i + 1;
      }
      i += 1;
      continue;
    }
    const pos = posAt(i);
    if (SINGLE.has(char)) {
      tokens.push({ kind: char as TokenKind, text: char, raw: char, pos });
      i += 1;
    } else if (OPERATOR_START.has(char)) {
      const pair = text.slice(i, i + 2);
      const op = TWO_CHAR_OPERATORS.has(pair) ? pair : char;
      tokens.push({ kind: 'op', text: op, raw: op, pos });
      i += op.length;
    } else if (char === '"' || char === "'") {
      const end = readQuoted(text, i, pos);
      const raw = text.slice(i, end);
      tokens.push({ kind: 'quoted', text: unescape(raw.slice(1, -1), 1, pos), raw, pos });
      // A quoted string may span lines; keep the line count right for later tokens.
      for (let k = i; k < end; k += 1) {
        if (text.charAt(k) === '\n') {
          line += 1;
          lineStart = k + 1;
        }
      }
      i = end;
    } else if (RESERVED_CHARS.has(char)) {
      throw new JqlSyntaxError(syntax.reservedCharacter(char, pos));
    } else if (isControl(char)) {
      throw new JqlSyntaxError(syntax.illegalCharacter(char, pos));
    } else {
      let end = i;
      while (end < text.length && !stopsWord(text.charAt(end))) end += text.charAt(end) === '\\' ? 2 : 1;
      end = Math.min(end, text.length);
      const raw = text.slice(i, end);
      tokens.push({ kind: 'word', text: unescape(raw, 0, pos), raw, pos });
      i = end;
    }
  }
  tokens.push({ kind: 'eof', text: '', raw: '', pos: posAt(text.length) });
  return tokens;
}

/** Index just past the closing quote. */
function readQuoted(text: string, start: number, pos: Position): number {
  const quote = text.charAt(start);
  let i = start + 1;
  while (i < text.length) {
    const char = text.charAt(i);
    if (char === quote) return i + 1;
    if (char === '\\') {
      if (i + 1 >= text.length) {
        throw new JqlSyntaxError(syntax.illegalEscape('\\', { line: pos.line, char: pos.char + (i - start) }));
      }
      i += 2;
      continue;
    }
    if (isControl(char) || char === '\t') {
      throw new JqlSyntaxError(syntax.illegalCharacter(char, { line: pos.line, char: pos.char + (i - start) }));
    }
    i += 1;
  }
  throw new JqlSyntaxError(syntax.unfinishedString(text.slice(start + 1), pos));
}

/** Applies JQL escapes. `offset` is where `body` starts within its token, for the error position. */
function unescape(body: string, offset: number, pos: Position): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i += 1) {
    const char = body.charAt(i);
    if (char !== '\\') {
      out += char;
      continue;
    }
    const escPos = { line: pos.line, char: pos.char + offset + i };
    const next = body.charAt(i + 1);
    if (next === '') throw new JqlSyntaxError(syntax.illegalEscape('\\', escPos));
    if (next === 'u') {
      const hex = body.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JqlSyntaxError(syntax.illegalEscape(body.slice(i), escPos));
      out += String.fromCharCode(parseInt(hex, 16));
      i += 5;
      continue;
    }
    const mapped = ESCAPES[next];
    if (mapped === undefined) throw new JqlSyntaxError(syntax.illegalEscape(`\\${next}`, escPos));
    out += mapped;
    i += 1;
  }
  return out;
}
