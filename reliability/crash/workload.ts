/**
 * The writes a crash-test child makes: the shapes the app itself sends to storage (single KVS and entity sets,
 * deletes, batch sets, transactions of up to 25 operations with TTLs and entity conditions), drawn from a seeded
 * generator over a bounded key space, so later writes overwrite and delete what earlier children acknowledged.
 */
import { createHash } from 'node:crypto';
import type { Random } from '../../src/local/jira/site/random.js';
import type { WireRequest } from '../../src/local/runtime/wire.js';

/**
 * One key's effect: `value` is the digest of the stored JSON text (intents stay small on the pipe, however large the
 * value), or null when the write deletes the key.
 */
export type Effect = { ns: string; key: string; value: string | null };
/** A write as the child announces it before sending it: what the store holds for these keys once it commits. */
export type Intent = { id: string; effects: Effect[] };
export type PlannedWrite = { intent: Intent; request: WireRequest; ops: readonly Op[] };

type Item = { ns: string; key: string; value: unknown };
export type Op = ({ kind: 'set' } & Item & { ttl?: true; conditions?: unknown }) | { kind: 'delete'; ns: string; key: string };

const MAX_OPS = 25;

export const digest = (jsonText: string): string => createHash('sha1').update(jsonText).digest('base64url');
const identity = (ns: string, key: string): string => `${ns}\u0000${key}`;
const entityName = (ns: string): string | undefined => (ns.startsWith('entity:') ? ns.slice('entity:'.length) : undefined);

/** What the child knows the store holds: read once after open, then kept up to date with its own writes. */
export class KnownState {
  readonly #values = new Map<string, { ns: string; key: string; value: unknown }>();

  constructor(rows: readonly { ns: string; key: string; value: unknown }[]) {
    for (const row of rows) this.#values.set(identity(row.ns, row.key), row);
  }

  get(ns: string, key: string): unknown {
    return this.#values.get(identity(ns, key))?.value;
  }

  keys(): { ns: string; key: string }[] {
    return [...this.#values.values()].map(({ ns, key }) => ({ ns, key }));
  }

  apply(write: PlannedWrite): void {
    for (const op of write.ops) {
      if (op.kind === 'delete') this.#values.delete(identity(op.ns, op.key));
      else this.#values.set(identity(op.ns, op.key), { ns: op.ns, key: op.key, value: op.value });
    }
  }
}

const body = (path: string, payload: unknown): WireRequest => ({
  path,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(payload),
});

/** Generates the child's writes; `id` is `<child>.<seq>` so a value names the write that stored it. */
export class Workload {
  readonly #random: Random;
  readonly #child: number;
  readonly #state: KnownState;
  #seq = 0;

  constructor(random: Random, child: number, state: KnownState) {
    this.#random = random;
    this.#child = child;
    this.#state = state;
  }

  next(): PlannedWrite {
    const id = `${String(this.#child)}.${String(this.#seq++)}`;
    const r = this.#random.next();
    if (r < 0.25) return this.#single(id, { kind: 'set', ...this.#kvsItem(id) });
    if (r < 0.45) return this.#single(id, { kind: 'set', ...this.#entityItem(id) });
    if (r < 0.55) {
      const victim = this.#existing();
      return this.#single(id, victim === undefined ? { kind: 'set', ...this.#kvsItem(id) } : { kind: 'delete', ...victim });
    }
    if (r < 0.7) return this.#batch(id);
    return this.#transaction(id);
  }

  #kvsItem(id: string): Item {
    const [prefix, span] = this.#random.pick([['settings', 8], ['ruleset-chunk', 40], ['schedule-progress', 20]] as const);
    // Values from a few bytes to a few pages, so commits span one or many WAL frames.
    const pad = 'x'.repeat(this.#random.chance(0.1) ? this.#random.int(4_000, 20_000) : this.#random.int(0, 600));
    return { ns: 'kvs', key: `${prefix}:${String(this.#random.int(0, span - 1))}`, value: { writtenBy: id, pad } };
  }

  #entityItem(id: string): Item {
    const rule = `rule-${String(this.#random.int(0, 29))}`;
    const at = new Date(Date.UTC(2026, 2, 1) + this.#random.int(0, 86_400_000)).toISOString();
    switch (this.#random.int(0, 3)) {
      case 0: // new key every time, as execution records are
        return {
          ns: 'entity:execution',
          key: `exec-${id}`,
          value: { executionId: `exec-${id}`, ruleId: rule, ruleVersion: this.#random.int(1, 9), status: 'succeeded', issueKey: `DEMO-${String(this.#random.int(1, 500))}`, startedAt: at, durationMs: this.#random.int(5, 900), actions: [{ type: 'comment', ok: true }], attempts: 1, dryRun: false },
        };
      case 1:
        return { ns: 'entity:rule-counter', key: `${rule}:${at.slice(0, 13)}`, value: { ruleId: rule, hour: at.slice(0, 13), runs: this.#random.int(0, 500), matched: this.#random.int(0, 500), failed: 0, throttled: 0, writes: this.#random.int(0, 99) } };
      case 2:
        return { ns: 'entity:rule-result', key: `result-${id}`, value: { ruleId: rule, executionId: `exec-${id}`, name: 'sla', issueKey: 'DEMO-1', recordedAt: at, value: { hours: this.#random.next() * 48 } } };
      default:
        return { ns: 'entity:run-claim', key: `claim-${String(this.#random.int(0, 199))}`, value: { ruleId: rule, ruleVersion: 1, executionId: `exec-${id}`, issueKey: 'DEMO-2', state: 'running', attempt: this.#random.int(1, 5), leaseUntil: at, claimedAt: at, plan: { actions: 3 }, done: [] } };
    }
  }

  #existing(): { ns: string; key: string } | undefined {
    const keys = this.#state.keys();
    return keys.length === 0 ? undefined : this.#random.pick(keys);
  }

  #single(id: string, op: Op): PlannedWrite {
    const entity = entityName(op.ns);
    const path = `/api/v1/${entity === undefined ? '' : 'entity/'}${op.kind}`;
    const payload = { key: op.key, ...(entity === undefined ? {} : { entityName: entity }), ...(op.kind === 'set' ? { value: op.value } : {}) };
    return this.#planned(id, [op], body(path, payload));
  }

  #batch(id: string): PlannedWrite {
    const ops = this.#distinct(this.#random.int(2, MAX_OPS), () => ({ kind: 'set' as const, ...(this.#random.chance(0.5) ? this.#kvsItem(id) : this.#entityItem(id)) }));
    const items = ops.map((op) => ({ key: op.key, value: op.value, ...this.#entityField(op.ns) }));
    return this.#planned(id, ops, body('/api/v1/batch/set', items));
  }

  /** Sets and deletes on distinct keys; claims carry a TTL, counters a condition on what the child knows is stored. */
  #transaction(id: string): PlannedWrite {
    const ops = this.#distinct(this.#random.int(1, MAX_OPS), (): Op => {
      const victim = this.#random.chance(0.25) ? this.#existing() : undefined;
      if (victim !== undefined) return { kind: 'delete', ...victim };
      const item = this.#random.chance(0.4) ? this.#kvsItem(id) : this.#entityItem(id);
      if (item.ns === 'entity:run-claim') return { kind: 'set', ...item, ttl: true };
      if (item.ns === 'entity:rule-counter') return { kind: 'set', ...item, conditions: this.#unchanged(item) };
      return { kind: 'set', ...item };
    });
    const wire = (op: Op): Record<string, unknown> => ({
      key: op.key,
      ...this.#entityField(op.ns),
      ...(op.kind === 'set' ? { value: op.value } : {}),
      ...(op.kind === 'set' && op.ttl === true ? { options: { ttl: { value: 86_400, unit: 'SECONDS' } } } : {}),
      ...(op.kind === 'set' && op.conditions !== undefined ? { conditions: op.conditions } : {}),
    });
    const payload = {
      set: ops.filter((op) => op.kind === 'set').map(wire),
      delete: ops.filter((op) => op.kind === 'delete').map(wire),
    };
    return this.#planned(id, ops, body('/api/v1/transaction', payload));
  }

  /** The condition the app puts on a counter update: it still holds the runs it read (or is still absent). */
  #unchanged(item: Item): unknown {
    const stored = this.#state.get(item.ns, item.key) as { runs?: number } | undefined;
    if (stored?.runs === undefined) return { and: [{ property: 'runs', condition: 'NOT_EXISTS', values: [] }] };
    return { and: [{ property: 'runs', condition: 'EQUAL_TO', values: [stored.runs] }] };
  }

  #entityField(ns: string): { entityName?: string } {
    const entity = entityName(ns);
    return entity === undefined ? {} : { entityName: entity };
  }

  #distinct<T extends Op>(count: number, make: () => T): T[] {
    const ops = new Map<string, T>();
    for (let i = 0; i < count * 3 && ops.size < count; i++) {
      const op = make();
      if (!ops.has(identity(op.ns, op.key))) ops.set(identity(op.ns, op.key), op);
    }
    return [...ops.values()];
  }

  #planned(id: string, ops: readonly Op[], request: WireRequest): PlannedWrite {
    const effects = ops.map((op): Effect => ({ ns: op.ns, key: op.key, value: op.kind === 'set' ? digest(JSON.stringify(op.value)) : null }));
    return { intent: { id, effects }, request, ops };
  }
}
