import { JqlSyntaxError, syntax } from './errors.js';
import type { Token } from './tokens.js';

/** Deep enough for any query a person writes; shallow enough that recursion can never exhaust the stack. */
export const MAX_NESTING = 100;

const EOF: Token = { kind: 'eof', text: '', raw: '', pos: { line: 1, char: 1 } };

/** What Jira quotes for a token in its messages: its source text, or null for the end of the query. */
export function got(token: Token): string | null {
  return token.kind === 'eof' ? null : token.raw;
}

/** The token stream under the parser, and the words that mean AND, OR and NOT. */
export class TokenCursor {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  protected nested<T>(parse: () => T): T {
    this.depth += 1;
    if (this.depth > MAX_NESTING) throw new JqlSyntaxError(syntax.tooDeep(MAX_NESTING));
    const result = parse();
    this.depth -= 1;
    return result;
  }

  protected peek(): Token {
    return this.tokens[this.index] ?? this.tokens[this.tokens.length - 1] ?? EOF;
  }

  protected next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.index += 1;
    return token;
  }

  protected isWord(token: Token, word: string): boolean {
    return token.kind === 'word' && token.raw.toLowerCase() === word;
  }

  protected isAnd(token: Token): boolean {
    return this.isWord(token, 'and') || (token.kind === 'op' && (token.text === '&' || token.text === '&&'));
  }

  protected isOr(token: Token): boolean {
    return this.isWord(token, 'or') || (token.kind === 'op' && (token.text === '|' || token.text === '||'));
  }

  protected isNot(token: Token): boolean {
    return this.isWord(token, 'not') || (token.kind === 'op' && token.text === '!');
  }
}
