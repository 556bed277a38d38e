import { budgetExceeded, EVAL_LIMITS, stringTooLarge } from './failure.js';

/**
 * JSON-Logic's coercions, made safe for data we do not control. json-logic-js hands operands to JavaScript's own
 * `==`, `<`, `+` and String(), which call an object's `toString`/`valueOf`: a Jira changelog item has a string
 * `toString` member, so `{"cat": [{"var": "changelog.items.0"}]}` throws there. Here objects convert the way a plain
 * object or array does (what JavaScript itself gives for JSON data without such members), so results are the same
 * as json-logic-js wherever json-logic-js does not throw.
 */

/** JSON Logic truthiness: JavaScript's, except that an empty array is falsy (jsonlogic.com/truthy). */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length !== 0;
  return Boolean(value);
}

/** ToPrimitive for JSON values: arrays join their items, other objects are "[object Object]". */
export function primitive(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  return Array.isArray(value) ? joinItems(value) : '[object Object]';
}

/** The budget of the run in progress, which joins are charged to (a run is synchronous: one at a time). */
let payer: { left: number; budget: number } | undefined;

/**
 * Makes `budget` the one array-to-text conversions are charged to, and returns the one it replaces (to put back when
 * the run ends). A comparison with an array joins the whole array, which was charged as the comparison's one
 * operation: 900 comparisons with one 10,000-item issue field took 3 s within budget (reliability suite). Coercions
 * know no run context, so the run in progress is kept here; a setter, not a wrapper, keeps the hot path free of a
 * closure per run.
 */
export function chargeJoinsTo(budget: { left: number; budget: number } | undefined): { left: number; budget: number } | undefined {
  const previous = payer;
  payer = budget;
  return previous;
}

/** Characters written or items visited by a join per operation charged: a join of 100,000 characters costs 1,000. */
const JOIN_UNITS_PER_OPERATION = 100;

/**
 * Array.prototype.join(",") without calling members (null and undefined items are empty, nested arrays join too), with
 * an explicit stack: JSON.parse builds arrays 100,000 levels deep, and a recursive join would overflow the stack.
 * The text is capped like any text a run builds, and its work is charged to the run's budget.
 */
function joinItems(top: readonly unknown[]): string {
  const out = joinText(top);
  if (payer !== undefined) {
    payer.left -= Math.floor((out.steps + out.text.length) / JOIN_UNITS_PER_OPERATION);
    if (payer.left < 0) throw budgetExceeded('', payer.budget);
  }
  return out.text;
}

function joinText(top: readonly unknown[]): { text: string; steps: number } {
  let out = '';
  let steps = 0;
  const stack: { items: readonly unknown[]; next: number }[] = [{ items: top, next: 0 }];
  for (let frame = stack[0]; frame !== undefined; frame = stack[stack.length - 1]) {
    if (frame.next >= frame.items.length) {
      stack.pop();
      continue;
    }
    const i = frame.next++;
    steps++;
    if (i > 0) out += ',';
    const item = frame.items[i];
    if (Array.isArray(item)) stack.push({ items: item, next: 0 });
    else if (item !== null && item !== undefined) out += text(item);
    if (out.length > EVAL_LIMITS.stringLength) throw stringTooLarge('', out.length);
  }
  return { text: out, steps };
}

/** String(value), safely. */
export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  return String(primitive(value));
}

/** `a == b` with JavaScript's rules: objects compare by identity with objects, and convert against primitives. */
export function looseEquals(a: unknown, b: unknown): boolean {
  const objectA = typeof a === 'object' && a !== null;
  const objectB = typeof b === 'object' && b !== null;
  if (objectA && objectB) return a === b;
  if (a === null || a === undefined || b === null || b === undefined) return a == b;
  return primitive(a) == primitive(b);
}

type Primitive = string | number | boolean | bigint | symbol | null | undefined;
const prim = primitive as (value: unknown) => Primitive;

/** JavaScript's relational comparison on primitives (strings compare as strings, anything else as numbers). */
export function lessThan(a: unknown, b: unknown): boolean {
  return (prim(a) as number) < (prim(b) as number);
}
export function lessOrEqual(a: unknown, b: unknown): boolean {
  return (prim(a) as number) <= (prim(b) as number);
}

/** ToNumber, safely: what unary minus, `-`, `*`, `/`, `%`, min and max apply to their operands. */
export function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(prim(value));
}

/** parseFloat(value), safely: what json-logic-js's `+` and `*` apply (so "3 apples" is 3 and null is NaN). */
export function parseNumber(value: unknown): number {
  // parseFloat(String(-0)) is 0, and JSON Logic's sums must agree with json-logic-js to the sign of zero.
  if (typeof value === 'number') return value === 0 ? 0 : value;
  return parseFloat(text(value));
}
