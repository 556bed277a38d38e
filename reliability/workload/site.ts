/**
 * The simulated site the workload runs on: the demo configuration without its issues (RF, OPS, MKT and their
 * people), plus the SHOP, SUP and PLAT projects the example rules are scoped to, and the accounts the example rules
 * assign to, so every rule of the mix can act.
 */
import type { JiraSite } from '../../src/local/jira/site/index.js';

/** Who makes the workload's changes: people with a role in every project. */
export const ACTORS = ['557058:local-ben', '557058:local-site-admin'] as const;

/** Assignees the example rules name (flag-cve, own-highest-priority, auto-assign). */
const RULE_ASSIGNEES = ['5e4a1c9d7b2f3e0021d6a8c3', '712020:9a4c2e6b-1d3f-4b5a-8c7e-0f2a4b6c8d1e', '5b10ac8d82e05b22cc7d4ef5'];

export const ISSUE_TYPES: Record<string, readonly string[]> = {
  SHOP: ['Bug', 'Story', 'Task'],
  SUP: ['Task'],
  PLAT: ['Bug', 'Story'],
  OPS: ['Incident', 'Task'],
  RF: ['Story', 'Task', 'Bug'],
};

const IMPORTED = [
  { key: 'SHOP', id: '20001', statuses: ['To Do', 'In Progress', 'Done'] },
  { key: 'SUP', id: '20002', statuses: ['To Do', 'In Progress', 'Resolved'] },
  { key: 'PLAT', id: '20003', statuses: ['To Do', 'In Progress', 'Done'] },
] as const;

const CATEGORY: Record<string, string> = { 'To Do': 'new', 'In Progress': 'indeterminate', Done: 'done', Resolved: 'done' };

/**
 * Seed issues create the projects (their workflow grows a status per imported status, each reachable from every
 * other) and make the rules' assignees assignable there. They raise no events and no rule sees them.
 */
export function prepareSite(site: JiraSite): void {
  let n = 0;
  for (const project of IMPORTED) {
    for (const [t, type] of (ISSUE_TYPES[project.key] ?? []).entries()) {
      for (const status of t === 0 ? project.statuses : ['To Do']) {
        n += 1;
        site.importIssue({
          key: `${project.key}-${String(n)}`,
          fields: {
            project: { key: project.key, id: project.id, name: project.key },
            issuetype: { name: type },
            status: { name: status, statusCategory: { key: CATEGORY[status] ?? 'new' } },
            summary: `Seed ${type} of ${project.key}`,
            reporter: { accountId: ACTORS[0] },
          },
          accounts: RULE_ASSIGNEES.map((accountId) => ({ accountId })),
        });
      }
    }
  }
  site.importIssue({ key: 'OPS-9000', fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, status: { name: 'Open' }, summary: 'Seed', reporter: { accountId: ACTORS[0] } }, accounts: RULE_ASSIGNEES.map((accountId) => ({ accountId })) });
}
