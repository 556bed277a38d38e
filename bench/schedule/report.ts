// The scale bench's results: one table on the terminal and docs/benchmarks-schedule.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Section } from './figures.js';

export type Setting = { at: Date; benchMs: number; code: string; notes: readonly string[]; howToRead: readonly string[] };

export function machine(): string {
  const cpu = cpus();
  return `node ${process.version}, ${cpu[0]?.model ?? 'unknown CPU'} (${String(cpu.length)} cores), ${String(Math.round(totalmem() / 2 ** 30))} GB, ${process.platform}`;
}

const git = (...args: string[]): string | undefined => {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
};

/** The commit the measured code came from, and whether the app's sources differed from it. */
export function commit(): string {
  const head = git('rev-parse', '--short', 'HEAD') ?? 'unknown';
  const dirty = git('status', '--porcelain', '--', 'src', 'manifest.yml');
  return dirty === undefined || dirty === '' ? head : `${head} with uncommitted changes in src/`;
}

/** Says which code ran: the sources are loaded when the bench starts, so a commit made during the run is not in it. */
export function codeOf(atStart: string): string {
  const atEnd = commit();
  return atEnd === atStart ? `commit ${atStart}` : `commit ${atStart} (HEAD was ${atEnd} when this was written; the sources were loaded at the start)`;
}

export function printSections(sections: readonly Section[]): void {
  const width = Math.max(...sections.flatMap((s) => s.rows.map((r) => r.figure.length)));
  for (const section of sections) {
    console.log(`\n${section.title}`);
    for (const row of section.rows) console.log(`  ${row.figure.padEnd(width)}  ${row.value}${row.against === undefined ? '' : `  [${row.against}]`}`);
  }
}

const cell = (text: string): string => text.replaceAll('|', '\\|');

export function writeMarkdown(url: URL, sections: readonly Section[], headline: readonly string[], setting: Setting): void {
  const text = [
    '# Benchmarks: scheduled runs at scale',
    '',
    `Written by \`npm run bench:scale\` (bench/schedule-scale.bench.ts) on ${setting.at.toISOString().slice(0, 10)}, ${setting.code}: ${machine()}. ` +
      `The bench took ${(setting.benchMs / 60_000).toFixed(1)} min. Overwritten on every run.`,
    '',
    ...headline.map((line) => `- ${line}`),
    '',
    ...sections.flatMap((section) => [
      `## ${section.title}`,
      '',
      '| figure | value | against |',
      '|---|---|---|',
      ...section.rows.map((row) => `| ${cell(row.figure)} | ${cell(row.value)} | ${cell(row.against ?? '')} |`),
      '',
    ]),
    '## How to read',
    '',
    ...setting.howToRead.flatMap((paragraph) => [paragraph, '']),
    '## Method',
    '',
    ...setting.notes.map((note) => `- ${note}`),
    '',
  ];
  writeFileSync(url, text.join('\n'));
}
