/**
 * Killing an invocation mid-run, as Forge does on a crash, an out-of-memory or a lost host: fault injection
 * (traffic.ts, `killRate`) decides that an SDK call kills the invocation making it; forge-globals.ts then never
 * answers that call and refuses every later one, and the function host, which watches the invocation, ends it with a
 * platform failure. Kept apart from Invocation so the invocation's own shape stays what the SDKs' runtime object needs.
 */
import type { Invocation } from './invocation.js';

/** What the interceptor answers instead of a response when the call kills its invocation. */
export class KillVerdict {
  constructor(
    readonly operation: string,
    /** Whether the call reached the service before the crash (its effect landed; its answer is lost either way). */
    readonly applied: boolean,
  ) {}
}

export type KillCause = { service: string; operation: string; applied: boolean };

const watchers = new WeakMap<Invocation, (cause: KillCause) => void>();
const causes = new WeakMap<Invocation, KillCause>();

/**
 * Makes the invocation killable and resolves when it is killed. Only the function host watches: a call made outside
 * a hosted function (a test's runInInvocation, the fallback context) has nothing to kill and is never chosen.
 */
export function watchKill(invocation: Invocation): Promise<KillCause> {
  return new Promise((resolve) => {
    watchers.set(invocation, resolve);
  });
}

export function isKillable(invocation: Invocation): boolean {
  return watchers.has(invocation) && !invocation.ended;
}

/** Ends the invocation at once: from here on every SDK call it makes is refused (forge-globals.ts). */
export function killInvocation(invocation: Invocation, cause: KillCause): void {
  if (causes.has(invocation)) return;
  causes.set(invocation, cause);
  invocation.ended = true;
  watchers.get(invocation)?.(cause);
}

export function killCauseOf(invocation: Invocation): KillCause | undefined {
  return causes.get(invocation);
}

/** The answer a killed process never gets: the handler's await stays pending until it is garbage-collected. */
export function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}
