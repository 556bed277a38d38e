import type { JqlClause, JqlFieldRef, JqlOperand, JqlOperator, JqlQuery, JqlSort } from './ast.js';
import { JqlSyntaxError, syntax } from './errors.js';
import { TokenCursor, got } from './cursor.js';
import { KEYWORDS, RESERVED_WORDS } from './reserved.js';
import { tokenize } from './tokens.js';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;
const COMPARISONS = new Set(['=', '!=', '~', '!~', '<', '<=', '>', '>=']);

/**
 * Recursive descent over Jira's grammar (Jql.g): orClause := andClause (OR andClause)*, andClause := notClause
 * (AND notClause)*, notClause := NOT notClause | '(' orClause ')' | terminalClause. So NOT binds tighter than
 * AND, and AND tighter than OR. Throws JqlSyntaxError.
 */
export function parseQuery(text: string): JqlQuery {
  return new Parser(tokenize(text)).query();
}

class Parser extends TokenCursor {
  query(): JqlQuery {
    let where: JqlClause | null = null;
    if (this.peek().kind !== 'eof' && !this.isWord(this.peek(), 'order')) where = this.orClause();
    const next = this.next();
    if (next.kind === 'eof') return { where, orderBy: [] };
    if (!this.isWord(next, 'order')) throw new JqlSyntaxError(syntax.expectingLogical(next.raw, next.pos));
    return { where, orderBy: this.orderBy() };
  }

  private orClause(): JqlClause {
    const clauses = [this.andClause()];
    while (this.isOr(this.peek())) {
      this.next();
      clauses.push(this.andClause());
    }
    return clauses.length === 1 && clauses[0] ? clauses[0] : { type: 'or', clauses };
  }

  private andClause(): JqlClause {
    const clauses = [this.notClause()];
    while (this.isAnd(this.peek())) {
      this.next();
      clauses.push(this.notClause());
    }
    return clauses.length === 1 && clauses[0] ? clauses[0] : { type: 'and', clauses };
  }

  private notClause(): JqlClause {
    const token = this.peek();
    if (this.isNot(token)) {
      this.next();
      return this.nested(() => ({ type: 'not', clause: this.notClause() }));
    }
    if (token.kind !== '(') return this.terminal();
    this.next();
    const inner = this.nested(() => this.orClause());
    const close = this.next();
    if (close.kind !== ')') throw new JqlSyntaxError(syntax.expectingToken(')', got(close), close.pos));
    return inner;
  }

  private terminal(): JqlClause {
    const field = this.field();
    const operator = this.operator();
    const operand = operator === 'is' || operator === 'is not' ? this.emptyOperand(operator === 'is not') : this.operand();
    return { type: 'terminal', field, operator, operand };
  }

  private field(): JqlFieldRef {
    const token = this.next();
    if (token.kind === 'quoted') {
      if (token.text === '') throw new JqlSyntaxError(syntax.emptyFieldName(token.pos));
      return { kind: 'name', name: token.text };
    }
    if (token.kind !== 'word') throw new JqlSyntaxError(syntax.expectingField(got(token), token.pos));
    const lower = token.raw.toLowerCase();
    if (lower === 'cf') return this.customField();
    if (KEYWORDS.has(lower)) throw new JqlSyntaxError(syntax.expectingField(token.raw, token.pos));
    if (RESERVED_WORDS.has(lower)) throw new JqlSyntaxError(syntax.reservedWord(token.raw, token.pos));
    return { kind: 'name', name: token.text };
  }

  private customField(): JqlFieldRef {
    const open = this.next();
    if (open.kind !== '[') throw new JqlSyntaxError(syntax.expectingCustomFieldId(got(open), open.pos));
    const id = this.next();
    if (id.kind !== 'word' || !/^\d+$/.test(id.raw)) throw new JqlSyntaxError(syntax.expectingCustomFieldId(got(id), id.pos));
    const close = this.next();
    if (close.kind !== ']') throw new JqlSyntaxError(syntax.expectingToken(']', got(close), close.pos));
    return { kind: 'cf', id: id.raw };
  }

  private operator(): JqlOperator {
    const token = this.next();
    if (token.kind === 'op' && COMPARISONS.has(token.text)) return token.text as JqlOperator;
    if (token.kind === 'word') {
      const word = token.raw.toLowerCase();
      if (word === 'in') return 'in';
      if (word === 'is') {
        if (!this.isWord(this.peek(), 'not')) return 'is';
        this.next();
        return 'is not';
      }
      if (word === 'not') {
        const next = this.next();
        if (!this.isWord(next, 'in')) throw new JqlSyntaxError(syntax.expectingToken('IN', got(next), next.pos));
        return 'not in';
      }
      if (word === 'was' || word === 'changed') throw new JqlSyntaxError(syntax.unsupportedOperator(word.toUpperCase()));
    }
    throw new JqlSyntaxError(syntax.expectingOperator(got(token), token.pos));
  }

  /** Jira's grammar takes only EMPTY or NULL after IS; after a bare IS it reports the NOT it could also take. */
  private emptyOperand(afterNot: boolean): JqlOperand {
    const token = this.next();
    if (this.isWord(token, 'empty') || this.isWord(token, 'null')) return { type: 'empty' };
    throw new JqlSyntaxError(syntax.expectingToken(afterNot ? 'EMPTY' : 'NOT', got(token), token.pos));
  }

  private operand(): JqlOperand {
    const token = this.peek();
    if (token.kind === '(') return this.nested(() => this.list());
    if (token.kind === 'quoted') {
      this.next();
      return { type: 'string', value: token.text };
    }
    if (token.kind !== 'word') throw new JqlSyntaxError(syntax.expectingOperand(got(token), token.pos));
    const lower = token.raw.toLowerCase();
    if (lower === 'empty' || lower === 'null') {
      this.next();
      return { type: 'empty' };
    }
    if (KEYWORDS.has(lower)) throw new JqlSyntaxError(syntax.expectingOperand(token.raw, token.pos));
    if (RESERVED_WORDS.has(lower)) throw new JqlSyntaxError(syntax.reservedWord(token.raw, token.pos));
    this.next();
    if (this.peek().kind === '(') return this.functionCall(token.text);
    if (/^-?\d+$/.test(token.raw)) {
      const value = BigInt(token.raw);
      if (value < LONG_MIN || value > LONG_MAX) throw new JqlSyntaxError(syntax.illegalNumber(token.raw, token.pos));
      return { type: 'number', value: token.raw };
    }
    return { type: 'string', value: token.text };
  }

  private list(): JqlOperand {
    this.next();
    const items = [this.operand()];
    for (;;) {
      const token = this.next();
      if (token.kind === ')') return { type: 'list', items };
      if (token.kind === 'eof') throw new JqlSyntaxError(syntax.expectingToken(')', null, token.pos));
      if (token.kind !== ',') throw new JqlSyntaxError(syntax.expectingEither(')', ',', token.raw, token.pos));
      items.push(this.operand());
    }
  }

  private functionCall(name: string): JqlOperand {
    this.next();
    const args: string[] = [];
    if (this.peek().kind === ')') {
      this.next();
      return { type: 'function', name, args };
    }
    for (;;) {
      const arg = this.next();
      if (arg.kind === 'word' || arg.kind === 'quoted') args.push(arg.text);
      else if (arg.kind === 'eof') throw new JqlSyntaxError(syntax.expectingToken(')', null, arg.pos));
      else if (args.length === 0) throw new JqlSyntaxError(syntax.expectingToken(')', arg.raw, arg.pos));
      else throw new JqlSyntaxError(syntax.expectingArgument(arg.raw, arg.pos));
      const separator = this.next();
      if (separator.kind === ')') return { type: 'function', name, args };
      if (separator.kind === 'eof') throw new JqlSyntaxError(syntax.expectingToken(')', null, separator.pos));
      if (separator.kind !== ',') throw new JqlSyntaxError(syntax.expectingEither(')', ',', separator.raw, separator.pos));
    }
  }

  private orderBy(): JqlSort[] {
    const by = this.next();
    if (!this.isWord(by, 'by')) throw new JqlSyntaxError(syntax.expectingToken('BY', got(by), by.pos));
    const sorts: JqlSort[] = [];
    for (;;) {
      const field = this.field();
      const word = this.peek().raw.toLowerCase();
      const direction = this.peek().kind === 'word' && (word === 'asc' || word === 'desc') ? word : null;
      if (direction) this.next();
      sorts.push({ field, direction });
      const token = this.next();
      if (token.kind === 'eof') return sorts;
      if (token.kind === ',') continue;
      if (direction) throw new JqlSyntaxError(syntax.expectingToken(',', token.raw, token.pos));
      throw new JqlSyntaxError(syntax.expectingEither('ASC', 'DESC', token.raw, token.pos));
    }
  }
}
