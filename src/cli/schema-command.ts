import { ruleJsonSchema } from '../core/rule/json-schema.js';
import type { CliIo } from './io.js';

/** `ruleforge schema`: the rule document's JSON Schema, for editors and for `> schemas/rule.schema.json`. */
export function schemaCommand(io: CliIo): number {
  io.stdout(JSON.stringify(ruleJsonSchema(), null, 2));
  return 0;
}
