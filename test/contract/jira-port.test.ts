import { siteJiraPort } from '../../bench/events/site-jira.js';
import { forgeJiraClient } from '../../src/adapters/forge/jira-client.js';
import { createJiraSite } from '../../src/local/jira/site/index.js';
import { sourceLoader } from '../../src/local/host/loaders.js';
import { Clock } from '../../src/local/runtime/clock.js';
import { LOCAL_APP } from '../../src/local/runtime/invocation.js';
import { jsonResponse } from '../../src/local/runtime/wire.js';
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

// The port the bench and the scheduled-run pipeline tests use: the same REST calls straight onto the site's handler.
jiraPortContract('site port (bench/events/site-jira.ts) onto the simulated site', () => {
  const site = createJiraSite({ clock: new Clock({ start: START, frozen: true }), appAccountId: LOCAL_APP.appAccountId, adminAccountId: LOCAL_APP.adminAccountId });
  let failNext: { status: 429 | 500 | 503; retryAfterSeconds?: number } | undefined;
  const faulty = {
    ...site,
    handle: (...args: Parameters<typeof site.handle>) => {
      const fault = failNext;
      failNext = undefined;
      if (fault === undefined) return site.handle(...args);
      const headers = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return Promise.resolve(jsonResponse(fault.status, { errorMessages: [`injected ${String(fault.status)}`], errors: {} }, headers));
    },
  };
  return {
    port: siteJiraPort(faulty).jira,
    assignee: '557058:local-ben',
    appAccountId: LOCAL_APP.appAccountId,
    failNextCall(status, retryAfterSeconds) {
      failNext = { status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) };
    },
  };
});
