import { parseNumber, toNumber } from './coerce.js';
import { placed, type Evaluate, type OperatorImpl, type RunContext } from './compile.js';
import { budgetExceeded, LogicFailure } from './failure.js';
import { binaryOf } from './operands.js';

/**
 * Arithmetic with json-logic-js's conversions: `+` and `*` parse their operands (parseFloat: "3 apples" is 3), the
 * others convert them (Number). Two operands, the usual case, are evaluated without building an argument list.
 */
const absent: Evaluate = () => undefined;

function tick(c: RunContext, path: string): void {
  if (--c.left < 0) throw budgetExceeded(path, c.budget);
}

/** The operand values of a node with any number of arguments. */
function valuesOf(args: readonly Evaluate[], s: unknown, c: RunContext): unknown[] {
  const values = new Array<unknown>(args.length);
  for (let i = 0; i < args.length; i++) values[i] = (args[i] as Evaluate)(s, c);
  return values;
}

/** json-logic-js's sum: each partial sum parsed again, so the sign of zero comes out as it does there. */
function sum(values: readonly unknown[]): number {
  let total = 0;
  for (const value of values) total = parseNumber(total) + parseNumber(value);
  return total;
}

const plus: OperatorImpl = {
  counts: true,
  build: (args, { path }) => {
    const [a = absent, b = absent] = args;
    if (args.length === 2) return binaryOf((x, y) => parseNumber(0 + parseNumber(x)) + parseNumber(y), a, b, path);
    return (s, c) => {
      tick(c, path);
      try {
        return sum(valuesOf(args, s, c));
      } catch (error) {
        throw placed(error, path);
      }
    };
  },
};

const times: OperatorImpl = {
  counts: true,
  build: (args, { path }) => {
    if (args.length === 0) throw new LogicFailure('INVALID_ARGUMENTS', '"*" needs at least one number.', path);
    const [a = absent, b = absent] = args;
    if (args.length === 2) return binaryOf((x, y) => parseNumber(x) * parseNumber(y), a, b, path);
    // Array.prototype.reduce without an initial value, as json-logic-js: one operand comes back unconverted.
    return (s, c) => {
      tick(c, path);
      try {
        return valuesOf(args, s, c).reduce((x, y) => parseNumber(x) * parseNumber(y));
      } catch (error) {
        throw placed(error, path);
      }
    };
  },
};

const binary = (f: (a: unknown, b: unknown) => unknown): OperatorImpl => ({
  counts: true,
  build: ([a = absent, b = absent], { path }) => binaryOf(f, a, b, path),
});

const extreme = (pick: (...values: number[]) => number): OperatorImpl => ({
  counts: true,
  build: (args, { path }) => (s, c) => {
    tick(c, path);
    try {
      return pick(...valuesOf(args, s, c).map(toNumber));
    } catch (error) {
      throw placed(error, path);
    }
  },
});

export const ARITHMETIC: Readonly<Record<string, OperatorImpl>> = {
  '+': plus,
  '-': binary((x, y) => (y === undefined ? -toNumber(x) : toNumber(x) - toNumber(y))),
  '*': times,
  '/': binary((x, y) => toNumber(x) / toNumber(y)),
  '%': binary((x, y) => toNumber(x) % toNumber(y)),
  max: extreme(Math.max),
  min: extreme(Math.min),
};
