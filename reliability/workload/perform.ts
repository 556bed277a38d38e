/**
 * Carries out a script step as a person's REST call to the simulated site, which raises the product events a real
 * site would. A change the site refuses (a transition the workflow lacks from the status) raises nothing
 * and is counted, not fatal: the same refusal happens in every run of the same script.
 */
import type { JiraSite } from '../../src/local/jira/site/index.js';
import type { Step } from './script.js';

const CALLER = { appId: 'people', environmentId: 'people', appVersion: '1', installationId: 'people', functionKey: 'people', invocationId: 'people' };

const ADMIN = '557058:local-site-admin';

export type People = {
  /** The issue key of each created issue, by script ref. */
  keys: string[];
  reporters: string[];
  refused: number;
};

export const newPeople = (): People => ({ keys: [], reporters: [], refused: 0 });

async function call(site: JiraSite, as: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await site.handle(
    { method, path: `/rest/api/3${path}`, headers: { 'content-type': 'application/json', 'x-forge-provider': 'user', 'x-forge-account-id': as }, body: body === undefined ? undefined : JSON.stringify(body) },
    CALLER,
  );
  return { status: response.status, body: response.body === undefined || response.body === '' ? null : (JSON.parse(response.body) as unknown) };
}

export async function performStep(site: JiraSite, people: People, step: Step): Promise<void> {
  if (step.kind === 'create') {
    const fields = {
      project: { key: step.project }, issuetype: { name: step.type }, summary: step.summary, labels: step.labels,
      ...(step.priority === null ? {} : { priority: { name: step.priority } }),
    };
    const created = await call(site, step.as, 'POST', '/issue', { fields });
    if (created.status !== 201) throw new Error(`creating ${JSON.stringify(fields)}: ${String(created.status)} ${JSON.stringify(created.body)}`);
    people.keys[step.ref] = (created.body as { key: string }).key;
    people.reporters[step.ref] = step.as;
    return;
  }
  const key = people.keys[step.ref];
  if (key === undefined) throw new Error(`step on issue ${String(step.ref)}, which the script has not created`);
  const as = step.kind === 'comment' && step.by === 'reporter' ? (people.reporters[step.ref] ?? step.as) : step.as;
  let status: number;
  switch (step.kind) {
    case 'comment': {
      const body = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: step.body }] }] };
      status = (await call(site, as, 'POST', `/issue/${key}/comment`, { body })).status;
      break;
    }
    case 'priority':
      status = (await call(site, as, 'PUT', `/issue/${key}`, { fields: { priority: { name: step.to } } })).status;
      break;
    case 'labels':
      status = (await call(site, as, 'PUT', `/issue/${key}`, { update: { labels: [{ add: step.add }] } })).status;
      break;
    case 'summary':
      status = (await call(site, as, 'PUT', `/issue/${key}`, { fields: { summary: step.summary } })).status;
      break;
    case 'assign':
      status = (await call(site, as, 'PUT', `/issue/${key}/assignee`, { accountId: step.to === 'self' ? as : step.to === 'admin' ? ADMIN : null })).status;
      break;
    case 'transition': {
      const listed = await call(site, as, 'GET', `/issue/${key}/transitions`);
      const transitions = (listed.body as { transitions?: { id: string; to: { name: string } }[] } | null)?.transitions ?? [];
      const transition = transitions.find((t) => t.to.name === step.to);
      status = transition === undefined ? 409 : (await call(site, as, 'POST', `/issue/${key}/transitions`, { transition: { id: transition.id } })).status;
      break;
    }
  }
  if (status >= 300) people.refused += 1;
}
