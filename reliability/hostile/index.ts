import { validateRule } from '../../src/core/rule/validate.js';
import { formatNumber, row, type ReportRow } from '../report-row.js';
import { runDocumentStage, type DocumentFigures, type EvaluationFigures, type Progress } from './document-stage.js';
import { appEvaluator, type Evaluator, type Validator } from './evaluator.js';
import { forgeDelivery, runEventStage, type Deliver, type EventFigures } from './event-stage.js';

export type { Deliver } from './event-stage.js';
export type { Progress } from './document-stage.js';
export type { Evaluator, Validator } from './evaluator.js';

export type HostileOptions = {
  /** Generated rule documents (the full run: 100,000). */
  documents: number;
  /** Generated event payloads delivered to the trigger handler (the full run: 10,000). */
  events: number;
  /** Makes the run replayable: the same seed generates the same documents, inputs and payloads. */
  seed: number;
  /** Generated inputs each validated document is run with. */
  inputsPerDocument?: number;
  /** Payloads per fresh app (its storage is read once per batch). */
  eventsPerApp?: number;
  /** The validator, evaluator and delivery under test; the app's own unless a test injects a faulty one. */
  validate?: Validator;
  evaluate?: Evaluator;
  deliver?: Deliver;
  progress?: Progress;
};

export type HostileFigures = {
  documents: DocumentFigures;
  evaluation: EvaluationFigures;
  events: EventFigures;
  documentStageMs: number;
  eventStageMs: number;
  wallMs: number;
};

/**
 * The "Hostile input" scenario of the reliability suite: generated rule documents through the validator and, when
 * they validate, the engine with generated data; then generated malformed payloads through the trigger handler in the
 * local runtime. Counts crashes, unstopped runs and unrecorded rejections; measures the slowest of each.
 */
export async function runHostile(options: HostileOptions): Promise<HostileFigures> {
  const started = performance.now();
  const { documents, evaluation } = runDocumentStage({
    documents: options.documents,
    seed: options.seed,
    inputsPerDocument: options.inputsPerDocument ?? 3,
    validate: options.validate ?? validateRule,
    evaluate: options.evaluate ?? appEvaluator(),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
  });
  const documentStageMs = performance.now() - started;
  const events = await runEventStage({
    events: options.events,
    seed: options.seed,
    eventsPerApp: options.eventsPerApp ?? 1000,
    deliver: options.deliver ?? forgeDelivery,
    ...(options.progress === undefined ? {} : { progress: options.progress }),
  });
  const wallMs = performance.now() - started;
  return { documents, evaluation, events, documentStageMs, eventStageMs: wallMs - documentStageMs, wallMs };
}

const SCENARIO = 'Hostile input';
const zero = (figure: string, value: number): ReportRow => row(SCENARIO, figure, value, '0', value === 0);
const ms = (value: number, kind: string): string => `${formatNumber(Math.round(value * 10) / 10)}${kind === '' ? '' : ` (${kind})`}`;

export function hostileRows(figures: HostileFigures): ReportRow[] {
  const { documents: d, evaluation: e, events: ev } = figures;
  const stopped = e.stopped.BUDGET_EXCEEDED + e.stopped.RESULT_TOO_LARGE;
  return [
    row(SCENARIO, 'rule documents', d.documents),
    row(SCENARIO, 'valid', d.valid),
    zero('validation crashes', d.crashes),
    zero('validator internal errors (caught, reported as INTERNAL_ERROR)', d.internalErrors),
    row(SCENARIO, 'slowest validation (ms)', ms(d.slowestMs, d.slowestKind)),
    row(SCENARIO, 'evaluations', e.evaluations),
    zero('evaluation crashes', e.crashes),
    zero('validated but not compiled', e.notCompiled),
    zero('over budget and not stopped', e.overBudgetNotStopped),
    row(SCENARIO, 'stopped by budget/size limits', `${formatNumber(stopped)} (BUDGET_EXCEEDED ${formatNumber(e.stopped.BUDGET_EXCEEDED)}, RESULT_TOO_LARGE ${formatNumber(e.stopped.RESULT_TOO_LARGE)})`),
    row(SCENARIO, 'slowest evaluation (ms)', ms(e.slowestMs, e.slowestKind)),
    row(SCENARIO, 'evaluations over 1 s', e.overOneSecond),
    row(SCENARIO, 'malformed events', `${formatNumber(ev.malformed)} of ${formatNumber(ev.payloads)} payloads (${formatNumber(ev.distinctMalformed)} distinct)`),
    zero('handler crashes', ev.crashes),
    row(SCENARIO, 'recorded as rejected', ev.recorded, `${formatNumber(ev.distinctMalformed)} (distinct malformed)`, ev.recorded === ev.distinctMalformed),
    zero('rejections not under their digest key', ev.withoutStableKey),
    row(SCENARIO, 'accepted as valid', ev.accepted),
    row(SCENARIO, 'wall time (s)', `${formatNumber(Math.round(figures.wallMs / 100) / 10)} (documents ${formatNumber(Math.round(figures.documentStageMs / 100) / 10)}, events ${formatNumber(Math.round(figures.eventStageMs / 100) / 10)})`),
  ];
}
