import { describe, expect, it } from 'vitest';
import { SUPPORTED_EVENTS, type SupportedEvent } from '../rule/limits.js';
import { parseJiraEvent, toJsonPointer } from './jira-event-payload.js';

const issue = {
  id: '10001',
  key: 'OPS-1',
  fields: {
    summary: 'Printer on fire',
    issuetype: { name: 'Bug' },
    project: { id: '10000', key: 'OPS', name: 'Operations' },
    assignee: null,
    status: { name: 'To Do' },
  },
};

const extras: Record<SupportedEvent, Record<string, unknown>> = {
  'avi:jira:created:issue': { atlassianId: '5b10a2844c20165700ede21g', associatedUsers: [] },
  'avi:jira:updated:issue': {
    atlassianId: '5b10a2844c20165700ede21g',
    changelog: {
      id: '10100',
      items: [
        {
          field: 'status',
          fieldtype: 'jira',
          fieldId: 'status',
          from: '1',
          fromString: 'To Do',
          to: '3',
          toString: 'Done',
        },
        // Jira sends null for an empty side, and older events leave fieldId out.
        { field: 'labels', fieldtype: 'jira', from: null, fromString: null, to: null, toString: 'urgent' },
      ],
    },
    associatedStatuses: [{ name: 'To Do' }, { name: 'Done' }],
  },
  'avi:jira:deleted:issue': {},
  'avi:jira:assigned:issue': {
    changelog: { items: [{ field: 'assignee', fieldId: 'assignee', from: null, to: 'abc' }] },
  },
  'avi:jira:commented:issue': {
    comment: { id: '20001', author: { accountId: 'abc' }, body: { type: 'doc', content: [] } },
  },
};

function deeplyNested(depth: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let node = root;
  for (let i = 0; i < depth; i++) {
    const child: Record<string, unknown> = {};
    node['next'] = child;
    node = child;
  }
  return root;
}

describe('parseJiraEvent: good payloads', () => {
  it.each(SUPPORTED_EVENTS)('accepts %s', (eventType) => {
    const result = parseJiraEvent({ eventType, issue, ...extras[eventType] });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.event.eventType).toBe(eventType);
      expect(result.event.issue.key).toBe('OPS-1');
    }
  });

  it('keeps fields Forge adds that the schema does not name', () => {
    const result = parseJiraEvent({ eventType: 'avi:jira:updated:issue', issue, ...extras['avi:jira:updated:issue'] });
    expect(result.ok && result.event['associatedStatuses']).toEqual([{ name: 'To Do' }, { name: 'Done' }]);
  });

  it('does not mistake the inherited Object.prototype.toString for a changelog value', () => {
    const result = parseJiraEvent({
      eventType: 'avi:jira:updated:issue',
      issue,
      changelog: { items: [{ field: 'summary' }] },
    });
    expect(result.ok).toBe(true);
    if (result.ok) expect(Object.hasOwn(result.event.changelog?.items[0] ?? {}, 'toString')).toBe(false);
  });

  it('accepts a 10,000-deep value in issue.fields without throwing (depth is checked where fields are read)', () => {
    const fields = { deep: deeplyNested(10_000) };
    const payload = { eventType: 'avi:jira:created:issue', issue: { ...issue, fields } };
    expect(() => parseJiraEvent(payload)).not.toThrow();
    expect(parseJiraEvent(payload).ok).toBe(true);
  });
});

describe('parseJiraEvent: malformed payloads', () => {
  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'avi:jira:created:issue'],
    ['a number', 42],
    ['undefined', undefined],
  ])('rejects %s at the root', (_name, input) => {
    const result = parseJiraEvent(input);
    expect(result).toEqual({
      ok: false,
      issues: [{ path: '', code: 'MALFORMED_EVENT', message: expect.any(String) as string }],
    });
  });

  it('rejects an issue id whose length member cannot become a number, without throwing', () => {
    const result = parseJiraEvent({ eventType: 'avi:jira:created:issue', issue: { ...issue, id: { length: { toString: false } } } });
    expect(!result.ok && result.issues.map((i) => [i.path, i.code])).toEqual([['/issue/id', 'MALFORMED_EVENT']]);
  });

  it('rejects a payload without an issue', () => {
    const result = parseJiraEvent({ eventType: 'avi:jira:created:issue' });
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['/issue']);
  });

  it('rejects an event type outside the supported five', () => {
    const result = parseJiraEvent({ eventType: 'avi:jira:viewed:issue', issue });
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual(['/eventType']);
  });

  it('reports every wrong type with its JSON Pointer', () => {
    const result = parseJiraEvent({
      eventType: 'avi:jira:updated:issue',
      issue: { id: 10001, key: '', fields: [] },
      atlassianId: 7,
      changelog: { items: [{ field: 'status', to: 3 }, 'x'] },
      comment: 'nice',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path).sort()).toEqual([
        '/atlassianId',
        '/changelog/items/0/to',
        '/changelog/items/1',
        '/comment',
        '/issue/fields',
        '/issue/id',
        '/issue/key',
      ]);
      expect(new Set(result.issues.map((i) => i.code))).toEqual(new Set(['MALFORMED_EVENT']));
    }
  });

  it('escapes ~ and / in pointer segments (RFC 6901)', () => {
    expect(toJsonPointer([])).toBe('');
    expect(toJsonPointer(['changelog', 'items', 0, 'a/b~c'])).toBe('/changelog/items/0/a~1b~0c');
  });

  it('never throws, even when reading the payload throws', () => {
    const hostile = {
      eventType: 'avi:jira:created:issue',
      get issue(): never {
        throw new Error('boom');
      },
    };
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const input of [hostile, proxy]) {
      const result = parseJiraEvent(input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.issues[0]?.code).toBe('MALFORMED_EVENT');
    }
  });
});
