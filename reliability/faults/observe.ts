/**
 * What one run of the workload left behind, keyed so two runs of the same script can be compared: each execution
 * record by the script step that caused its event and the rule, and each change the app made to the site by issue
 * and kind (counted from the events the site raised for the app's own changes, so only real changes count).
 */
import { eventIdentity } from '../../src/app/run/event-identity.js';
import type { JiraEvent } from '../../src/core/event/jira-event-payload.js';
import { LOCAL_APP } from '../../src/local/runtime/invocation.js';
import type { StoredRow } from '../../src/local/storage/index.js';
import type { SiteEvent } from '../workload/app.js';

export type RunKey = string;
export type EffectKind = 'comments' | 'labels' | 'status' | 'assignee' | 'priority' | 'other fields';

export type Observation = {
  /** Per `<step>:<event type>|<rule>`: the statuses of its final records (anything but SKIPPED_DUPLICATE). */
  finals: Map<RunKey, string[]>;
  /** Runs with an action given up after the last attempt (decision 0012's bound), and their issue. */
  gaveUp: Map<RunKey, string>;
  /** SKIPPED_DUPLICATE records: deliveries recognised as repeats of a finished run. */
  skippedDuplicates: number;
  /** `record` results stored per run. */
  results: Map<RunKey, number>;
  /** The app's changes per issue and kind. */
  effects: Map<string, Record<EffectKind, number>>;
  /** Execution records whose event no script step raised (should never happen). */
  unmapped: number;
  maxAttempts: number;
  peopleEvents: number;
};

const isApp = (event: SiteEvent): boolean => event.atlassianId === LOCAL_APP.appAccountId;

export class Observer {
  readonly #stepOf = new Map<string, string>();
  readonly #effects = new Map<string, Record<EffectKind, number>>();
  #step = '';
  peopleEvents = 0;

  /** The script step whose REST call comes next: the events it raises are filed under it. */
  at(step: string): void {
    this.#step = step;
  }

  readonly onSiteEvent = (event: SiteEvent): void => {
    if (!isApp(event)) {
      this.peopleEvents += 1;
      this.#stepOf.set(eventIdentity(event as unknown as JiraEvent), `${this.#step}:${String(event.eventType)}`);
      return;
    }
    const key = String((event.issue as { key?: unknown } | undefined)?.key);
    const counts = this.#effects.get(key) ?? { comments: 0, labels: 0, status: 0, assignee: 0, priority: 0, 'other fields': 0 };
    this.#effects.set(key, counts);
    if (event.eventType === 'avi:jira:commented:issue') counts.comments += 1;
    if (event.eventType !== 'avi:jira:updated:issue') return;
    const items = (event.changelog as { items?: { fieldId?: string; field?: string }[] } | undefined)?.items ?? [];
    for (const item of items) {
      const field = item.fieldId ?? item.field ?? '';
      const kind: EffectKind = field === 'labels' || field === 'status' || field === 'assignee' || field === 'priority' ? field : 'other fields';
      counts[kind] += 1;
    }
  };

  /** Reads the records straight from the store (past the app's APIs and any injected fault). */
  observe(items: readonly StoredRow[]): Observation {
    const finals = new Map<RunKey, string[]>();
    const runOfExecution = new Map<string, RunKey>();
    const gaveUp = new Map<RunKey, string>();
    let skippedDuplicates = 0;
    let unmapped = 0;
    let maxAttempts = 0;
    for (const item of items) {
      if (item.entity !== 'execution') continue;
      const record = item.value as {
        executionId: string; ruleId: string; issueKey: string; status: string; attempts: number; trigger: { eventId?: string }; actions: { error?: { message?: string } }[];
      };
      if (record.ruleId === '-') continue;
      const step = this.#stepOf.get(record.trigger.eventId ?? '');
      if (step === undefined) {
        unmapped += 1;
        continue;
      }
      const run = `${step}|${record.ruleId}`;
      if (record.status === 'SKIPPED_DUPLICATE') {
        skippedDuplicates += 1;
        continue;
      }
      maxAttempts = Math.max(maxAttempts, record.attempts);
      if (record.actions.some((a) => a.error?.message?.includes('gave up after') === true)) gaveUp.set(run, record.issueKey);
      runOfExecution.set(record.executionId, run);
      finals.set(run, [...(finals.get(run) ?? []), record.status]);
    }
    const results = new Map<RunKey, number>();
    for (const item of items) {
      if (item.entity !== 'rule-result') continue;
      const run = runOfExecution.get(String((item.value as { executionId?: unknown }).executionId)) ?? `unknown:${item.key}`;
      results.set(run, (results.get(run) ?? 0) + 1);
    }
    return { finals, gaveUp, skippedDuplicates, results, effects: this.#effects, unmapped, maxAttempts, peopleEvents: this.peopleEvents };
  }
}
