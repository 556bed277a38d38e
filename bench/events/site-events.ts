// The bench's events, made by the simulated Jira site itself: a user creates RF tasks at priority Low, then raises
// each to Highest; the site's avi:jira:updated:issue events (one issue and one changelog id each) are kept.
import type { JiraSite } from '../../src/local/jira/site/index.js';
import type { Caller } from '../../src/local/runtime/wire.js';
import { BENCH_EVENT, BENCH_PROJECT } from './rule-mix.js';

const CALLER: Caller = { appId: 'bench', environmentId: 'bench', appVersion: '1.0.0', installationId: 'bench', functionKey: 'bench', invocationId: 'bench' };

export async function priorityRaises(site: JiraSite, userAccountId: string, count: number): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  const stop = site.onEvent((event) => {
    if (event.eventType === BENCH_EVENT) events.push(event);
  });
  const headers = { 'content-type': 'application/json', 'x-forge-provider': 'user', 'x-forge-account-id': userAccountId };
  const send = async (method: string, path: string, body: unknown): Promise<string> => {
    const response = await site.handle({ method, path, headers, body: JSON.stringify(body) }, CALLER);
    if (response.status >= 300) throw new Error(`${method} ${path}: ${String(response.status)} ${response.body ?? ''}`);
    return response.body ?? '';
  };
  try {
    for (let n = 0; n < count; n++) {
      const fields = { project: { key: BENCH_PROJECT }, issuetype: { name: 'Task' }, summary: `Checkout times out under load (${String(n)})`, priority: { name: 'Low' } };
      const { key } = JSON.parse(await send('POST', '/rest/api/3/issue', { fields })) as { key: string };
      await send('PUT', `/rest/api/3/issue/${key}`, { fields: { priority: { name: 'Highest' } } });
    }
  } finally {
    stop();
  }
  if (events.length !== count) throw new Error(`expected ${String(count)} priority changes, the site raised ${String(events.length)} events`);
  return events;
}
