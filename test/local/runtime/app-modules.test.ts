import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { appModulesOf } from '../../../src/local/host/app-modules.js';
import { ManifestError } from '../../../src/local/manifest-functions.js';

const fixture = parse(readFileSync(new URL('../fixtures/host-app/manifest.yml', import.meta.url), 'utf8')) as unknown;
const project = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as unknown;

describe('the manifest modules the host runs', () => {
  it('reads triggers with ignoreSelf, schedules, consumers and UI resolvers', () => {
    const modules = appModulesOf(fixture);
    expect(modules.triggers.map((t) => [t.key, t.functionKey, t.ignoreSelf])).toEqual([
      ['issue-events', 'on-issue', true],
      ['audit-events', 'on-audit', false],
      ['slow-events', 'slow', false],
    ]);
    expect(modules.scheduledTriggers).toEqual([{ key: 'every-five', functionKey: 'tick', interval: 'fiveMinute' }]);
    expect(modules.resolvers).toEqual([{ key: 'admin', moduleType: 'jira:adminPage', functionKey: 'resolver' }]);
    expect([...modules.consumerFunctionKeys]).toEqual(['consume']);
  });

  it('applies Forge’s timeouts: 25 s at most for triggers and resolvers, 55 s by default and 900 s at most in the background', () => {
    const timeouts = Object.fromEntries([...appModulesOf(fixture).functions.values()].map((f) => [f.key, f.timeoutSeconds]));
    expect(timeouts).toEqual({ 'on-issue': 25, 'on-audit': 25, slow: 1, tick: 55, consume: 120, resolver: 25 });
    const capped = appModulesOf({
      modules: {
        trigger: [{ key: 't', function: 'f', events: ['avi:jira:created:issue'] }],
        consumer: [{ key: 'c', queue: 'q', function: 'g' }],
        function: [{ key: 'f', handler: 'index.f', timeoutSeconds: 300 }, { key: 'g', handler: 'index.g', timeoutSeconds: 5000 }],
      },
    });
    expect(capped.functions.get('f')?.timeoutSeconds).toBe(25);
    expect(capped.functions.get('g')?.timeoutSeconds).toBe(900);
  });

  it('reads the project’s own manifest, and refuses a module that names an undeclared function', () => {
    expect(appModulesOf(project).triggers).toEqual([expect.objectContaining({ key: 'jira-events', functionKey: 'jira-event', ignoreSelf: true })]);
    expect(() => appModulesOf({ modules: { trigger: [{ key: 't', function: 'ghost', events: [] }], function: [] } })).toThrow(ManifestError);
  });
});
