// Writes schemas/rule.schema.json from the zod model (`npm run schema`). test/schema-sync.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { ruleJsonSchemaText } from '../src/core/rule/json-schema.js';

const file = new URL('../schemas/rule.schema.json', import.meta.url);
writeFileSync(file, ruleJsonSchemaText());
console.log(`wrote ${file.pathname}`);
