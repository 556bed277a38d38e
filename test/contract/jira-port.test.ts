import { forgeJiraClient } from '../../src/adapters/forge/jira-client.js';
import { createJiraSite } from '../../src/local/jira/site/index.js';
import { sourceLoader } from '../../src/local/host/loaders.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../src/local/runtime/invocation.js';
import type { JiraPort } from '../../src/ports/jira.js';
import { contractRuntime, root, START } from './runtime-fixture.js';
import { jiraPortContract } from './jira-port.contract.js';


// The Forge adapter, through the real @forge/api and the local runtime's globals, against the simulated site.
jiraPortContract('Forge adapter (requestJira) over the local runtime and simulated site', () => {
  const clock = new Clock({ start: START, frozen: true });
  const site = createJiraSite({ clock, appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId });
  const runtime = contractRuntime({ load: sourceLoader(new URL('src', root).pathname), clock, jira: site });
  const client = forgeJiraClient() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  let failNext: { status: 429 | 500 | 503; retryAfterSeconds?: number } | undefined;
  // Every method runs inside an invocation, as app code does on Forge; a requested failure applies to one call.
  const port = Object.fromEntries(
    Object.entries(client).map(([name, method]) => [name, async (...args: unknown[]) => {
      const fault = failNext;
      failNext = undefined;
      if (fault) runtime.traffic.setFaults('jira', { errorRate: 1, errorStatus: fault.status, ...(fault.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fault.retryAfterSeconds }) });
      try {
        return await runtime.runInInvocation(() => method(...args));
      } finally {
        if (fault) runtime.traffic.setFaults('jira', {});
      }
    }]),
  ) as unknown as JiraPort;
  return {
    port,
    assignee: '557058:local-ben',
    appAccountId: LOCAL_APP.appAccountId,
    failNextCall(status, retryAfterSeconds) {
      failNext = { status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    },
  };
});
