import { RegExpParser, visitRegExpAST, type AST } from '@eslint-community/regexpp';
import { RE2Set } from 're2js';
import { LOGIC_LIMITS } from '../rule/limits.js';

/**
 * Save-time check of a `matches` pattern (docs/decisions/0003-matches-patterns.md). Runs use RE2, which is linear;
 * this keeps rules safe in backtracking engines too (the admin page previews with JS RegExp). The ReDoS analysis is a
 * conservative approximation that reasons about which characters the variable-length parts of a pattern can trade.
 */
export type PatternVerdict = { ok: true } | { ok: false; code: 'INVALID_PATTERN' | 'UNSAFE_PATTERN'; message: string };

/** Nesting beyond this many repetitions is treated as unbounded: ambiguity compounds once per repetition. */
const MANY = 10;
/** A part whose length can vary by more than this grows with the text, so it counts as unbounded. */
const LONG = 100;

type CSet = readonly (readonly [number, number])[];
const TOP = 0x10ffff;
const EMPTY: CSet = [];
const ANY: CSet = [[0, TOP]];
const DIGIT: CSet = [[48, 57]];
const WORD: CSet = [[48, 57], [65, 90], [95, 95], [97, 122]];
const SPACE: CSet = [[9, 13], [32, 32], [160, 160], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];

/** Sets are kept sorted and merged, so that union and overlap (which run inside quadratic loops) are linear. */
function union2(a: CSet, b: CSet): CSet {
  if (a.length === 0 || b.length === 0) return a.length === 0 ? b : a;
  const out: [number, number][] = [];
  for (let i = 0, j = 0; ; ) {
    const x = a[i], y = b[j];
    const r = x && (!y || x[0] <= y[0]) ? (i++, x) : (j++, y);
    if (!r) return out;
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
}
const union = (sets: readonly CSet[]): CSet => sets.reduce(union2, EMPTY);
function complement(s: CSet): CSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of s) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= TOP) out.push([next, TOP]);
  return out;
}
function overlap(a: CSet, b: CSet): boolean {
  let i = 0, j = 0;
  for (let x = a[0], y = b[0]; x && y; x = a[i], y = b[j]) {
    if (x[1] < y[0]) i++;
    else if (y[1] < x[0]) j++;
    else return true;
  }
  return false;
}
// JS semantics: the engine that could backtrack is the browser's.
const DOT = complement([[10, 10], [13, 13], [0x2028, 0x2029]]);

/** A variable-length part at one end of a node: what the text it may or may not take starts, ends and is made with. */
interface Edge { f: CSet; l: CSet; all: CSet; span: number; node: AST.Node }
interface Info { min: number; max: number; first: CSet; last: CSet; all: CSet; head: Edge | undefined; tail: Edge | undefined; canFail: boolean }
/** mult: how often the enclosing repetitions run a part (Infinity: ambiguity there is exponential). */
interface Ctx { mult: number; contFail: boolean; loop: AST.Node | undefined }
type CharLike = AST.Character | AST.CharacterSet | AST.CharacterClass | AST.ExpressionCharacterClass;

const NOTHING: Info = { min: 0, max: 0, first: EMPTY, last: EMPTY, all: EMPTY, head: undefined, tail: undefined, canFail: false };
function joinEdges(edges: readonly (Edge | undefined)[]): Edge | undefined {
  const es = edges.filter((e) => e !== undefined);
  const [e] = es;
  if (!e || es.length === 1) return e;
  return { f: union(es.map((x) => x.f)), l: union(es.map((x) => x.l)), all: union(es.map((x) => x.all)), span: Math.max(...es.map((x) => x.span)), node: e.node };
}
const trades = (x: Edge, y: Edge): boolean => overlap(x.f, y.f) && overlap(x.l, y.l);
const q = (n: AST.Node): string => `"${n.raw}" (position ${n.start + 1})`;
const isCharLike = (n: AST.Node): n is CharLike => ['Character', 'CharacterSet', 'CharacterClass', 'ExpressionCharacterClass'].includes(n.type);
const isGroup = (n: AST.Node): n is AST.Group | AST.CapturingGroup => n.type === 'Group' || n.type === 'CapturingGroup';
/** Single-alternative groups do not change matching, so sequences are analysed with them inlined. */
const flatten = (els: readonly AST.Element[]): AST.Element[] =>
  els.flatMap((e) => (isGroup(e) && e.alternatives.length === 1 ? flatten(e.alternatives[0]?.elements ?? []) : [e]));

const EXPONENTIAL = 'a failed match can try exponentially many (catastrophic backtracking)';
const POLYNOMIAL = 'on a long text that does not match, the time grows with a high power of its length (minutes for a few thousand characters in a browser)';

class Analysis {
  private readonly memo = new Map<AST.Node, Info>();
  failure: string | undefined;
  /** Polynomial degree of the ambiguity with unbounded parts, and where it first arises. */
  degree = 0;
  site: string | undefined;
  /** log10 of the divisions bounded parts allow, per start position, and where they first arise. */
  ways = 0;
  waysSite: string | undefined;
  constructor(private readonly modifiers: boolean) {}

  setOf(n: CharLike | AST.CharacterClassElement): CSet {
    // Modifiers ((?i:…), (?s:…)) change what characters mean; assume the worst.
    if (this.modifiers) return ANY;
    if (n.type === 'Character') return [[n.value, n.value]];
    if (n.type === 'CharacterClassRange') return [[n.min.value, n.max.value]];
    if (n.type === 'CharacterSet' && n.kind !== 'property') {
      if (n.kind === 'any') return DOT;
      const s = n.kind === 'digit' ? DIGIT : n.kind === 'word' ? WORD : SPACE;
      return n.negate ? complement(s) : s;
    }
    if (n.type !== 'CharacterClass' || n.unicodeSets) return ANY;
    const s = union(n.elements.map((e) => this.setOf(e)));
    return n.negate ? complement(s) : s;
  }

  info(n: AST.Node): Info {
    let i = this.memo.get(n);
    if (!i) this.memo.set(n, (i = this.compute(n)));
    return i;
  }

  private compute(n: AST.Node): Info {
    if (isCharLike(n)) {
      const s = this.setOf(n);
      return { min: 1, max: 1, first: s, last: s, all: s, head: undefined, tail: undefined, canFail: true };
    }
    if (n.type === 'Alternative') return this.sequence(n.elements);
    if (n.type === 'Pattern' || isGroup(n)) return this.alternation(n, n.alternatives.map((a) => this.info(a)));
    if (n.type !== 'Quantifier') return { ...NOTHING, canFail: true };
    const b = this.info(n.element);
    if (n.max === 0 || b.max === 0) return NOTHING;
    const r: Info = { ...b, min: n.min * b.min, max: n.max * b.max, canFail: n.min > 0 && b.canFail };
    if (n.max > n.min) {
      const e: Edge = { f: b.first, l: b.last, all: b.all, span: (n.max - n.min) * b.max, node: n };
      r.head = joinEdges([e, r.head]);
      r.tail = joinEdges([e, r.tail]);
    }
    return r;
  }

  private sequence(els: readonly AST.Element[]): Info {
    const is = els.map((e) => this.info(e));
    // The parts up to and including the first (last) one that must consume something form the start (end).
    const k = is.findIndex((i) => i.min > 0), start = k < 0 ? is : is.slice(0, k + 1);
    let m = is.length - 1;
    while (m > 0 && is[m]?.min === 0) m--;
    const end = is.slice(Math.max(m, 0));
    return {
      min: is.reduce((a, i) => a + i.min, 0), max: is.reduce((a, i) => a + i.max, 0), all: union(is.map((i) => i.all)), canFail: is.some((i) => i.canFail),
      first: union(start.map((i) => i.first)), head: joinEdges(start.map((i) => i.head)),
      last: union(end.map((i) => i.last)), tail: joinEdges(end.map((i) => i.tail)),
    };
  }

  private alternation(n: AST.Node, is: Info[]): Info {
    const min = Math.min(...is.map((i) => i.min)), max = Math.max(...is.map((i) => i.max));
    const first = union(is.map((i) => i.first)), last = union(is.map((i) => i.last)), all = union(is.map((i) => i.all));
    // Alternatives of different lengths let the group itself take more or less text.
    const e: Edge | undefined = is.length > 1 && max > min ? { f: first, l: last, all, span: max - min, node: n } : undefined;
    return { min, max, first, last, all, canFail: is.every((i) => i.canFail), head: joinEdges([e, ...is.map((i) => i.head)]), tail: joinEdges([e, ...is.map((i) => i.tail)]) };
  }

  walkAlternatives(g: AST.Pattern | AST.Group | AST.CapturingGroup, ctx: Ctx): void {
    const alts = g.alternatives;
    if (ctx.mult === Infinity && ctx.loop && alts.length > 1) {
      // Two alternatives are told apart where their leading fixed characters differ; otherwise they may overlap.
      const prefixes = alts.map((a) => this.prefix(a.elements));
      for (let i = 0; i < alts.length && !this.failure; i++) {
        for (let j = i + 1; j < alts.length && !this.failure; j++) {
          const [p, o] = [prefixes[i] ?? [], prefixes[j] ?? []];
          if (p.every((s, k) => k >= o.length || overlap(s, o[k] ?? EMPTY))) {
            this.failure = `in ${q(ctx.loop)}, the alternatives "${alts[i]?.raw ?? ''}" and "${alts[j]?.raw ?? ''}" can match the same text, and the group is repeated, so ${EXPONENTIAL}. Make every alternative start with a different character ("a|ab" → "ab?"), or merge them into one character class ("\\w|\\d" → "\\w").`;
          }
        }
      }
    }
    for (const a of alts) if (!this.failure) this.walkSequence(a.elements, ctx);
  }

  private prefix(els: readonly AST.Element[]): CSet[] {
    const out: CSet[] = [];
    for (const e of flatten(els)) {
      if (e.type === 'Assertion') continue;
      const i = this.info(e);
      if (i.min > 0) out.push(i.first);
      if (!this.oneChar(e)) break;
    }
    return out;
  }

  private walkSequence(raw: readonly AST.Element[], ctx: Ctx): void {
    const els = flatten(raw);
    const is = els.map((e) => this.info(e));
    const restFail: boolean[] = [];
    restFail[is.length] = ctx.contFail;
    for (let k = is.length - 1; k >= 0; k--) restFail[k] = restFail[k + 1] === true || is[k]?.canFail === true;
    for (let i = 0; i < els.length && !this.failure; i++) {
      const x = is[i]?.tail;
      if (x) this.findPair(x, is, i, restFail, ctx);
    }
    els.forEach((e, k) => {
      if (this.failure) return;
      const inner: Ctx = { ...ctx, contFail: restFail[k + 1] === true };
      if (e.type === 'Quantifier') this.walkQuantifier(e, inner);
      else if (isGroup(e)) this.walkAlternatives(e, inner);
    });
  }

  /** Two variable parts that can trade characters (directly or across fixed text both can match) divide text ambiguously. */
  private findPair(x: Edge, is: Info[], i: number, restFail: boolean[], ctx: Ctx): void {
    const between: CSet[] = [];
    for (let j = i + 1; j < is.length; j++) {
      const y = is[j] ?? NOTHING, h = y.head;
      if (h && trades(x, h) && between.every((s) => overlap(s, h.all))) {
        const what = (): string => `${q(x.node)} and ${q(h.node)} can match the same characters${between.length ? ', and so can the text between them' : ''}, so the text can be divided between them in many ways`;
        const span = Math.min(x.span, h.span), fix = 'Merge them into one ("a+a+" → "a{2,}"), or separate them with a character neither can match';
        if (ctx.mult === Infinity) {
          this.failure = `${what()}, and they are inside the repetition ${q(ctx.loop ?? x.node)}, so ${EXPONENTIAL}. ${fix}.`;
          return;
        }
        if (span > LONG) {
          if (ctx.mult > 1 || restFail[j + 1] === true) this.addDegree(ctx.mult, () => `${what()}; ${POLYNOMIAL}. ${fix}, or drop a leading or trailing ".*" ("matches" finds the pattern anywhere in the text).`);
          return;
        }
        // Bounded parts divide text in at most span + 1 ways, once per repetition around them. An unbounded x may
        // still pair with an unbounded part further on, so its search goes on.
        this.addWays(ctx.mult * Math.log10(span + 1), () => `${what()}. ${fix}.`);
        if (x.span <= LONG) return;
      }
      if (y.min === 0) continue;
      if (!overlap(y.all, x.all)) return;
      between.push(y.all);
    }
  }

  private walkQuantifier(n: AST.Quantifier, ctx: Ctx): void {
    const b = this.info(n.element);
    const spread = b.max - b.min;
    if (n.max >= 2 && spread > 0 && !this.delimited(n.element)) {
      const what = `${q(n)} repeats ${q(b.head?.node ?? b.tail?.node ?? n.element)}, a part of variable length, and nothing marks where one repetition ends and the next begins, so the same text can be divided between the repetitions in many ways`;
      const fix = `Repeat only once ("(a+)+" → "a+"), or begin or end each repetition with a character the rest of it cannot match, as in "(-[a-z]+)*" or "(\\d+,)*".`;
      if (ctx.mult * n.max > MANY) {
        this.failure = `${what}; ${EXPONENTIAL}. ${fix}`;
        return;
      }
      if (spread > LONG) this.addDegree(ctx.mult * (n.max - 1), () => `${what}; ${POLYNOMIAL}. ${fix}`);
      else this.addWays(ctx.mult * n.max * Math.log10(spread + 1), () => `${what}. ${fix}`);
    }
    const mult = n.max < 2 ? ctx.mult : ctx.mult * n.max > MANY ? Infinity : ctx.mult * n.max;
    const loop = ctx.mult === Infinity || n.max < 2 ? ctx.loop : n;
    if (isGroup(n.element)) this.walkAlternatives(n.element, { mult, loop, contFail: n.max >= 2 || ctx.contFail });
  }

  /**
   * Repetitions are unambiguous when each holds a fixed number of characters (or one run) from a set nothing else in it
   * can match, and the end of one cannot trade characters with the start of the next: the text fixes each one's place.
   */
  private delimited(body: AST.QuantifiableElement): boolean {
    const alts = isGroup(body) ? body.alternatives.map((a) => flatten(a.elements)) : [[body]];
    if (alts.length > 1) {
      const heads = alts.map((els) => els[0]);
      if (!heads.every((h) => h && this.oneChar(h))) return false;
      const rest = union(alts.flatMap((els) => els.slice(1).map((e) => this.info(e).all)));
      return !overlap(union(heads.map((h) => (h ? this.info(h).all : EMPTY))), rest);
    }
    const b = this.info(body);
    if (b.head && b.tail && trades(b.tail, b.head)) return false;
    const els = alts[0] ?? [];
    const sets = els.map((e) => this.info(e).all);
    // A fixed-length part ("-", "\d{3}") holds the same number of marks each time; a run ("\s+") marks a repetition
    // only if something else mandatory separates it from the next one's run.
    const mandatory = els.filter((e) => this.info(e).min > 0).length;
    const fixed = (e: AST.Element): boolean => { const i = this.info(e); return i.min > 0 && i.min === i.max; };
    const marks = (e: AST.Element): boolean => fixed(e) || (e.type === 'Quantifier' && e.min > 0 && this.oneChar(e.element) && mandatory > 1);
    return els.some((e, k) => marks(e) && sets.every((s, o) => o === k || !overlap(s, sets[k] ?? EMPTY)));
  }

  /** Exactly one character, however written ("a", "[ab]", "(?:a|b)"). */
  private oneChar(n: AST.Node): boolean { const i = this.info(n); return i.min === 1 && i.max === 1; }
  private addDegree(d: number, site: () => string): void { this.degree += d; this.site ??= site(); }
  private addWays(log10: number, site: () => string): void { this.ways += log10; this.waysSite ??= site(); }
}

const invalid = (message: string): PatternVerdict => ({ ok: false, code: 'INVALID_PATTERN', message });
const unsafe = (message: string): PatternVerdict => ({ ok: false, code: 'UNSAFE_PATTERN', message });
const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export function checkPattern(pattern: string): PatternVerdict {
  try { return check(pattern); } catch (e) { return unsafe(`The pattern could not be checked for safety (${reason(e)}); simplify it.`); }
}

function check(pattern: string): PatternVerdict {
  const limit = LOGIC_LIMITS.patternLength;
  if (pattern.length > limit) return invalid(`The pattern is ${pattern.length} characters long; the limit is ${limit}. Shorten it, or split it into several "matches" joined with "or".`);
  // Compiled only to report a syntax error, never run: matching runs on RE2 (re2js), which has no backtracking.
  // eslint-disable-next-line security/detect-non-literal-regexp
  try { new RegExp(pattern); } catch (e) {
    return invalid(`The pattern is not a valid regular expression: ${reason(e).replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}.`);
  }
  const ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: false, unicodeSets: false });
  const uses = { backreference: false, lookaround: false, modifiers: false, letterEscape: undefined as string | undefined };
  visitRegExpAST(ast, {
    onBackreferenceEnter: () => { uses.backreference = true; },
    onAssertionEnter: (a) => { uses.lookaround ||= a.kind === 'lookahead' || a.kind === 'lookbehind'; },
    onModifiersEnter: () => { uses.modifiers = true; },
    onCharacterEnter: (c) => { if (/^\\[A-Za-eg-mo-qsuw-z]$/.test(c.raw)) uses.letterEscape ??= c.raw; },
  });
  try {
    // RE2Set.add runs exactly RE2JS.compile's parser (with its size limits) but skips building the matcher, which
    // costs milliseconds; the pattern's syntax is all we need here.
    new RE2Set().add(pattern);
  } catch (e) {
    if (uses.backreference || uses.lookaround) {
      return unsafe(`The pattern uses ${uses.backreference ? 'a backreference (\\1, \\k<name>)' : 'a lookahead or lookbehind ((?=…), (?!…), (?<=…), (?<!…))'}, which needs a backtracking engine; rules run on RE2, which is linear-time and has none. Rewrite it without, for example as two "matches" joined with "and" or "!".`);
    }
    return invalid(`The pattern is valid JavaScript but not accepted by RE2, the engine rules run on: ${reason(e).replace(/^error parsing regexp: /, '')}. Use syntax both understand (type the character itself instead of \\uXXXX or \\cX; [\\s\\S] instead of [^]).`);
  }
  // JavaScript reads an unknown escape such as \z or \p as the letter itself; RE2 gives some of them a meaning.
  const letter = uses.letterEscape?.charAt(1);
  if (letter) return invalid(`"\\${letter}" means the letter "${letter}" in JavaScript but something else (or nothing) in RE2, the engine rules run on; write "${letter}" without the backslash.`);
  const a = new Analysis(uses.modifiers);
  a.walkAlternatives(ast, { mult: 1, contFail: false, loop: undefined });
  if (a.failure) return unsafe(`The pattern could backtrack catastrophically: ${a.failure}`);
  const anchored = ast.alternatives.every((alt) => { const h = flatten(alt.elements)[0]; return h?.type === 'Assertion' && h.kind === 'start'; });
  // An unanchored search already tries n start positions × n; one ambiguous division more is cubic, so only "^" earns it.
  if (a.site && a.degree > (anchored ? 1 : 0)) return unsafe(`The pattern could backtrack catastrophically: ${a.site}`);
  // Bounded ambiguity costs a constant factor, but factors multiply: a million (ten thousand unanchored) is too many.
  if (a.waysSite && a.ways > (anchored ? 6 : 4)) {
    return unsafe(`The pattern could backtrack catastrophically: ${a.waysSite} With the pattern's other such places, a failed match can try about 10^${Math.round(a.ways)} divisions${anchored ? '' : ' at every position of the text'}.`);
  }
  return { ok: true };
}
