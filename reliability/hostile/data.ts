import fc from 'fast-check';
import type { RunInput } from '../../src/core/engine/index.js';
import { fieldsRead } from '../../src/core/engine/fields-read.js';
import { parseJiraEvent } from '../../src/core/event/jira-event-payload.js';
import { SUPPORTED_EVENTS } from '../../src/core/rule/limits.js';
import type { Rule } from '../../src/core/rule/rule-schema.js';
import { edgeNumber, hostileJson, hostileKey, hostileString, nest, ownObject } from './hostile-json.js';

/**
 * Run inputs for a validated rule, aimed at it: the event types it listens to, the changelog fields its trigger
 * names, its scope's projects and issue types, and the fields it reads, each filled with hostile values (huge label
 * lists, megabyte texts, data nested 10,000 deep, own "__proto__" keys). The large values are built once and frozen:
 * they are shared by every run, and an evaluator that wrote to its input would throw on them, which counts as a crash.
 */
const START = Date.parse('2026-03-02T09:00:00Z');

function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Object.isFrozen(node)) continue;
    Object.freeze(node);
    for (const key of Object.keys(node)) stack.push((node as Record<string, unknown>)[key]);
  }
  return value;
}

type Shared = Record<'labels100k' | 'labels10k' | 'text1mb' | 'text150k' | 'deepArray' | 'deepObject' | 'proto' | 'items10k', unknown>;
let shared: Shared | undefined;

/** Built on first use: a run of documents alone never pays for them. */
function sharedValues(): Shared {
  shared ??= deepFreeze({
    labels100k: Array.from({ length: 100_000 }, (_, i) => `label-${String(i)}`),
    labels10k: Array.from({ length: 10_000 }, (_, i) => (i % 2 === 0 ? `l${String(i)}` : i)),
    text1mb: `${'a'.repeat(1_000_000)}!`,
    text150k: ' '.repeat(150_000) + 'foo',
    deepArray: nest(10_000, [], (inner) => [inner]),
    deepObject: nest(10_000, 'leaf', (inner) => ({ a: inner, __proto__x: 1 })),
    proto: JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "toString": "x", "valueOf": 1}') as unknown,
    items10k: Array.from({ length: 10_000 }, (_, i) => ({ field: `f${String(i)}`, fromString: null, toString: String(i) })),
  });
  return shared;
}

const bigValue = fc.constantFrom<keyof Shared>('labels100k', 'labels10k', 'text1mb', 'text150k', 'deepArray', 'deepObject', 'proto', 'items10k').map((name) => sharedValues()[name]);

const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileJson },
  { weight: 3, arbitrary: hostileString },
  { weight: 1, arbitrary: edgeNumber },
  { weight: 2, arbitrary: fc.constantFrom('2026-01-01', '2025-12-31T23:59:59.999Z', '2026-02-30', '2026-03-02T09:00+0130', '1772442000000', 1_772_442_000_000) },
  { weight: 2, arbitrary: fc.array(fc.oneof(hostileString, edgeNumber), { maxLength: 20 }) },
  { weight: 2, arbitrary: bigValue },
);

const changelogItem = (fields: readonly string[]) =>
  fc
    .record({
      field: fields.length > 0 ? fc.oneof(fc.constantFrom(...fields), hostileString) : hostileString,
      fieldId: fc.option(hostileString, { nil: undefined }),
      from: fc.option(hostileString, { nil: null }),
      fromString: fc.option(hostileString, { nil: null }),
      to: fc.option(hostileString, { nil: null }),
      toString: fc.option(hostileString, { nil: null }),
      extra: fc.array(fc.tuple(hostileKey, hostileJson), { maxLength: 2 }),
    })
    .map(({ extra, fieldId, ...item }) => ownObject([...extra, ...Object.entries(item), ...(fieldId === undefined ? [] : [['fieldId', fieldId] as const])]));

type Aim = { events: readonly string[]; changelogFields: readonly string[]; projects: readonly string[]; issueTypes: readonly string[]; fields: readonly string[] };

function aimOf(rule: Rule): Aim {
  const { trigger, scope } = rule;
  const read = fieldsRead(rule).fields;
  return {
    events: trigger.type === 'event' ? trigger.events : [],
    changelogFields: trigger.type === 'event' ? [...(trigger.fields ?? []), ...read] : read,
    projects: scope?.projects ?? [],
    issueTypes: scope?.issueTypes ?? [],
    fields: [...new Set([...read, 'summary', 'description', 'labels', 'components', 'status', 'priority', 'created', 'updated', 'customfield_10001'])],
  };
}

const oneOrOther = (wanted: readonly string[]) => (wanted.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...wanted) }, { weight: 1, arbitrary: hostileString }) : hostileString);

function issueArbitrary(aim: Aim) {
  return fc
    .record({
      id: fc.oneof(fc.integer({ min: 1, max: 99_999 }).map(String), hostileString.filter((s) => s.length > 0)),
      key: fc.oneof(fc.constantFrom('OPS-1', 'SUP-42'), hostileString.filter((s) => s.length > 0)),
      values: fc.array(fieldValue, { minLength: aim.fields.length, maxLength: aim.fields.length }),
      extra: fc.array(fc.tuple(hostileKey, fieldValue), { maxLength: 3 }),
      project: oneOrOther(aim.projects),
      issueType: oneOrOther(aim.issueTypes),
    })
    .map(({ id, key, values, extra, project, issueType }) => ({
      id,
      key,
      fields: ownObject([...extra, ...aim.fields.map((f, i) => [f, values[i]] as const), ['project', { key: project }], ['issuetype', { name: issueType }]]),
    }));
}

/** Event payloads aimed at the rule, parsed the way the app parses them; the few that do not parse are dropped. */
function eventInput(aim: Aim) {
  return fc
    .record({
      now: fc.oneof(fc.constant(START), fc.integer({ min: 0, max: 4_102_444_800_000 })),
      eventType: oneOrOther(aim.events.length > 0 ? aim.events : SUPPORTED_EVENTS),
      issue: issueArbitrary(aim),
      // The 10,000-item changelog costs the app's parse ~30 ms per event: rare, or it would be most of the stage's time.
      items: fc.oneof({ weight: 30, arbitrary: fc.array(changelogItem(aim.changelogFields), { maxLength: 5 }) }, { weight: 1, arbitrary: fc.constant(sharedValues().items10k) }),
      comment: fc.option(fc.record({ id: fc.integer().map(String), body: fieldValue, author: fc.record({ accountId: hostileString }) }), { nil: undefined }),
      atlassianId: fc.option(hostileString, { nil: undefined }),
    })
    .map(({ now, eventType, issue, items, comment, atlassianId }): RunInput | undefined => {
      const payload = { eventType, issue, changelog: { items }, ...(comment === undefined ? {} : { comment }), ...(atlassianId === undefined ? {} : { atlassianId }) };
      const parsed = parseJiraEvent(payload);
      return parsed.ok ? { kind: 'event', now, event: parsed.event } : undefined;
    });
}

function issueInput(aim: Aim, kind: 'schedule' | 'manual') {
  return fc.record({ now: fc.integer({ min: 0, max: 4_102_444_800_000 }), issue: issueArbitrary(aim) }).map(({ now, issue }): RunInput => {
    const at = new Date(START).toISOString();
    return kind === 'manual' ? { kind, now, issue } : { kind, now, issue, schedule: { dueAt: at, firedAt: at } };
  });
}

/** `count` inputs for `rule`, replayable from `seed`: mostly its own trigger's kind, some manual runs (they fire every rule). */
export function runInputs(rule: Rule, seed: number, count: number): RunInput[] {
  const aim = aimOf(rule);
  const own = rule.trigger.type === 'event' ? eventInput(aim) : issueInput(aim, rule.trigger.type);
  const arbitrary = fc.oneof({ weight: 3, arbitrary: own }, { weight: 1, arbitrary: issueInput(aim, 'manual') });
  return fc.sample(arbitrary, { seed, numRuns: count }).filter((input): input is RunInput => input !== undefined);
}
