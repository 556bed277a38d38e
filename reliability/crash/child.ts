/**
 * Runs one writer child and kills it with SIGKILL at the planned moment: right after spawn, when it starts opening
 * the store, or once it has acknowledged a number of writes (0 = as soon as it is told to write) — either on that
 * acknowledgement or as soon as it announces the next write, so the kill lands inside SQLite's commit.
 */
import { spawn } from 'node:child_process';
import type { Ledger } from './ledger.js';
import type { Intent } from './workload.js';

export type KillPlan = { at: 'spawn' } | { at: 'open' } | { at: 'acks'; acks: number; inWrite: boolean };

export type ChildOutcome = {
  /** The last stage the child reported. */
  reached: 'spawned' | 'opening' | 'opened';
  acks: number;
  /** Whether a write was announced and not acknowledged when the child died. */
  inFlight: boolean;
  signal: NodeJS.Signals | null;
  code: number | null;
  /** An `open-failed` / `write-failed` line, a protocol error, or a stall. */
  failure: string | undefined;
  stderr: string;
};

export type ChildRun = {
  command: readonly string[];
  plan: KillPlan;
  ledger: Ledger;
  /** Called once the child has opened the store and waits: the parent verifies it then. False = stop the child. */
  onOpened: () => Promise<boolean>;
  /** A child that makes no progress for this long is killed and reported as stalled. */
  stallMs: number;
};

export function runChild(run: ChildRun): Promise<ChildOutcome> {
  const [program, ...args] = run.command;
  if (program === undefined) throw new Error('runChild: empty command');
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const outcome: ChildOutcome = { reached: 'spawned', acks: 0, inFlight: false, signal: null, code: null, failure: undefined, stderr: '' };
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    const stall = setTimeout(() => {
      outcome.failure ??= `stalled: no progress for ${String(run.stallMs)} ms`;
      kill();
    }, run.stallMs);
    const progressed = (): void => {
      stall.refresh();
    };
    let verifying: Promise<void> = Promise.resolve();
    const line = (text: string): void => {
      progressed();
      if (text === 'opening') {
        outcome.reached = 'opening';
        if (run.plan.at === 'open') kill();
      } else if (text === 'opened') {
        outcome.reached = 'opened';
        verifying = run.onOpened().then((proceed) => {
          progressed();
          if (!proceed || killed) {
            kill();
            return;
          }
          child.stdin.write('go\n');
          if (run.plan.at === 'acks' && run.plan.acks === 0 && !run.plan.inWrite) kill();
        });
        verifying.catch(reject);
      } else if (text.startsWith('w ')) {
        try {
          run.ledger.announce(JSON.parse(text.slice(2)) as Intent);
        } catch {
          outcome.failure ??= `unreadable intent: ${text.slice(0, 200)}`;
        }
        if (run.plan.at === 'acks' && run.plan.inWrite && outcome.acks >= run.plan.acks) kill();
      } else if (text.startsWith('a ')) {
        if (!run.ledger.acknowledge(text.slice(2))) outcome.failure ??= `acknowledged ${text.slice(2)}, which was not the write in flight`;
        outcome.acks += 1;
        if (run.plan.at === 'acks' && !run.plan.inWrite && outcome.acks >= run.plan.acks) kill();
      } else if (text !== '') {
        outcome.failure ??= text;
      }
    };
    if (run.plan.at === 'spawn') kill();
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const lines = (pending + chunk).split('\n');
      pending = lines.pop() ?? '';
      for (const text of lines) line(text);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      outcome.stderr += chunk;
    });
    // The child may be dead before it reads `go`; its stdin then fails with EPIPE, which is expected here.
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(stall);
      outcome.code = code;
      outcome.signal = signal;
      outcome.inFlight = run.ledger.childEnded();
      // Never start the next child while this one's verify still reads the file.
      verifying.then(() => {
        resolve(outcome);
      }, reject);
    });
  });
}
