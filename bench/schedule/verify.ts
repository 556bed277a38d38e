/**
 * What the run did to the issues, read back through the site's REST API as a person would: every issue (or a random
 * sample) has the rule's label and exactly one comment, written by the app.
 */
import type { JiraSite } from '../../src/local/jira/site/index.js';
import { LOCAL_APP } from '../../src/local/runtime/invocation.js';
import { GENERATED } from './scale-rule.js';

export type Verified = { checked: number; of: number; sampled: boolean };

type Comments = { comments: { author?: { accountId?: string } }[] };
type Labels = { fields: { labels: string[] } };

export async function verifyIssues(site: JiraSite, issues: number, sample: number, label: string): Promise<Verified> {
  const numbers = sample >= issues ? Array.from({ length: issues }, (_, i) => i + 1) : sampleOf(issues, sample);
  const get = async <T>(path: string): Promise<T> => {
    const response = await site.handle(
      { method: 'GET', path: `/rest/api/3${path}`, headers: { 'x-forge-provider': 'user', 'x-forge-account-id': LOCAL_APP.adminAccountId }, body: undefined },
      { appId: LOCAL_APP.appId, environmentId: LOCAL_APP.environmentId, appVersion: LOCAL_APP.appVersion, installationId: LOCAL_APP.installationId, functionKey: 'bench', invocationId: 'bench' },
    );
    if (response.status !== 200 || response.body === undefined) throw new Error(`GET ${path}: HTTP ${String(response.status)}`);
    return JSON.parse(response.body) as T;
  };
  for (const n of numbers) {
    const key = `${GENERATED.project}-${String(n)}`;
    const { comments } = await get<Comments>(`/issue/${key}/comment`);
    if (comments.length !== 1 || comments[0]?.author?.accountId !== LOCAL_APP.appAccountId) {
      throw new Error(`${key} has ${String(comments.length)} comments (by ${comments.map((c) => c.author?.accountId ?? '?').join(', ')}); expected exactly one by the app`);
    }
    const { fields } = await get<Labels>(`/issue/${key}?fields=labels`);
    if (!fields.labels.includes(label)) throw new Error(`${key} lacks the label ${label}: ${fields.labels.join(', ')}`);
  }
  return { checked: numbers.length, of: issues, sampled: numbers.length < issues };
}

/** `size` distinct issue numbers in 1..issues, from a fixed seed (the same sample every run). */
function sampleOf(issues: number, size: number): number[] {
  let state = 0x9e3779b9;
  const next = (): number => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 4294967296;
  };
  const chosen = new Set<number>();
  while (chosen.size < size) chosen.add(1 + Math.floor(next() * issues));
  return [...chosen].sort((a, b) => a - b);
}
