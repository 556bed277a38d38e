/**
 * Scenario "Crash safety" (issue 10): one SQLite store file, a series of writer children each killed with SIGKILL at a
 * seeded moment (during open, before its first acknowledgement, or mid-stream), the next child opening the same file
 * after the crash. Before each child writes, the parent verifies the file holds every write any earlier child
 * acknowledged and passes PRAGMA integrity_check; a last open at the end checks everything once more.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { Random } from '../../src/local/jira/site/random.js';
import { entitiesFromManifest, type EntityDefinition } from '../../src/local/storage/index.js';
import { row, type ReportRow } from '../report-row.js';
import { bundleWriter } from './bundle.js';
import { type ChildOutcome, type KillPlan, runChild } from './child.js';
import { type Expected, Ledger } from './ledger.js';
import { type LostKey, verifyStore } from './verify.js';
import type { WriterConfig } from './writer.js';

export type CrashOptions = {
  restarts: number;
  seed: number;
  /** Where the store, the bundled writer and its config go; a fresh temporary directory (removed after) by default. */
  dir?: string;
  /** Called after each child ended, before the next opens the file: how the self-check doctors the store. */
  tamper?: (store: { path: string; child: number; acknowledged: readonly Expected[] }) => void;
};

export type CrashFigures = {
  /** Children killed with SIGKILL (measured from their exit, not from the plan). */
  restarts: number;
  killedDuringOpen: number;
  killedBeforeFirstAck: number;
  killedMidStream: number;
  /** Kills that landed while a write was between announced and acknowledged (in SQLite or its fsync, mostly). */
  killedWithWriteInFlight: number;
  acknowledgedWrites: number;
  acknowledgedOperations: number;
  lostWrites: number;
  failedOpens: number;
  integrityFailures: number;
  /** Unacknowledged writes found partly committed (a transaction must commit wholly or not at all). */
  tornWrites: number;
  inDoubtCommitted: number;
  inDoubtAbsent: number;
  verifies: number;
  /** Children that failed otherwise: a refused write, a stall after open, a protocol error, output on stderr. */
  otherFailures: number;
  /** What went wrong, in words (failed opens included). */
  problems: string[];
  /** The first lost keys, for diagnosis. */
  lostExamples: LostKey[];
  wallMs: number;
};

const MAX_ACKS = 60;
const STALL_MS = 60_000;

function killPlan(random: Random): KillPlan {
  const r = random.next();
  if (r < 0.08) return { at: 'spawn' };
  if (r < 0.16) return { at: 'open' };
  const inWrite = random.chance(0.5);
  if (r < 0.24) return { at: 'acks', acks: 0, inWrite };
  return { at: 'acks', acks: random.int(1, MAX_ACKS), inWrite };
}

function manifestEntities(): EntityDefinition[] {
  return entitiesFromManifest(parseYaml(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')));
}

/** Adds one child's end to the figures: how it was killed, or what went wrong. */
function account(figures: CrashFigures, child: number, outcome: ChildOutcome): void {
  if (outcome.signal === 'SIGKILL') {
    figures.restarts += 1;
    if (outcome.reached !== 'opened') figures.killedDuringOpen += 1;
    else if (outcome.acks === 0) figures.killedBeforeFirstAck += 1;
    else figures.killedMidStream += 1;
    if (outcome.inFlight) figures.killedWithWriteInFlight += 1;
  }
  // A child that ends by itself, or stalls, before its first acknowledgement counts as a failed open (unless it says
  // that a write was refused): conservative, so a crash in the open path cannot hide among other failures.
  const refused = outcome.failure?.startsWith('write-failed') === true;
  const diedEarly = outcome.acks === 0 && !refused && (outcome.signal === null || outcome.failure?.startsWith('stalled') === true);
  if (outcome.failure?.startsWith('open-failed') === true || diedEarly) figures.failedOpens += 1;
  else if (outcome.failure !== undefined || outcome.signal === null || outcome.stderr !== '') figures.otherFailures += 1;
  if (outcome.failure !== undefined) figures.problems.push(`child ${String(child)}: ${outcome.failure}`);
  if (outcome.signal === null) figures.problems.push(`child ${String(child)}: exited by itself with code ${String(outcome.code)}`);
  if (outcome.stderr !== '') figures.problems.push(`child ${String(child)} stderr: ${outcome.stderr.slice(0, 500)}`);
}

export async function runCrash(options: CrashOptions): Promise<CrashFigures> {
  const started = performance.now();
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'ruleforge-crash-'));
  const path = join(dir, 'store', 'storage.sqlite');
  const entities = manifestEntities();
  const config: WriterConfig = { path, seed: options.seed, entities };
  writeFileSync(join(dir, 'writer-config.json'), JSON.stringify(config));
  const command = [process.execPath, await bundleWriter(dir), join(dir, 'writer-config.json')];

  const ledger = new Ledger();
  const random = new Random(options.seed);
  const figures: CrashFigures = {
    restarts: 0, killedDuringOpen: 0, killedBeforeFirstAck: 0, killedMidStream: 0, killedWithWriteInFlight: 0, acknowledgedWrites: 0, acknowledgedOperations: 0,
    lostWrites: 0, failedOpens: 0, integrityFailures: 0, tornWrites: 0, inDoubtCommitted: 0, inDoubtAbsent: 0, verifies: 0,
    otherFailures: 0, problems: [], lostExamples: [], wallMs: 0,
  };
  /** Verifies the file against the ledger; false when it could not be opened. */
  const verify = async (when: string): Promise<boolean> => {
    try {
      const verdict = await verifyStore(path, entities, ledger);
      figures.verifies += 1;
      for (const lost of verdict.lost) if (ledger.markLost(lost.writeId) && figures.lostExamples.length < 10) figures.lostExamples.push(lost);
      if (verdict.integrity !== 'ok') figures.integrityFailures += 1;
      ledger.settle(verdict.inDoubt, verdict.observed);
      return true;
    } catch (error) {
      figures.failedOpens += 1;
      figures.problems.push(`${when}: the parent could not open or read the store: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  };

  try {
    for (let child = 0; child < options.restarts; child++) {
      const outcome = await runChild({
        command: [...command, String(child)],
        plan: killPlan(random),
        ledger,
        onOpened: () => verify(`child ${String(child)}`),
        stallMs: STALL_MS,
      });
      account(figures, child, outcome);
      const acknowledged = ledger.expected().filter((entry) => entry.value !== null && ledger.inDoubt?.effects.some((e) => e.ns === entry.ns && e.key === entry.key) !== true);
      options.tamper?.({ path, child, acknowledged });
    }
    await verify('final open');
  } finally {
    if (options.dir === undefined) rmSync(dir, { recursive: true, force: true });
  }
  Object.assign(figures, {
    acknowledgedWrites: ledger.acknowledgedWrites,
    acknowledgedOperations: ledger.acknowledgedOperations,
    lostWrites: ledger.lostWrites,
    tornWrites: ledger.torn,
    inDoubtCommitted: ledger.inDoubtApplied,
    inDoubtAbsent: ledger.inDoubtAbsent,
    wallMs: performance.now() - started,
  });
  return figures;
}

const SCENARIO = 'Crash safety';
const zero = (figure: string, value: number): ReportRow => row(SCENARIO, figure, value, '0', value === 0);

export function crashRows(figures: CrashFigures): ReportRow[] {
  return [
    row(SCENARIO, 'kill -9 restarts (during open / before first ack / mid-stream)', `${String(figures.restarts)} (${String(figures.killedDuringOpen)} / ${String(figures.killedBeforeFirstAck)} / ${String(figures.killedMidStream)})`),
    row(SCENARIO, 'kills inside a write (it committed / it did not)', `${String(figures.killedWithWriteInFlight)} (${String(figures.inDoubtCommitted)} / ${String(figures.inDoubtAbsent)})`),
    row(SCENARIO, 'acknowledged writes (operations)', `${figures.acknowledgedWrites.toLocaleString('en-US')} (${figures.acknowledgedOperations.toLocaleString('en-US')})`),
    zero('lost acknowledged writes', figures.lostWrites),
    zero('failed opens', figures.failedOpens),
    zero('integrity check failures', figures.integrityFailures),
    zero('unacknowledged writes found partly committed', figures.tornWrites),
    zero('other child failures (refused writes, stalls)', figures.otherFailures),
    row(SCENARIO, 'wall time (s)', figures.wallMs / 1000),
  ];
}
