import fc from 'fast-check';
import type { Rule } from '../../src/core/rule/rule-schema.js';
import { generatedDocument, type DocumentKind } from './documents.js';
import { emptyEvaluationFigures, evaluateRule, type EvaluationFigures } from './evaluation.js';
import type { Evaluator, Validator } from './evaluator.js';
import { prototypeChanges, snapshotPrototypes } from './prototype-guard.js';
import { SAMPLES, settled, start, describe } from './samples.js';

export type { EvaluationFigures } from './evaluation.js';

export type DocumentFigures = {
  documents: number;
  valid: number;
  invalid: number;
  /** validateRule threw, or returned something other than a rule or issues with string path/code/message. */
  crashes: number;
  /**
   * Answers where validateRule's own safety net caught an exception and reported it as an INTERNAL_ERROR issue: not
   * a crash of the caller, but a validator failure the admin sees instead of the real problem.
   */
  internalErrors: number;
  slowestMs: number;
  slowestKind: DocumentKind | '';
  /** The slowest document's start. */
  slowestSample: string;
  byKind: Partial<Record<DocumentKind, { documents: number; valid: number; crashes: number; internalErrors: number; ms: number; evaluationMs: number }>>;
  /** The first few crashes and internal errors: kind, what happened, the document's start. */
  crashSamples: string[];
};

export type DocumentStageOptions = {
  documents: number;
  seed: number;
  inputsPerDocument: number;
  validate: Validator;
  evaluate: Evaluator;
  progress?: Progress;
};

/** Told after each chunk of documents or batch of payloads: a full run takes minutes. */
export type Progress = (stage: 'documents' | 'events', done: number, total: number) => void;

const CHUNK = 500;

/** Why a validation result is a crash, or undefined when it is a proper answer. */
function validationProblem(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null || !('ok' in result)) return 'not a validation result';
  if (result.ok === true) return 'rule' in result ? undefined : 'ok without a rule';
  const issues = (result as { issues?: unknown }).issues;
  if (!Array.isArray(issues) || issues.length === 0) return 'invalid without issues';
  for (const issue of issues as { path?: unknown; code?: unknown; message?: unknown }[]) {
    if (typeof issue.path !== 'string' || typeof issue.code !== 'string' || typeof issue.message !== 'string') return `malformed issue ${start(issue)}`;
  }
  return undefined;
}

/** The message of the INTERNAL_ERROR issue validateRule's catch-all reports, if it reported one. */
function internalError(result: unknown): string | undefined {
  const issues = (result as { issues?: { code: string; message: string }[] }).issues ?? [];
  return issues.find((issue) => issue.code === 'INTERNAL_ERROR')?.message;
}

/**
 * Generates the documents in replayable chunks (fc.sample with seed + chunk), validates each, and runs every one that
 * validates through the evaluator with generated inputs. Interleaved so that no more than a chunk is held at once.
 */
export function runDocumentStage(options: DocumentStageOptions): { documents: DocumentFigures; evaluation: EvaluationFigures } {
  const docs: DocumentFigures = { documents: 0, valid: 0, invalid: 0, crashes: 0, internalErrors: 0, slowestMs: 0, slowestKind: '', slowestSample: '', byKind: {}, crashSamples: [] };
  const evaluation = emptyEvaluationFigures();
  const prototypes = snapshotPrototypes();
  for (let chunk = 0; docs.documents < options.documents; chunk++) {
    const batch = fc.sample(generatedDocument, { seed: (options.seed + chunk) | 0, numRuns: Math.min(CHUNK, options.documents - docs.documents) });
    for (const { kind, document } of batch) {
      const index = docs.documents++;
      const tally = (docs.byKind[kind] ??= { documents: 0, valid: 0, crashes: 0, internalErrors: 0, ms: 0, evaluationMs: 0 });
      tally.documents++;
      const sample = (what: string) => {
        if (docs.crashSamples.length < SAMPLES) docs.crashSamples.push(`#${String(index)} ${kind}: ${what}; document ${start(document)}`);
      };
      const crash = (what: string) => {
        docs.crashes++;
        tally.crashes++;
        sample(what);
      };
      let result: unknown;
      const started = performance.now();
      try {
        result = options.validate(document);
      } catch (error) {
        crash(`threw ${describe(error)}`);
        continue;
      }
      const ms = settled(performance.now() - started, docs.slowestMs, () => options.validate(document));
      tally.ms += ms;
      if (ms > docs.slowestMs) {
        docs.slowestMs = ms;
        docs.slowestKind = kind;
        docs.slowestSample = start(document);
      }
      const problem = validationProblem(result);
      if (problem !== undefined) {
        crash(problem);
        continue;
      }
      const internal = internalError(result);
      if (internal !== undefined) {
        docs.internalErrors++;
        tally.internalErrors++;
        sample(`INTERNAL_ERROR: ${internal}`);
      }
      if ((result as { ok: boolean }).ok) {
        docs.valid++;
        tally.valid++;
        const evaluating = performance.now();
        evaluateRule((result as { rule: Rule }).rule, kind, (options.seed * 1_000_003 + index) | 0, { inputs: options.inputsPerDocument, evaluate: options.evaluate }, evaluation);
        tally.evaluationMs += performance.now() - evaluating;
      } else {
        docs.invalid++;
      }
    }
    options.progress?.('documents', docs.documents, options.documents);
  }
  const changes = prototypeChanges(prototypes);
  if (changes.length > 0) {
    evaluation.crashes++;
    evaluation.crashSamples.push(`prototype pollution: ${changes.join('; ')}`);
  }
  return { documents: docs, evaluation };
}
