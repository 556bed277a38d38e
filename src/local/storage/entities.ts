/**
 * Custom entity definitions (manifest `app.storage.entities`) and the checks Forge applies to entity names and values.
 */
import * as z from 'zod';
import { Codes, fail } from './errors.js';
import { ENTITY_NAME_PATTERN, MAX_ENTITY_NAME_LENGTH, MAX_INTEGER, MIN_ENTITY_NAME_LENGTH, MIN_INTEGER } from './limits.js';

export type AttributeType = 'string' | 'boolean' | 'float' | 'integer' | 'any';
export type EntityIndex = { name: string; range: string[]; partition: string[] };
export type EntityDefinition = {
  name: string;
  attributes: Record<string, { type: AttributeType }>;
  indexes: EntityIndex[];
};

const manifestEntity = z.object({
  name: z.string(),
  attributes: z.record(z.string(), z.object({ type: z.enum(['string', 'boolean', 'float', 'integer', 'any']) })),
  indexes: z
    .array(z.union([z.string(), z.object({ name: z.string(), range: z.array(z.string()).min(1), partition: z.array(z.string()).optional() })]))
    .optional(),
});
const manifestShape = z.object({
  app: z.object({ storage: z.object({ entities: z.array(manifestEntity).optional() }).optional() }).optional(),
});

/** The manifest's entities with shorthand indexes (`- issueKey`) expanded to `{name, range: [name], partition: []}`. */
export function entitiesFromManifest(manifest: unknown): EntityDefinition[] {
  const parsed = manifestShape.safeParse(manifest);
  if (!parsed.success) {
    throw new Error(`manifest app.storage.entities is malformed: ${z.prettifyError(parsed.error)}`);
  }
  return (parsed.data.app?.storage?.entities ?? []).map((entity) => ({
    name: entity.name,
    attributes: entity.attributes,
    indexes: (entity.indexes ?? []).map((index) =>
      typeof index === 'string'
        ? { name: index, range: [index], partition: [] }
        : { name: index.name, range: index.range, partition: index.partition ?? [] },
    ),
  }));
}

export class EntityCatalog {
  readonly #byName: Map<string, EntityDefinition>;

  constructor(entities: readonly EntityDefinition[]) {
    this.#byName = new Map(entities.map((entity) => [entity.name, entity]));
  }

  /** The declared entity, or Forge's entity-name codes (an undeclared name is INVALID_ENTITY_TYPE, our choice). */
  resolve(entityName: unknown): EntityDefinition {
    if (typeof entityName !== 'string') fail(Codes.INVALID_ENTITY_TYPE, 'entityName must be a string.');
    if (entityName.length < MIN_ENTITY_NAME_LENGTH) {
      fail(Codes.ENTITY_TYPE_TOO_SHORT, `The entity name "${entityName}" needs at least ${MIN_ENTITY_NAME_LENGTH} characters.`);
    }
    if (entityName.length > MAX_ENTITY_NAME_LENGTH) {
      fail(Codes.ENTITY_TYPE_TOO_LARGE, `The entity name has exceeded the maximum ${MAX_ENTITY_NAME_LENGTH} characters.`);
    }
    if (!ENTITY_NAME_PATTERN.test(entityName)) {
      fail(Codes.INVALID_ENTITY_TYPE, `The entity name "${entityName}" does not match the regex: ${String(ENTITY_NAME_PATTERN)}`);
    }
    const entity = this.#byName.get(entityName);
    if (entity === undefined) {
      fail(Codes.INVALID_ENTITY_TYPE, `The entity "${entityName}" is not declared in manifest.yml app.storage.entities.`);
    }
    return entity;
  }
}

function fits(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= MIN_INTEGER && value <= MAX_INTEGER;
    case 'any':
      return value !== undefined;
  }
}

/** An entity value is an object whose every attribute is declared and holds a value of the declared type. */
export function checkEntityValue(entity: EntityDefinition, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(Codes.INVALID_ENTITY_VALUE, `A "${entity.name}" value must be an object of its declared attributes.`);
  }
  for (const [name, attributeValue] of Object.entries(value)) {
    const attribute = Object.hasOwn(entity.attributes, name) ? entity.attributes[name] : undefined;
    if (attribute === undefined) {
      fail(Codes.INVALID_ENTITY_VALUE, `"${name}" is not an attribute of the entity "${entity.name}".`, { attribute: name });
    }
    if (!fits(attribute.type, attributeValue)) {
      const expected = attribute.type === 'integer' ? 'integer (32-bit signed)' : attribute.type;
      fail(Codes.INVALID_ENTITY_VALUE, `"${entity.name}.${name}" must be ${expected}, got ${JSON.stringify(attributeValue)}.`, { attribute: name });
    }
  }
  return value as Record<string, unknown>;
}
