/**
 * The verdict of a faulty run against the fault-free run of the same script. What should have happened is what the
 * fault-free run did: every (change, rule) it finished must be finished exactly once in the faulty run with the
 * same status, and the app's changes to each issue (and its stored results) must be the same in number.
 */
import type { EffectKind, Observation } from './observe.js';

export type Verdict = {
  expectedRuns: number;
  /** Runs the reference finished that the faulty run has no final record of. */
  lost: number;
  /** Runs with more than one final record. */
  duplicateRecords: number;
  /** Final records the reference run does not have. */
  unexpected: number;
  /** Runs finished with another status than in the reference for a reason other than retries given up. */
  statusDiffers: number;
  /** Runs that ended otherwise because an action's retries ran out (recorded as failed, with the reason). */
  gaveUp: number;
  /** The app's changes beyond the reference's, per kind (comments, labels, transitions, …, results). */
  duplicateEffects: Record<EffectKind | 'results', number>;
  /** The app's changes the reference made and the faulty run did not, beyond those of runs that gave up. */
  missingEffects: number;
  /** Missing changes on issues where a run gave up (explained by it, at most as many as its actions). */
  missingWhereGivenUp: number;
  examples: string[];
};

export function compare(reference: Observation, faulty: Observation): Verdict {
  const examples: string[] = [];
  const note = (text: string): void => {
    if (examples.length < 10) examples.push(text);
  };
  let lost = 0;
  let duplicateRecords = 0;
  let unexpected = 0;
  let statusDiffers = 0;
  let gaveUp = 0;
  for (const [run, statuses] of reference.finals) {
    const got = faulty.finals.get(run) ?? [];
    if (got.length === 0) {
      lost += 1;
      note(`lost: ${run} (${statuses.join(',')})`);
    } else if (got.length > 1) {
      duplicateRecords += got.length - 1;
      note(`duplicate records: ${run} ${got.join(',')}`);
    }
    if (got.length > 0 && got[0] !== statuses[0] && faulty.gaveUp.has(run)) gaveUp += 1;
    else if (got.length > 0 && got[0] !== statuses[0]) {
      statusDiffers += 1;
      note(`status: ${run} ${String(statuses[0])} → ${String(got[0])}`);
    }
  }
  for (const [run, statuses] of faulty.finals) {
    if (!reference.finals.has(run)) {
      unexpected += statuses.length;
      note(`unexpected: ${run} ${statuses.join(',')}`);
    }
  }
  const duplicateEffects: Verdict['duplicateEffects'] = { comments: 0, labels: 0, status: 0, assignee: 0, priority: 0, 'other fields': 0, results: 0 };
  let missingEffects = 0;
  let missingWhereGivenUp = 0;
  const givenUpIssues = new Set(faulty.gaveUp.values());
  const issues = new Set([...reference.effects.keys(), ...faulty.effects.keys()]);
  for (const issue of issues) {
    const want = reference.effects.get(issue);
    const got = faulty.effects.get(issue);
    for (const kind of Object.keys(duplicateEffects) as (EffectKind | 'results')[]) {
      if (kind === 'results') continue;
      const diff = (got?.[kind] ?? 0) - (want?.[kind] ?? 0);
      if (diff > 0) {
        duplicateEffects[kind] += diff;
        note(`${String(diff)} more ${kind} on ${issue}`);
      } else if (diff < 0 && givenUpIssues.has(issue)) {
        missingWhereGivenUp -= diff;
      } else if (diff < 0) {
        missingEffects -= diff;
        note(`${String(-diff)} fewer ${kind} on ${issue}`);
      }
    }
  }
  const runs = new Set([...reference.results.keys(), ...faulty.results.keys()]);
  for (const run of runs) {
    const diff = (faulty.results.get(run) ?? 0) - (reference.results.get(run) ?? 0);
    if (diff > 0) {
      duplicateEffects.results += diff;
      note(`${String(diff)} more results of ${run}`);
    } else if (diff < 0 && faulty.gaveUp.has(run)) {
      missingWhereGivenUp -= diff;
    } else if (diff < 0) {
      missingEffects -= diff;
      note(`${String(-diff)} fewer results of ${run}`);
    }
  }
  return { expectedRuns: reference.finals.size, lost, duplicateRecords, unexpected, statusDiffers, gaveUp, duplicateEffects, missingEffects, missingWhereGivenUp, examples };
}
