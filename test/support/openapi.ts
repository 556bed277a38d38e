/**
 * Checks request and response bodies against Jira's published OpenAPI document (../shared/reference/jira), so the
 * simulated site cannot drift from what Jira sends. OpenAPI 3.0 schemas are converted for Ajv: `nullable` becomes
 * a null type, `#/components/schemas/X` refs point into the components registered once under their own $id.
 * Formats (uri, date-time, int64) are not checked: Ajv needs ajv-formats for them, which the project does not list.
 *
 *   const api = jiraOpenApi();
 *   expect(api.response('GET', '/rest/api/3/issue/{issueIdOrKey}', 200, body)).toEqual(ok);
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

const DOCUMENT = new URL('../../../shared/reference/jira/openapi-v3.json', import.meta.url);
const COMPONENTS_ID = 'https://jira-openapi.invalid/components.json';

type Json = Record<string, unknown>;
type Operation = {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Json }[];
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
};

/** `schema` names what the body was checked against ("IssueBean", "ErrorCollection", "inline", "empty"). */
export type Check = { ok: boolean; schema: string; errors: string[] };

export interface JiraOpenApi {
  operation(method: string, template: string): Operation;
  request(method: string, template: string, body: unknown): Check;
  response(method: string, template: string, status: number, body: unknown): Check;
  /** Every query parameter must be one the operation declares, with a value of the declared type or enum. */
  query(method: string, template: string, query: URLSearchParams): Check;
  /** A body against one of the document's component schemas, by name ("IssueBean"). */
  component(name: string, body: unknown): Check;
}

let loaded: JiraOpenApi | undefined;

export function jiraOpenApi(): JiraOpenApi {
  loaded ??= load();
  return loaded;
}

function load(): JiraOpenApi {
  const document = JSON.parse(readFileSync(DOCUMENT, 'utf8')) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Json } };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: COMPONENTS_ID, components: { schemas: convert(document.components.schemas) } });
  const compiled = new Map<string, ValidateFunction>();
  const validator = (schema: Json): ValidateFunction => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (!validate) compiled.set(key, (validate = ajv.compile(convert(schema) as Json)));
    return validate;
  };
  const operation = (method: string, template: string): Operation => {
    const found = document.paths[template]?.[method.toLowerCase()];
    if (!found) throw new Error(`the OpenAPI document has no operation ${method} ${template}`);
    return found;
  };
  const check = (schema: Json, body: unknown): Check => {
    const validate = validator(schema);
    const ok = validate(body);
    const name = typeof schema.$ref === 'string' ? schema.$ref.replace('#/components/schemas/', '') : 'inline';
    return { ok, schema: name, errors: ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`) };
  };
  return {
    operation,
    request(method, template, body) {
      const schema = operation(method, template).requestBody?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${method} ${template} declares no JSON request body`);
      return check(schema, body);
    },
    response(method, template, status, body) {
      const declared = operation(method, template).responses[String(status)];
      if (!declared) return { ok: false, schema: 'none', errors: [`${method} ${template} does not declare status ${String(status)}`] };
      const content = declared.content?.['application/json'];
      const schema = content?.schema;
      if (schema && Object.keys(schema).length > 0) return check(schema, body);
      // The document's "Status codes" section: error bodies are an ErrorCollection even where an operation shows none.
      if (status >= 400) return check({ $ref: '#/components/schemas/ErrorCollection' }, body);
      // JSON content without a schema (editIssue's 200 with returnIssue): any body, and the caller checks it.
      if (content) return { ok: true, schema: 'any', errors: [] };
      const empty = body === undefined || body === null || body === '';
      return { ok: empty, schema: 'empty', errors: empty ? [] : [`status ${String(status)} declares no body, got ${JSON.stringify(body)}`] };
    },
    component(name, body) {
      if (document.components.schemas[name] === undefined) throw new Error(`the OpenAPI document has no schema ${name}`);
      return check({ $ref: `#/components/schemas/${name}` }, body);
    },
    query(method, template, query) {
      const parameters = (operation(method, template).parameters ?? []).filter((p) => p.in === 'query');
      const errors: string[] = [];
      for (const [name, value] of query) {
        const parameter = parameters.find((p) => p.name === name);
        if (!parameter) errors.push(`${name} is not a query parameter of ${method} ${template}`);
        else errors.push(...parameterErrors(name, value, parameter.schema ?? {}));
      }
      return { ok: errors.length === 0, schema: 'parameters', errors };
    },
  };
}

function parameterErrors(name: string, value: string, schema: Json): string[] {
  const items = schema.type === 'array' && typeof schema.items === 'object' && schema.items !== null ? (schema.items as Json) : schema;
  const values = schema.type === 'array' ? value.split(',') : [value];
  const errors: string[] = [];
  for (const item of values) {
    if (items.type === 'integer' && !/^-?\d+$/.test(item)) errors.push(`${name}=${item} is not an integer`);
    if (items.type === 'boolean' && item !== 'true' && item !== 'false') errors.push(`${name}=${item} is not a boolean`);
    if (Array.isArray(items.enum) && !items.enum.includes(item)) errors.push(`${name}=${item} is not one of ${items.enum.join(', ')}`);
  }
  return errors;
}

/** OpenAPI 3.0 → JSON Schema for Ajv: `nullable`, and refs made absolute so inline schemas can use them. */
function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value as Json)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith('#/')) out.$ref = `${COMPONENTS_ID}${child}`;
    else if (key !== 'nullable' && key !== 'example' && key !== 'xml' && key !== 'discriminator') out[key] = convert(child);
  }
  if ((value as Json).nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}
