import type { AppDeps } from '../deps.js';
import { readActiveRules } from '../rules/active-ruleset.js';
import { APP_FLAGS } from '../rules/rule-records.js';
import { createRuleStore } from '../rules/rule-store.js';
import type { RuleSource } from './rule-source.js';

/** The app's own account, as the actor of changes the app makes by itself (a throttled or repeatedly failing rule disabled). */
export const APP_ACTOR = 'app:ruleforge';

/** Runs read the active-ruleset snapshot (one round trip) and disable a throttled rule through the audited store. */
export function storeRuleSource(deps: AppDeps): RuleSource {
  return {
    async rulesFor(eventType) {
      return [...(await readActiveRules(deps.storage, eventType)).rules];
    },
    async disableThrottled(ruleId, reason) {
      await createRuleStore({ storage: deps.storage, now: deps.now }).flag(ruleId, APP_FLAGS.throttled, { actor: APP_ACTOR, reason });
    },
  };
}
