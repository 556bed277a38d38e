// `npm audit --omit=dev --audit-level=high` with an answer for every outcome (docs/decisions/0016-supply-chain-checks.md):
//   advisories at high or critical for a production dependency → exit 1, listed;
//   the advisory source answered and nothing is high or critical → exit 0;
//   the advisory source could not be reached (this workplace's registry proxy answers 405 to the audit endpoint) →
//   a banner saying the dependencies were NOT audited, and exit 3 — or exit 0 with the same banner when the caller
//   passes --unreachable=warn (CI does, because no advisory source is reachable from its network; a release is
//   audited from a machine that reaches one, without that flag).
// `npm run audit:prod`; run by .ci/run.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FAILING_SEVERITIES = ['high', 'critical'];

/**
 * What `npm audit --json`'s output means. A report has `auditReportVersion`; anything else (npm prints the failed
 * request as JSON: statusCode, uri, message) means the advisory source did not answer.
 */
export function classify(stdout) {
  let body;
  try {
    body = JSON.parse(stdout);
  } catch {
    return { status: 'unreachable', reason: `npm audit printed no JSON report (${stdout.trim().slice(0, 200) || 'nothing'})` };
  }
  if (typeof body !== 'object' || body === null || body.auditReportVersion === undefined) {
    const reason = typeof body?.message === 'string' && body.message !== '' ? body.message : typeof body?.error?.summary === 'string' && body.error.summary !== '' ? body.error.summary : 'no audit report in the answer';
    return { status: 'unreachable', reason };
  }
  const vulnerabilities = body.vulnerabilities ?? {};
  const findings = Object.values(vulnerabilities)
    .filter((v) => FAILING_SEVERITIES.includes(v.severity))
    .map((v) => ({
      name: v.name,
      severity: v.severity,
      range: v.range,
      advisories: (v.via ?? []).filter((via) => typeof via === 'object' && via !== null).map((via) => `${via.title ?? 'advisory'} ${via.url ?? ''}`.trim()),
    }));
  const counts = body.metadata?.vulnerabilities ?? {};
  if (findings.length > 0) return { status: 'vulnerable', findings, counts };
  return { status: 'clean', counts };
}

/** Exit code for an outcome: vulnerable 1, unreachable 3 (0 when the caller accepts an unreachable source). */
export function exitCodeOf(outcome, unreachable) {
  if (outcome.status === 'vulnerable') return 1;
  if (outcome.status === 'unreachable') return unreachable === 'warn' ? 0 : 3;
  return 0;
}

function runAudit(root) {
  const result = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return JSON.stringify({ message: `npm audit did not run: ${result.error.message}` });
  return result.stdout;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  const unreachable = process.argv.includes('--unreachable=warn') ? 'warn' : 'fail';
  const outcome = classify(runAudit(root));
  if (outcome.status === 'vulnerable') {
    console.error('audit: production dependencies have high or critical advisories:');
    for (const f of outcome.findings) console.error(`  ${f.severity.padEnd(8)} ${f.name} ${f.range ?? ''} ${f.advisories.join('; ')}`);
  } else if (outcome.status === 'unreachable') {
    const line = '!'.repeat(100);
    console.error(`${line}\naudit: THE ADVISORY SOURCE COULD NOT BE REACHED; production dependencies were NOT audited.\n  ${outcome.reason}`);
    console.error(unreachable === 'warn'
      ? '  Accepted here (--unreachable=warn): audit a release from a machine that reaches the registry\'s audit endpoint.'
      : '  Failing (exit 3). Pass --unreachable=warn only where no advisory source can be reached (see decision 0016).');
    console.error(line);
  } else {
    const c = outcome.counts;
    console.log(`audit: no high or critical advisories for production dependencies (critical ${c.critical ?? 0}, high ${c.high ?? 0}, moderate ${c.moderate ?? 0}, low ${c.low ?? 0})`);
  }
  process.exit(exitCodeOf(outcome, unreachable));
}
