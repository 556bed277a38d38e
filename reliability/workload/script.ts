/**
 * What people do on the site during a scenario, in waves: each wave changes each of its issues once (a new issue,
 * a comment, a priority, a transition, an assignment, labels, a summary), so every change of a wave is independent
 * of the others and the scenario can wait for a wave's runs, retries and redeliveries before the next. The steps
 * are drawn from a seeded generator: the same seed gives the same script, run after run.
 */
import { seeded } from '../../src/local/runtime/traffic.js';
import { ACTORS, ISSUE_TYPES } from './site.js';
import { TEAMS } from './rules.js';

export type Step =
  | { kind: 'create'; ref: number; project: string; type: string; summary: string; priority: string | null; labels: string[]; as: string }
  /** `by`: the issue's reporter, or someone else. */
  | { kind: 'comment'; ref: number; body: string; by: 'reporter' | 'other'; as: string }
  | { kind: 'priority'; ref: number; to: string; as: string }
  | { kind: 'transition'; ref: number; to: string; as: string }
  /** `to`: the one assigning (`self`), nobody, or the site admin. */
  | { kind: 'assign'; ref: number; to: 'self' | 'nobody' | 'admin'; as: string }
  | { kind: 'labels'; ref: number; add: string; as: string }
  | { kind: 'summary'; ref: number; summary: string; as: string };

export const random = seeded;


const PROJECTS = [['SHOP', 30], ['SUP', 25], ['OPS', 20], ['PLAT', 15], ['RF', 10]] as const;
const STATUS_TARGETS: Record<string, readonly string[]> = {
  SHOP: ['In Progress', 'Done', 'To Do'], SUP: ['In Progress', 'Resolved', 'To Do'], PLAT: ['In Progress', 'Done', 'To Do'],
  OPS: ['Investigating', 'Resolved', 'Open', 'Closed'], RF: ['In Progress', 'In Review', 'Done', 'To Do'],
};
const PRIORITIES = ['Highest', 'High', 'Medium', 'Low'];

export class Script {
  readonly #next: () => number;
  readonly #projects: string[] = [];
  constructor(seed: number) {
    this.#next = random(seed);
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#next() * items.length)] as T;
  }

  #chance(p: number): boolean {
    return this.#next() < p;
  }

  /** A wave of `size` steps: new issues and changes to existing ones, each issue at most once. */
  wave(size: number): Step[] {
    const steps: Step[] = [];
    const touched = new Set<number>();
    const existing = this.#projects.length;
    for (let s = 0; s < size; s++) {
      // Early on most steps create; later most change what exists.
      const create = existing === 0 || this.#chance(existing < 200 ? 0.5 : 0.15);
      if (create) {
        steps.push(this.#create());
        continue;
      }
      let ref = Math.floor(this.#next() * existing);
      for (let tries = 0; touched.has(ref) && tries < 20; tries++) ref = Math.floor(this.#next() * existing);
      if (touched.has(ref)) {
        steps.push(this.#create());
        continue;
      }
      touched.add(ref);
      steps.push(this.#change(ref));
    }
    return steps;
  }

  #create(): Step {
    const ref = this.#projects.length;
    const roll = this.#next() * 100;
    let acc = 0;
    const project = PROJECTS.find(([, weight]) => (acc += weight) > roll)?.[0] ?? 'SHOP';
    this.#projects.push(project);
    const priority = this.#chance(0.2) ? null : this.#pick(PRIORITIES);
    // A CVE summary only on an issue with a priority: flag-cve sets the priority triage-missing-priority reads.
    const summary = priority !== null && this.#chance(0.1) ? `Dependency CVE-2026-${String(1000 + ref)} in the checkout service`
      : this.#chance(0.15) ? `[request] Access to the ${this.#pick(TEAMS)} dashboard`
      : `Checkout step ${String(ref)} fails for some carts`;
    const labels = [...(this.#chance(0.4) ? [`team-${this.#pick(TEAMS)}`] : []), ...(this.#chance(0.2) ? ['needs-info'] : [])];
    return { kind: 'create', ref, project, type: this.#pick(ISSUE_TYPES[project] ?? ['Task']), summary, priority, labels, as: this.#pick(ACTORS) };
  }

  #change(ref: number): Step {
    const project = this.#projects[ref] ?? 'SHOP';
    const as = this.#pick(ACTORS);
    const roll = this.#next();
    if (roll < 0.22) {
      const body = this.#pick(['This is urgent for our biggest customer.', 'Question about the invoice for March.', 'Any news on this one?', 'Attached the logs.']);
      return { kind: 'comment', ref, body, by: this.#chance(0.6) ? 'reporter' : 'other', as };
    }
    if (roll < 0.4) return { kind: 'priority', ref, to: this.#pick(PRIORITIES), as };
    if (roll < 0.6) return { kind: 'transition', ref, to: this.#pick(STATUS_TARGETS[project] ?? ['Done']), as };
    if (roll < 0.75) return { kind: 'assign', ref, to: this.#chance(0.5) ? 'self' : this.#chance(0.5) ? 'nobody' : 'admin', as };
    if (roll < 0.9) return { kind: 'labels', ref, add: `team-${this.#pick(TEAMS)}`, as };
    return { kind: 'summary', ref, summary: this.#chance(0.5) ? `Partial outage of checkout (${String(ref)})` : `Checkout step ${String(ref)} is slow`, as };
  }
}
