import { describe, expect, it } from 'vitest';
import { classify, exitCodeOf } from '../../scripts/audit-production.mjs';
import { decide, spdxAllowed } from '../../scripts/check-licences.mjs';

const noFile = (): string | null => null;

describe('licence decision (scripts/check-licences.mjs)', () => {
  it('allows permissive licences and refuses copyleft or unknown ones', () => {
    for (const id of ['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0', 'CC0-1.0']) {
      expect(decide({ name: 'p', license: id }, noFile).allowed, id).toBe(true);
    }
    for (const id of ['GPL-3.0-only', 'AGPL-3.0', 'SSPL-1.0', 'LGPL-2.1', 'proprietary']) {
      expect(decide({ name: 'p', license: id }, noFile)).toEqual({ allowed: false, why: `${id} is not on the allow-list` });
    }
  });

  it('allows an OR-expression when one side is allowed, an AND-expression only when every side is', () => {
    expect(spdxAllowed('(MIT OR WTFPL)')).toBe(true);
    expect(spdxAllowed('(BSD-2-Clause OR MIT OR Apache-2.0)')).toBe(true);
    expect(spdxAllowed('GPL-3.0 OR AGPL-3.0')).toBe(false);
    expect(spdxAllowed('MIT AND GPL-3.0')).toBe(false);
    expect(spdxAllowed('(MIT AND ISC) OR GPL-3.0')).toBe(true);
  });

  it('refuses a package that declares no licence, and reads the legacy {type} form', () => {
    expect(decide({ name: 'p' }, noFile)).toEqual({ allowed: false, why: 'no licence declared' });
    expect(decide({ name: 'p', license: '' }, noFile).allowed).toBe(false);
    expect(decide({ name: 'p', licenses: [{ type: 'MIT' }] }, noFile).allowed).toBe(true);
  });

  it('allows "SEE LICENSE IN" only for the @forge family and only while LICENSE.txt grants the Developer Terms', () => {
    const terms = 'Permission is hereby granted to use this software in accordance with the terms\nand conditions outlined in the Atlassian Developer Terms, which can be found';
    const see = 'SEE LICENSE IN LICENSE.txt';
    expect(decide({ name: '@forge/api', license: see }, (f) => (f === 'LICENSE.txt' ? terms : null)).allowed).toBe(true);
    expect(decide({ name: '@forge/api', license: see }, () => 'All rights reserved.').allowed).toBe(false);
    expect(decide({ name: '@forge/api', license: see }, noFile).allowed).toBe(false);
    expect(decide({ name: 'someone-else', license: see }, () => terms).allowed).toBe(false);
  });
});

describe('production audit outcome (scripts/audit-production.mjs)', () => {
  const report = (vulnerabilities: Record<string, unknown>): string =>
    JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: { high: 1 } } });

  it('fails on a high or critical advisory for a production dependency', () => {
    const outcome = classify(report({
      cronish: { name: 'cronish', severity: 'high', range: '<1.2.3', via: [{ title: 'ReDoS in parse', url: 'https://example.invalid/GHSA-x' }] },
      other: { name: 'other', severity: 'moderate', range: '*', via: [] },
    }));
    expect(outcome.status).toBe('vulnerable');
    expect(outcome.status === 'vulnerable' ? outcome.findings.map((f) => f.name) : []).toEqual(['cronish']);
    expect(exitCodeOf(outcome, 'warn')).toBe(1);
  });

  it('passes when the source answered and nothing is high or critical', () => {
    const outcome = classify(report({ other: { name: 'other', severity: 'moderate', range: '*', via: [] } }));
    expect(outcome.status).toBe('clean');
    expect(exitCodeOf(outcome, 'fail')).toBe(0);
  });

  it('says the source was unreachable (never "clean") for npm\'s failed-request answer, and fails unless told to warn', () => {
    const answer = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk', statusCode: 405, error: { summary: '', detail: '' } });
    const outcome = classify(answer);
    expect(outcome).toEqual({ status: 'unreachable', reason: expect.stringContaining('405') as unknown });
    expect(exitCodeOf(outcome, 'fail')).toBe(3);
    expect(exitCodeOf(outcome, 'warn')).toBe(0);
    expect(classify('').status).toBe('unreachable');
  });
});
