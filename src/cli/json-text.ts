import type { ValidationIssue } from '../core/rule/issue-codes.js';

export type JsonText = { ok: true; value: unknown } | { ok: false; issue: ValidationIssue };

/**
 * Parses a rule file's text. A file that is not JSON is one more invalid file (code NOT_JSON), never a crash.
 * V8 words the error but names a position only for some errors, so the position comes from findSyntaxError.
 */
export function parseJsonText(text: string): JsonText {
  // Editors on Windows save UTF-8 with a byte order mark; RFC 8259 lets a parser ignore it, and admins expect it.
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    const offset = findSyntaxError(source) ?? /at position (\d+)/.exec(detail)?.[1];
    const where = offset === undefined ? '' : ` (${lineAndColumn(source, Number(offset))})`;
    return { ok: false, issue: { path: '', code: 'NOT_JSON', message: `Not valid JSON: ${detail}${where}.` } };
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERALS = ['true', 'false', 'null'];
const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * The offset of the first character that makes `text` not JSON (text.length when it ends too early), or
 * undefined when it finds none. A small recursive-descent scan of RFC 8259; only called after JSON.parse failed.
 */
export function findSyntaxError(text: string): number | undefined {
  let at = 0;
  const fail: () => never = () => {
    throw new SyntaxAt(at);
  };
  const skip = () => {
    while (WHITESPACE.has(text.charAt(at))) at++;
  };
  const expect = (char: string) => {
    if (text.charAt(at) !== char) fail();
    at++;
  };
  const string = () => {
    expect('"');
    for (;;) {
      if (at >= text.length) fail();
      const char = text.charAt(at);
      if (char === '"') {
        at++;
        return;
      }
      if (char < ' ') fail();
      if (char === '\\') {
        at++;
        if (text.charAt(at) === 'u') {
          if (!HEX4.test(text.slice(at + 1, at + 5))) fail();
          at += 4;
        } else if (!ESCAPES.has(text.charAt(at))) fail();
      }
      at++;
    }
  };
  const value = (): void => {
    skip();
    const char = text.charAt(at);
    const word = LITERALS.find((literal) => literal.startsWith(char));
    if (char === '{' || char === '[') {
      container(char === '{' ? '}' : ']');
    } else if (char === '"') {
      string();
    } else if (char !== '' && word !== undefined) {
      for (const letter of word) expect(letter);
    } else {
      NUMBER.lastIndex = at;
      if (!NUMBER.exec(text)) fail();
      at = NUMBER.lastIndex;
    }
  };
  const container = (close: string) => {
    at++;
    skip();
    if (text.charAt(at) === close) {
      at++;
      return;
    }
    for (;;) {
      skip();
      if (close === '}') {
        string();
        skip();
        expect(':');
      }
      value();
      skip();
      if (text.charAt(at) === close) {
        at++;
        return;
      }
      expect(',');
    }
  };
  try {
    value();
    skip();
    if (at < text.length) fail();
    return undefined;
  } catch (err) {
    // Anything but the scanner's own failure (a stack overflow on absurd nesting) means "position unknown".
    return err instanceof SyntaxAt ? err.offset : undefined;
  }
}

class SyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}
