import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { consumersFromManifest } from '../../../src/local/queue/index.js';
import { ManifestError } from '../../../src/local/manifest-functions.js';

const manifest = (yaml: string): unknown => parse(yaml) as unknown;

describe('consumersFromManifest', () => {
  it('joins consumer modules with their functions’ timeouts', () => {
    const consumers = consumersFromManifest(
      manifest(`
modules:
  consumer:
    - { key: rules-consumer, queue: rule-runs, function: run-rules }
    - { key: legacy, queue: old-queue, resolver: { function: legacy-fn, method: listener } }
    - { key: remote, queue: remote-queue, endpoint: remote-endpoint }
  function:
    - { key: run-rules, handler: index.runRules, timeoutSeconds: 600 }
    - { key: legacy-fn, handler: index.legacy }
`),
    );
    expect(consumers).toEqual([
      { key: 'rules-consumer', queue: 'rule-runs', functionKey: 'run-rules', timeoutSeconds: 600 },
      { key: 'legacy', queue: 'old-queue', functionKey: 'legacy-fn', timeoutSeconds: 55 },
    ]);
  });

  it('returns no consumers for a manifest without the module', () => {
    expect(consumersFromManifest(manifest('modules:\n  function:\n    - { key: f, handler: index.f }\n'))).toEqual([]);
    expect(consumersFromManifest(null)).toEqual([]);
  });

  it.each([
    ['a consumer without a queue', '    - { key: c, function: f }', /needs a string key and queue/],
    ['a consumer naming an undeclared function', '    - { key: c, queue: q, function: missing }', /function 'missing', which modules.function does not declare/],
  ])('rejects %s', (_name, entry, message) => {
    const yaml = `modules:\n  consumer:\n${entry}\n  function:\n    - { key: f, handler: index.f }\n`;
    expect(() => consumersFromManifest(manifest(yaml))).toThrow(ManifestError);
    expect(() => consumersFromManifest(manifest(yaml))).toThrow(message);
  });
});
