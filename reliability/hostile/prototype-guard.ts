/**
 * Prototype pollution shows as a new or replaced member of a built-in prototype, or as `({}).polluted`. A snapshot
 * before a stage and a comparison after it say whether the stage polluted anything, whatever the route.
 */
const WATCHED: readonly object[] = [Object.prototype, Array.prototype, Function.prototype, String.prototype, Number.prototype, Boolean.prototype];

export type PrototypeSnapshot = Map<object, Map<PropertyKey, unknown>>;

export function snapshotPrototypes(): PrototypeSnapshot {
  return new Map(WATCHED.map((proto) => [proto, new Map(Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)?.value] as const))]));
}

/** What changed since `before`, in words; empty when nothing did. */
export function prototypeChanges(before: PrototypeSnapshot): string[] {
  const changes: string[] = [];
  for (const [proto, members] of before) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    for (const key of Reflect.ownKeys(proto)) {
      if (!members.has(key)) changes.push(`${name}.prototype gained ${String(key)}`);
      else if (Object.getOwnPropertyDescriptor(proto, key)?.value !== members.get(key)) changes.push(`${name}.prototype.${String(key)} was replaced`);
    }
  }
  if ((({}) as Record<string, unknown>)['polluted'] !== undefined) changes.push('({}).polluted is defined');
  return changes;
}
