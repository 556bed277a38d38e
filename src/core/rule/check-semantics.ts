import { checkCron } from '../schedule/cron.js';
import { checkLogic, LogicBudget, type LogicPosition } from './check-logic.js';
import type { ValidationIssue } from './issue-codes.js';
import { child } from './json-pointer.js';
import { RULE_LIMITS } from './limits.js';

/**
 * What the rule means, beyond its shape: triggers that can fire, cron in its zone, distinct list entries, and every
 * JSON-Logic expression. Runs on the raw document (it may have structural issues too) so an admin sees every
 * problem at once; each check guards the types it reads and skips what zod already reports.
 */
export function checkSemantics(doc: Record<string, unknown>): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const trigger = asRecord(doc.trigger);
  if (trigger) checkTrigger(trigger, issues);
  const scope = asRecord(doc.scope);
  if (scope) {
    checkDistinct(scope.projects, '/scope/projects', 'project', issues);
    checkDistinct(scope.issueTypes, '/scope/issueTypes', 'issue type', issues);
  }
  checkExpressions(doc, issues);
  return issues;
}

function checkTrigger(trigger: Record<string, unknown>, issues: ValidationIssue[]): void {
  if (trigger.type === 'event') {
    checkDistinct(trigger.events, '/trigger/events', 'event', issues);
    checkDistinct(trigger.fields, '/trigger/fields', 'field', issues);
    const events = Array.isArray(trigger.events) ? trigger.events : [];
    if (trigger.fields !== undefined && !events.includes('avi:jira:updated:issue')) {
      issues.push({
        path: '/trigger/fields',
        code: 'FIELDS_WITHOUT_UPDATED_EVENT',
        message: '"fields" filters the changelog of updated issues: add "avi:jira:updated:issue" to "events" or remove "fields".',
      });
    }
  } else if (trigger.type === 'schedule' && typeof trigger.cron === 'string') {
    const zone = trigger.timezone === undefined ? RULE_LIMITS.timezoneDefault : trigger.timezone;
    if (typeof zone !== 'string' || zone.length > RULE_LIMITS.timezoneMax) return;
    if (trigger.cron.length > RULE_LIMITS.cronMax) return;
    for (const problem of checkCron(trigger.cron, zone)) {
      const at = problem.code === 'UNKNOWN_TIMEZONE' ? '/trigger/timezone' : '/trigger/cron';
      issues.push({ path: at, code: problem.code, message: problem.message });
    }
  }
}

function checkDistinct(list: unknown, path: string, what: string, issues: ValidationIssue[]): void {
  if (!Array.isArray(list)) return;
  const seen = new Set<unknown>();
  list.forEach((item, i) => {
    if (typeof item !== 'string') return;
    if (seen.has(item)) issues.push({ path: child(path, i), code: 'DUPLICATE_VALUE', message: `The ${what} "${item}" is listed twice.` });
    seen.add(item);
  });
}

/** Every place the spec puts JSON-Logic: let values, when, and the action parameters that are not literals. */
function checkExpressions(doc: Record<string, unknown>, issues: ValidationIssue[]): void {
  const budget = new LogicBudget();
  const lets = asRecord(doc.let);
  const letNames = lets ? Object.keys(lets) : [];
  if (letNames.length > RULE_LIMITS.letMax) {
    issues.push({ path: '/let', code: 'TOO_BIG', message: `"let" has ${letNames.length} values; at most ${RULE_LIMITS.letMax}.` });
  }
  // zod's record drops a "__proto__" key without a word, so the name pattern never sees it; say it here.
  if (letNames.includes('__proto__')) {
    issues.push({
      path: '/let/__proto__',
      code: 'INVALID_FORMAT',
      message: '"__proto__" is not a valid name: use a name of letters, digits and "_", other than __proto__, constructor and prototype.',
    });
  }
  const data: LogicPosition = { scope: 'data', letNames };
  letNames.forEach((name, letIndex) => {
    checkLogic(lets?.[name], child('/let', name), { ...data, letIndex }, budget, issues);
  });
  if (doc.when !== undefined) checkLogic(doc.when, '/when', data, budget, issues);
  if (!Array.isArray(doc.actions)) return;
  doc.actions.forEach((raw, i) => {
    const action = asRecord(raw);
    if (!action) return;
    const at = (key: string): string => child(child('/actions', i), key);
    const expression = (key: string): void => {
      const value = action[key];
      // A plain string is the literal parameter, never an expression; zod checks its length.
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) checkLogic(value, at(key), data, budget, issues);
    };
    switch (action.type) {
      case 'comment': expression('body'); break;
      case 'transition': expression('to'); break;
      case 'assign': expression('accountId'); break;
      case 'setField': checkLogic(action.value, at('value'), { ...data, literalObjects: true }, budget, issues); break;
      case 'record': checkLogic(action.value, at('value'), data, budget, issues); break;
      case 'addLabels':
      case 'removeLabels': checkDistinct(action.labels, at('labels'), 'label', issues); break;
      default: break;
    }
  });
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
