// The realistic workload of `npm run bench`: Jira issues in the REST v3 shape, generated from a seed so every run (and
// every machine) measures the same inputs. Distributions are chosen so that each rule in rules/ both matches and does
// not match a meaningful share of them (test/bench-corpus.test.ts holds that).

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  int(below: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
};

/** mulberry32: tiny, fast and good enough to vary test data; never Math.random, so runs are reproducible. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number): number => Math.floor(next() * below);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      const item = items[int(items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}

export type JiraUser = { accountId: string; displayName: string; active: boolean; accountType: string };
export type Issue = { id: string; key: string; fields: Record<string, unknown> };

/** The evaluation time of every generated input: 2026-11-23T09:00:00Z. */
export const NOW = Date.UTC(2026, 10, 23, 9, 0, 0);
export const DEFAULT_SEED = 20261123;
export const DEFAULT_ISSUE_COUNT = 1000;

const user = (accountId: string, displayName: string, accountType = 'atlassian'): JiraUser =>
  ({ accountId, displayName, active: true, accountType });

/** Agents, including the component owners and the departed user the example rules name. */
export const AGENTS: readonly JiraUser[] = [
  user('5b10ac8d82e05b22cc7d4ef5', 'Priya Raman'),
  user('5c2f9e7a1b3d4c0012a8e6f1', 'Marco Rossi'),
  user('5d8e3b6c2a1f4e0019c7b2d4', 'Dev Patel'),
  user('5e4a1c9d7b2f3e0021d6a8c3', 'Hana Sato'),
  user('5f1b7d3e9c4a2b0033e8f5a7', 'Sam Okafor'),
  user('60a3c5e7f9b1d2004a6c8e0b', 'Lena Fischer'),
  user('712020:8b2d4f6a-0c1e-4a3b-9d5f-7e6a8c0b2d4f', 'Erik Lund'),
  user('712020:1e3c5a7b-9d2f-4c6e-8a0b-2d4f6a8c0e1b', 'Noor Haddad'),
];
/** Service-desk customers: Jira gives them "qm:" account ids. */
export const CUSTOMERS: readonly JiraUser[] = [
  user('qm:7c1d2e3f-4a5b-4c7d-8e9f-0a1b2c3d4e5f:1a2b3c4d-5e6f-4a7b-9c0d-1e2f3a4b5c6d', 'Jordan Blake', 'customer'),
  user('qm:7c1d2e3f-4a5b-4c7d-8e9f-0a1b2c3d4e5f:9f8e7d6c-5b4a-4321-8fed-cba987654321', 'Ana Lima', 'customer'),
];
const REPORTERS = [...AGENTS, user('712020:3f8e2b1c-6d4a-4e9f-b7c5-1a2d3e4f5a6b', 'Alice Nakamura')];

const PROJECTS = [
  { id: '10010', key: 'SHOP', name: 'Webshop', types: ['Bug', 'Story', 'Task'] },
  { id: '10020', key: 'OPS', name: 'Operations', types: ['Incident', 'Task', 'Bug'] },
  { id: '10030', key: 'PLAT', name: 'Platform', types: ['Story', 'Task', 'Bug'] },
  { id: '10040', key: 'SUP', name: 'Support', types: ['Incident', 'Service Request'] },
] as const;
const ISSUE_TYPE_IDS: Record<string, string> = { Bug: '10004', Story: '10001', Task: '10002', Incident: '10005', 'Service Request': '10006' };

const CATEGORIES = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;
export type Status = { id: string; name: string; category: keyof typeof CATEGORIES };
export const STATUSES: readonly Status[] = [
  { id: '1', name: 'To Do', category: 'new' },
  { id: '10001', name: 'Open', category: 'new' },
  { id: '3', name: 'In Progress', category: 'indeterminate' },
  { id: '10003', name: 'In Review', category: 'indeterminate' },
  { id: '10004', name: 'Waiting for customer', category: 'indeterminate' },
  { id: '10002', name: 'Done', category: 'done' },
  { id: '5', name: 'Resolved', category: 'done' },
  { id: '6', name: 'Closed', category: 'done' },
];
export const RESOLUTIONS = [{ id: '10000', name: 'Done' }, { id: '10001', name: 'Fixed' }, { id: '10002', name: "Won't Do" }] as const;
/** Weighted by repetition; null is an issue created without a priority. */
const PRIORITIES = ['Highest', 'Highest', 'High', 'High', 'High', 'Medium', 'Medium', 'Medium', 'Medium', 'Low', 'Lowest', null, null];
const PRIORITY_IDS: Record<string, string> = { Highest: '1', High: '2', Medium: '3', Low: '4', Lowest: '5' };
const LABELS = ['needs-info', 'customer', 'regression', 'sla-breached', 'frontend', 'backend', 'security', 'tech-debt'];
const COMPONENTS = ['Payments', 'Mobile App', 'Storefront', 'Search', 'Checkout', 'API', 'Infrastructure'];
const VERSIONS = [{ id: '10100', name: '2026.11', released: true }, { id: '10101', name: '2026.12', released: false }];
const SUMMARIES = [
  'Checkout button does nothing on Safari', 'Refund fails for partially shipped orders', 'Search ignores umlauts',
  'Invoices page times out', 'Migrate session store to Redis 7', 'Need a copy of the October invoice',
  'Terraform module for the new VPC', 'Payment provider webhooks failing', 'Filters reset after paging',
  'Support Apple Pay', 'Renew TLS certificate for status page', 'Document the CVE triage process',
];
const CVE_SUMMARIES = ['Upgrade OpenSSL to fix CVE-2026-31337', 'cve-2025-1234 in bundled log4j on the batch hosts', 'Patch CVE-2026-40001'];

const DAY = 86_400_000;

/** A Jira REST timestamp: "2026-11-20T10:00:00.000+0000". */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

function distinct(rng: Rng, pool: readonly string[], max: number): string[] {
  const picked = new Set<string>();
  for (let n = rng.int(max + 1); n > 0; n--) picked.add(rng.pick(pool));
  return [...picked];
}

function generateIssue(rng: Rng, index: number): Issue {
  const project = rng.pick(PROJECTS);
  const issueType = rng.pick(project.types);
  const status = rng.pick(STATUSES);
  const priority = rng.pick(PRIORITIES);
  const createdMs = NOW - Math.floor(rng.next() * 60 * DAY);
  const updatedMs = createdMs + Math.floor(rng.next() * (NOW - createdMs));
  const number = 100 + index;
  const fields: Record<string, unknown> = {
    summary: rng.chance(0.1) ? rng.pick(CVE_SUMMARIES) : rng.pick(SUMMARIES),
    issuetype: { id: ISSUE_TYPE_IDS[issueType] ?? '10002', name: issueType, subtask: false },
    project: { id: project.id, key: project.key, name: project.name },
    status: { id: status.id, name: status.name, statusCategory: CATEGORIES[status.category] },
    priority: priority === null ? null : { id: PRIORITY_IDS[priority] ?? '3', name: priority },
    labels: distinct(rng, LABELS, 3),
    components: distinct(rng, COMPONENTS, 2).map((name, i) => ({ id: String(10200 + i), name })),
    fixVersions: rng.chance(0.5) ? [rng.pick(VERSIONS)] : [],
    resolution: status.category === 'done' ? rng.pick(RESOLUTIONS) : null,
    assignee: rng.chance(0.35) ? null : rng.pick(AGENTS),
    reporter: project.key === 'SUP' && rng.chance(0.6) ? rng.pick(CUSTOMERS) : rng.pick(REPORTERS),
    created: jiraTime(createdMs),
    updated: jiraTime(updatedMs),
  };
  return { id: String(30000 + index), key: `${project.key}-${number}`, fields };
}

/** `count` issues from `seed`: the same seed always gives the same issues. */
export function generateIssues(seed = DEFAULT_SEED, count = DEFAULT_ISSUE_COUNT): Issue[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => generateIssue(rng, i));
}
