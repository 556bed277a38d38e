import fc from 'fast-check';
import { SUPPORTED_EVENTS } from '../../src/core/rule/limits.js';
import { hostileJson, hostileKey, hostileString, nest, ownObject, parsedHostileJson } from './hostile-json.js';
import { mutate, mutation } from './mutate.js';

/**
 * Event payloads malformed in the ways a trigger handler meets: not objects at all, wrong types for eventType, issue
 * and changelog, prototype keys, huge and deep values, and valid-looking events with one field broken. Some happen
 * to be valid events; the scenario counts those apart. All are JSON, as a payload crossing into a function is.
 */
export const PAYLOAD_KINDS = ['not-object', 'json', 'event-type', 'issue', 'changelog', 'one-broken', 'prototype', 'huge', 'deep', 'valid'] as const;
export type PayloadKind = (typeof PAYLOAD_KINDS)[number];
export type GeneratedPayload = { kind: PayloadKind; payload: unknown };

type Event = Record<string, unknown>;

const validEvent: fc.Arbitrary<Event> = fc.record({
  eventType: fc.constantFrom(...SUPPORTED_EVENTS),
  issue: fc.record({
    id: fc.integer({ min: 1, max: 99_999 }).map(String),
    key: fc.constantFrom('OPS-1', 'SUP-42', 'PLAT-7'),
    fields: fc.array(fc.tuple(fc.constantFrom('summary', 'labels', 'status', 'priority', 'customfield_10001'), hostileJson), { maxLength: 4 }).map(ownObject),
  }),
  atlassianId: fc.constantFrom('557058:local-ben', '557058:local-ann'),
  changelog: fc.record({ items: fc.array(fc.record({ field: fc.constantFrom('status', 'labels'), fromString: hostileString, toString: hostileString }), { maxLength: 3 }) }),
});

const notObject = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, 0, -1, '', 'avi:jira:updated:issue', true, false, [], [{ eventType: 'avi:jira:updated:issue' }]),
  fc.jsonValue().filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
);

const wrongType = fc.oneof(
  fc.constantFrom<unknown>(null, 0, 1, true, [], {}, ['avi:jira:updated:issue'], { value: 'avi:jira:updated:issue' }, '', '__proto__', 'constructor'),
  fc.constantFrom(...SUPPORTED_EVENTS).map((t) => [`${t} `, t.toUpperCase(), t.replace('avi:', 'avi:confluence:'), t.slice(0, -1)]).chain((variants) => fc.constantFrom(...variants)),
  hostileString,
);

const eventType = fc.tuple(validEvent, wrongType, fc.boolean()).map(([event, type, drop]) => {
  if (drop) return ownObject(Object.entries(event).filter(([k]) => k !== 'eventType'));
  return { ...event, eventType: type };
});

const issue = fc.tuple(validEvent, fc.constantFrom('issue', 'id', 'key', 'fields'), fc.oneof(wrongType, hostileJson), fc.boolean()).map(([event, part, value, drop]) => {
  const target = event['issue'] as Event;
  if (part === 'issue') return drop ? ownObject(Object.entries(event).filter(([k]) => k !== 'issue')) : { ...event, issue: value };
  const changed = drop ? ownObject(Object.entries(target).filter(([k]) => k !== part)) : { ...target, [part]: value };
  return { ...event, issue: changed };
});

const changelog = fc.tuple(validEvent, fc.constantFrom('changelog', 'items', 'item', 'field', 'toString'), fc.oneof(wrongType, hostileJson)).map(([event, part, value]) => {
  const item = { field: 'status', fromString: 'Open', toString: 'Done' };
  switch (part) {
    case 'changelog': return { ...event, changelog: value };
    case 'items': return { ...event, changelog: { items: value } };
    case 'item': return { ...event, changelog: { items: [item, value] } };
    case 'field': return { ...event, changelog: { items: [{ ...item, field: value }] } };
    default: return { ...event, changelog: { items: [ownObject([['field', 'status'], ['toString', value]])] } };
  }
});

const oneBroken = fc.tuple(validEvent, mutation).map(([event, m]) => mutate(event, [m]));

/** Prototype keys as own keys (as JSON.parse makes them) at the root, in the issue, its fields or a changelog item. */
const prototype = fc
  .tuple(validEvent, fc.constantFrom('root', 'issue', 'fields', 'item'), fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean())
  .map(([event, where, key, breakIt]) => {
    const hostile = JSON.parse('{"polluted": true, "eventType": "avi:jira:updated:issue", "__proto__": {"polluted": true}}') as unknown;
    const withKey = (target: Event): Event => ownObject([[key, hostile], ...Object.entries(target)]);
    const root = breakIt ? { ...event, eventType: 7 } : event;
    const target = root['issue'] as Event;
    switch (where) {
      case 'root': return withKey(root);
      case 'issue': return { ...root, issue: withKey(target) };
      case 'fields': return { ...root, issue: { ...target, fields: withKey(target['fields'] as Event) } };
      default: return { ...root, changelog: { items: [withKey({ field: 'status', toString: 'Done' })] } };
    }
  });

const huge = fc.tuple(validEvent, fc.integer({ min: 0, max: 3 })).map(([event, which]) => {
  const target = event['issue'] as Event;
  switch (which) {
    case 0: return { ...event, eventType: 42, issue: { ...target, fields: { labels: Array.from({ length: 100_000 }, (_, i) => `l${String(i)}`) } } };
    case 1: return { ...event, issue: { ...target, id: 10001, fields: { summary: 'x'.repeat(1_000_000) } } };
    case 2: return { ...event, changelog: { items: [...new Array<unknown>(10_000).fill({ field: 'status' }), { field: 7 }] } };
    default: return ownObject(Array.from({ length: 50_000 }, (_, i) => [`k${String(i)}`, i]));
  }
});

/**
 * Deep, within what crosses the JSON boundary into a function (JSON.stringify stops near 4,000 levels): most up to
 * 2,500, some from 2,500 to 3,800, where the app's own recursive canonical form of the payload gives out first.
 */
const deep = fc.tuple(validEvent, fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 10, max: 2_500 }) }, { weight: 1, arbitrary: fc.integer({ min: 2_500, max: 3_800 }) }), fc.constantFrom('root', 'fields', 'array')).map(([event, depth, where]) => {
  if (where === 'root') return nest(depth, 'leaf', (inner) => ({ issue: inner }));
  const value = where === 'array' ? nest(depth, [], (inner) => [inner]) : nest(depth, 'leaf', (inner) => ({ a: inner }));
  // The deep value inside an otherwise valid event with one broken field, so the event is rejected.
  return { ...event, eventType: null, issue: { ...(event['issue'] as Event), fields: { deep: value } } };
});

const json = fc.oneof(fc.jsonValue(), parsedHostileJson, fc.dictionary(hostileKey, hostileJson).map((d) => JSON.parse(JSON.stringify(d)) as unknown));

const tagged = (kind: PayloadKind, arbitrary: fc.Arbitrary<unknown>, weight: number) => ({
  weight,
  arbitrary: arbitrary.map((payload): GeneratedPayload => ({ kind, payload })),
});

export const generatedPayload: fc.Arbitrary<GeneratedPayload> = fc.oneof(
  tagged('not-object', notObject, 10),
  tagged('json', json, 15),
  tagged('event-type', eventType, 15),
  tagged('issue', issue, 15),
  tagged('changelog', changelog, 10),
  tagged('one-broken', oneBroken, 15),
  tagged('prototype', prototype, 10),
  tagged('huge', huge, 1),
  tagged('deep', deep, 4),
  tagged('valid', validEvent, 5),
);
