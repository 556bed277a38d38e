import { describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../src/core/rule/issue-codes.js';
import { validateRule } from '../src/core/rule/validate.js';
import { validationCases } from './support/rule-vectors.js';

const cases = validationCases();

describe('validateRule on the vectors in test/vectors/validation', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = validateRule(c.document);
    const found = result.ok ? [] : result.issues.map(({ path, code }) => ({ path, code }));
    expect(found).toEqual([...c.issues].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
  });

  it('uses only documented codes, and every issue has a message an admin can read', () => {
    for (const c of cases) {
      const result = validateRule(c.document);
      if (result.ok) continue;
      for (const issue of result.issues) {
        expect(ISSUE_CODES).toContain(issue.code);
        expect(issue.message.length).toBeGreaterThan(10);
        expect(issue.path === '' || issue.path.startsWith('/')).toBe(true);
      }
    }
  });
});

describe('validateRule results', () => {
  const base = cases.find((c) => c.issues.length === 0)?.document as Record<string, unknown>;

  it('applies the spec defaults to a valid rule', () => {
    const result = validateRule({
      schemaVersion: 1, id: 'sweep', name: 'Sweep',
      trigger: { type: 'schedule', cron: '0 9 * * *', jql: 'project = OPS' },
      actions: [{ type: 'addLabels', labels: ['x'] }],
      limits: {},
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rule.enabled).toBe(true);
    expect(result.rule.trigger).toMatchObject({ timezone: 'UTC', maxIssues: 1000 });
    expect(result.rule.limits?.maxRunsPerHour).toBe(500);
  });

  it('does not change the input it validates', () => {
    const input = structuredClone(base);
    validateRule(input);
    expect(input).toEqual(base);
  });

  it('suggests the event an admin probably meant', () => {
    const result = validateRule({ ...base, trigger: { type: 'event', events: ['avi:jira:created:issues'] } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]?.message).toContain('Did you mean "avi:jira:created:issue"?');
  });

  it('suggests the operator an admin probably meant', () => {
    const result = validateRule({ ...base, when: { startswith: [{ var: 'issue.key' }, 'OPS'] } });
    expect(result.ok ? '' : result.issues[0]?.message).toContain('Did you mean "startsWith"?');
  });

  it('reports a JSON own property named __proto__ as unknown, never as the prototype', () => {
    const input: unknown = JSON.parse('{"__proto__": {"enabled": false}, "schemaVersion": 1}');
    const result = validateRule({ ...(base as object), ...(input as object) });
    expect(result.ok ? [] : result.issues.map((i) => i.code)).toContain('UNKNOWN_PROPERTY');
  });

  it('rejects values JSON cannot hold', () => {
    for (const bad of [{ ...base, name: Number.NaN }, { ...base, when: () => true }, { ...base, name: undefined, enabled: new Date(0) }]) {
      const result = validateRule(bad);
      expect(result.ok ? [] : result.issues.map((i) => i.code)).toContain('NOT_JSON');
    }
  });
});
