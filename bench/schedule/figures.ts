/**
 * The figures of the scale bench, from the two measured runs and the model: what the table on the terminal and
 * docs/benchmarks-schedule.md show.
 */
import { cpuPerCall, project, sharedCpu, timeline, type Projected, type Shape } from './model.js';
import type { Latency, Service } from './latency.js';
import type { Invocation, ScenarioResult, WorkKind } from './scenario.js';

export type Row = { figure: string; value: string; against?: string };
export type Section = { title: string; rows: Row[] };
export type Limits = { workSeconds: number; tickSeconds: number; eventsPerMinute: number; pushRequestsPerChain: number; memoryBytes: number };

const SERVICES: readonly Service[] = ['search', 'jira', 'kvs'];
const SERVICE_NAMES: Record<Service, string> = { search: 'Jira search', jira: 'other Jira', kvs: 'storage' };
const KINDS: readonly WorkKind[] = ['tick', 'page', 'dispatch', 'act', 'other'];
const KIND_NAMES: Record<WorkKind, string> = { tick: 'scheduler tick', page: 'pager', dispatch: 'dispatch', act: 'act job', other: 'other' };

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const dec = (n: number, digits = 2): string => n.toFixed(digits);
const mb = (bytes: number): string => `${dec(bytes / 2 ** 20, 1)} MB`;
const seconds = (ms: number): string => `${dec(ms / 1000, 1)} s`;
const minutes = (ms: number): string => (ms >= 120_000 ? `${dec(ms / 60_000, 1)} min` : seconds(ms));
const pct = (part: number, whole: number): string => `${dec((100 * part) / whole, 1)} %`;

export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const shapeOf = (result: ScenarioResult): Shape => ({ batchesPerPage: result.run.pages === 0 ? 1 : result.run.batches / result.run.pages });
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);
const of = <T extends { kind: WorkKind }>(items: readonly T[], kind: WorkKind): T[] => items.filter((i) => i.kind === kind);

/** Most events pushed within any 60 s of the emulated clock: what the local queue's 500-a-minute throttle saw. */
function emulatedPeakPerMinute(invocations: readonly Invocation[]): number {
  const pushes = invocations.filter((i) => i.calls.eventsPushed > 0).map((i) => ({ at: Date.parse(i.at), events: i.calls.eventsPushed }));
  pushes.sort((a, b) => a.at - b.at);
  let peak = 0;
  for (const push of pushes) peak = Math.max(peak, sum(pushes.filter((p) => p.at >= push.at && p.at < push.at + 60_000).map((p) => p.events)));
  return peak;
}

function byKind(invocations: readonly Invocation[]): string {
  return KINDS.map((kind) => [kind, of(invocations, kind).length] as const).filter(([, n]) => n > 0).map(([kind, n]) => `${KIND_NAMES[kind]} ${int(n)}`).join(', ');
}

function runRow(result: ScenarioResult): Row {
  const { run } = result;
  return {
    figure: 'run record',
    value: `${run.status}: seen ${int(run.seen)}, matched ${int(run.matched)}, acted ${int(run.acted)}, failed ${int(run.failed)}; ${int(run.pages)} pages, ${int(run.batches)} batches`,
  };
}

export type Figures = { sections: Section[]; headline: string[] };

export function figures(full: ScenarioResult, calibration: ScenarioResult, forge: Latency, limits: Limits): Figures {
  const A = full.invocations;
  const calls = (pick: (i: Invocation) => number): number => sum(A.map(pick));
  const heaps = A.map((i) => i.heapPeakBytes);
  const heaviest = A.reduce((a, b) => (b.heapPeakBytes > a.heapPeakBytes ? b : a));
  const works = A.filter((i) => i.functionKey === 'work');
  const ticks = A.filter((i) => i.functionKey === 'schedule-tick');
  const eventsTotal = calls((i) => i.calls.eventsPushed);
  const emulatedPeak = emulatedPeakPerMinute(A);

  // The model: CPU from run A, shared out among concurrent invocations; latency from the counts.
  const cpuA = sharedCpu(A);
  const projectedA = project(A, forge, shapeOf(full), cpuA);
  const lineA = timeline(projectedA, full.run.batches);
  const perCall = cpuPerCall(A, cpuA);
  // Run B through the model twice: with the latency asked for, and with what the injected sleeps really took here.
  const { sleeps } = calibration;
  const nominalB = project(calibration.invocations, forge, shapeOf(calibration), perCall);
  const effectiveB = project(calibration.invocations, 'slept', shapeOf(calibration), perCall);
  const lineB = timeline(nominalB, calibration.run.batches);
  const lineBEffective = timeline(effectiveB, calibration.run.batches);
  const ratio = (projected: readonly Projected[], kind: WorkKind): { n: number; measured: number; model: number; p50: number; min: number; max: number } => {
    const items = of(projected, kind);
    const ratios = items.map((p) => (p.endedAt - p.startedAt) / p.projectedMs);
    return {
      n: items.length, measured: quantile(items.map((p) => p.endedAt - p.startedAt), 0.5), model: quantile(items.map((p) => p.projectedMs), 0.5),
      p50: quantile(ratios, 0.5), min: Math.min(...ratios), max: Math.max(...ratios),
    };
  };
  const checks = (['page', 'act'] as const).map((kind) => ({ kind, nominal: ratio(nominalB, kind), effective: ratio(effectiveB, kind) }));
  const wallRatio = calibration.wallMs / lineB.totalMs;
  const wallRatioEffective = calibration.wallMs / lineBEffective.totalMs;
  const longest = (items: readonly Projected[]): Projected | undefined => items.reduce<Projected | undefined>((a, b) => (a === undefined || b.projectedMs > a.projectedMs ? b : a), undefined);
  const longestWork = longest(projectedA.filter((p) => p.functionKey === 'work'));
  const longestTick = longest(projectedA.filter((p) => p.functionKey === 'schedule-tick'));
  const lat = `search ${String(forge.searchMs)} ms a page, other Jira calls ${String(forge.jiraMs)} ms, storage ${String(forge.kvsMs)} ms`;

  const sections: Section[] = [
    {
      title: `Run A: ${int(full.issues)} issues, no injected latency (measured here)`,
      rows: [
        runRow(full),
        { figure: 'invocations', value: `${int(A.length)}: schedule-tick ${int(ticks.length)}, work ${int(works.length)} (${byKind(works)})` },
        { figure: 'events pushed', value: `${int(eventsTotal)} (${KINDS.map((k) => [k, sum(of(A, k).map((i) => i.calls.eventsPushed))] as const).filter(([, n]) => n > 0).map(([k, n]) => `${KIND_NAMES[k]} ${int(n)}`).join(', ')})` },
        { figure: 'events pushed in the busiest minute (emulated clock)', value: int(emulatedPeak), against: `Forge: ${int(limits.eventsPerMinute)} a minute` },
        { figure: 'push requests (all from the one tick invocation\'s chain)', value: int(calls((i) => i.calls.queue)), against: `Forge: ${int(limits.pushRequestsPerChain)} per chain (cyclic invocation limit)` },
        { figure: 'Jira calls per issue', value: `${dec(calls((i) => i.calls.jira) / full.issues, 3)} (searches ${dec(calls((i) => i.calls.jiraSearch) / full.issues, 3)})` },
        { figure: 'storage calls per issue', value: dec(calls((i) => i.calls.kvs) / full.issues, 3) },
        { figure: 'heap growth of one invocation, largest', value: `${mb(heaviest.heapPeakBytes)} (${KIND_NAMES[heaviest.kind]})`, against: `Forge: ${mb(limits.memoryBytes)} (${pct(heaviest.heapPeakBytes, limits.memoryBytes)})` },
        { figure: 'heap growth of one invocation, p50 / p95', value: `${mb(quantile(heaps, 0.5))} / ${mb(quantile(heaps, 0.95))}` },
        { figure: 'heap growth, largest by kind', value: KINDS.filter((k) => of(A, k).length > 0).map((k) => `${KIND_NAMES[k]} ${mb(Math.max(...of(A, k).map((i) => i.heapPeakBytes)))}`).join(', ') },
        { figure: 'longest invocation here (wall)', value: KINDS.filter((k) => of(A, k).length > 0).map((k) => `${KIND_NAMES[k]} ${seconds(Math.max(...of(A, k).map((i) => i.endedAt - i.startedAt)))}`).join(', ') },
        { figure: 'wall time here, due tick to last act job', value: `${minutes(full.wallMs)} (emulated clock: ${minutes(full.emulatedMs)}; setup ${seconds(full.setupMs)})` },
        { figure: 'this process\'s CPU time over that span', value: `${minutes(full.cpuMs)} (${dec(full.cpuMs / full.issues, 2)} ms an issue; ${pct(full.cpuMs, full.wallMs)} of the wall time)` },
        { figure: 'CPU attributed to invocations (the model\'s CPU part)', value: KINDS.filter((k) => of(A, k).length > 0).map((k) => `${KIND_NAMES[k]} ${seconds(sum(cpuA.filter((_, i) => A[i]?.kind === k)))}`).join(', ') },
        { figure: 'this process\'s resident memory, peak', value: `${mb(full.rssPeakBytes)} (runtime, site, SQLite storage and app together)` },
        { figure: 'checked on the site afterwards', value: `${int(full.verified.checked)} of ${int(full.verified.of)} issues${full.verified.sampled ? ' (seeded random sample)' : ''}: exactly one comment, by the app, and the label` },
      ],
    },
    {
      title: `Run B: ${int(calibration.issues)} issues with latency injected (${lat}): the model's check`,
      rows: [
        runRow(calibration),
        { figure: 'invocations', value: `${int(calibration.invocations.length)} (${byKind(calibration.invocations)})` },
        { figure: 'this process\'s CPU time / wall time', value: `${seconds(calibration.cpuMs)} / ${seconds(calibration.wallMs)}` },
        ...SERVICES.filter((service) => sleeps.count[service] > 0).map((service) => ({
          figure: `injected ${SERVICE_NAMES[service]} waits: asked / really took, mean`,
          value: `${dec(sleeps.asked[service] / sleeps.count[service], 0)} ms / ${dec(sleeps.actual[service] / sleeps.count[service], 0)} ms over ${int(sleeps.count[service])} calls`,
        })),
        { figure: 'end-to-end wall time: measured / model', value: `${seconds(calibration.wallMs)} / ${seconds(lineB.totalMs)}`, against: `ratio ${dec(wallRatio)}` },
        { figure: 'the same, model fed the waits as they really took', value: `${seconds(calibration.wallMs)} / ${seconds(lineBEffective.totalMs)}`, against: `ratio ${dec(wallRatioEffective)}` },
        ...checks.flatMap(({ kind, nominal, effective: eff }) => [
          { figure: `${KIND_NAMES[kind]} invocations (${String(nominal.n)}): measured / model, median`, value: `${seconds(nominal.measured)} / ${seconds(nominal.model)}`, against: `ratio ${dec(nominal.p50)} (${dec(nominal.min)}–${dec(nominal.max)})` },
          { figure: `${KIND_NAMES[kind]}, model fed the waits as they really took`, value: `${seconds(eff.measured)} / ${seconds(eff.model)}`, against: `ratio ${dec(eff.p50)} (${dec(eff.min)}–${dec(eff.max)})` },
        ]),
      ],
    },
    {
      title: `Projection: run A on Forge (${lat})`,
      rows: [
        { figure: 'paging (pager invocations one after another)', value: minutes(lineA.pagingMs) },
        { figure: 'acting (4 act jobs at once, 200 pushed per 30 s)', value: minutes(lineA.actingMs) },
        { figure: 'total wall time, due tick to last act job', value: minutes(lineA.totalMs), against: `× run B's ratio (waits as taken) ${dec(wallRatioEffective)}: ${minutes(lineA.totalMs * wallRatioEffective)}` },
        { figure: 'longest work invocation', value: longestWork === undefined ? 'none' : `${seconds(longestWork.projectedMs)} (${KIND_NAMES[longestWork.kind]})`, against: `limit ${String(limits.workSeconds)} s` },
        { figure: 'longest scheduler tick', value: longestTick === undefined ? 'none' : seconds(longestTick.projectedMs), against: `limit ${String(limits.tickSeconds)} s` },
        { figure: 'median projected duration by kind', value: KINDS.filter((k) => of(projectedA, k).length > 0).map((k) => `${KIND_NAMES[k]} ${seconds(quantile(of(projectedA, k).map((p) => p.projectedMs), 0.5))}`).join(', ') },
        { figure: 'events pushed in the busiest minute', value: int(lineA.peakEventsPerMinute), against: `Forge: ${int(limits.eventsPerMinute)} a minute` },
        { figure: 'invocations / events pushed', value: `${int(A.length)} / ${int(eventsTotal)} (as run A)` },
      ],
    },
  ];
  const headline = [
    `${int(full.issues)} issues: ${int(A.length)} invocations, ${int(eventsTotal)} events pushed (busiest minute ${int(lineA.peakEventsPerMinute)} projected, limit ${int(limits.eventsPerMinute)})`,
    `projected on Forge: ${minutes(lineA.totalMs)} (paging ${minutes(lineA.pagingMs)}, acting ${minutes(lineA.actingMs)}); longest work invocation ${longestWork === undefined ? '-' : seconds(longestWork.projectedMs)} of ${String(limits.workSeconds)} s`,
    `heap growth of one invocation: largest ${mb(heaviest.heapPeakBytes)}, p50 ${mb(quantile(heaps, 0.5))} of ${mb(limits.memoryBytes)}`,
    `model check (run B, measured/model): wall ${dec(wallRatio)} with the latency asked for, ${dec(wallRatioEffective)} with the waits as they really took here; ` +
      checks.map(({ kind, nominal, effective: eff }) => `${KIND_NAMES[kind]} ${dec(nominal.p50)} / ${dec(eff.p50)}`).join(', '),
  ];
  return { sections, headline };
}
