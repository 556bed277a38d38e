/**
 * What a command needs from its surroundings, so tests can run commands in-process and read what they printed.
 * Files are read through node:fs directly: tests use real temporary directories, which also exercises the walk.
 */
export type CliIo = {
  /** Writes one line (a newline is added) to standard output. */
  stdout(line: string): void;
  /** Writes one line (a newline is added) to standard error. */
  stderr(line: string): void;
  /** The current time; next-runs starts from it when --from is absent. */
  now(): Date;
};

export function processIo(): CliIo {
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    now: () => new Date(),
  };
}

/** Collects output in memory; for tests and for callers that want to post-process it. */
export function memoryIo(now = new Date()): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (line) => out.push(line), stderr: (line) => err.push(line), now: () => now };
}
