import type { Rule } from '../../core/rule/rule-schema.js';
import { canonical, digest } from './event-identity.js';

// Documents from the active-ruleset snapshot are shared objects for as long as their generation is current, so a
// digest is computed once per document object, not once per event.
const fingerprints = new WeakMap<Rule, string>();

/** A digest of a rule document: with id@version it names exactly one document in the compiled-rule cache. */
export function fingerprintOf(document: Rule): string {
  let found = fingerprints.get(document);
  if (found === undefined) {
    found = digest(canonical(document)).slice(0, 16);
    fingerprints.set(document, found);
  }
  return found;
}
