/**
 * The parts of manifest.yml the function host acts on: functions with their effective timeouts, product-event
 * triggers, scheduled triggers and resolver-backed UI modules. Consumers are read by the queue emulator
 * (src/local/queue). Everything here assumes a manifest @forge/manifest has accepted (test/manifest.test.ts).
 */
import { ManifestError } from '../manifest-functions.js';

export type HostedFunction = { key: string; handler: string; file: string; exportName: string; timeoutSeconds: number };
export type ProductTrigger = { key: string; functionKey: string; events: string[]; ignoreSelf: boolean };
export type ScheduleInterval = 'fiveMinute' | 'hour' | 'day' | 'week';
export type ScheduledTrigger = { key: string; functionKey: string; interval: ScheduleInterval };
export type ResolverModule = { key: string; moduleType: string; functionKey: string };

export type AppModules = {
  functions: Map<string, HostedFunction>;
  triggers: ProductTrigger[];
  scheduledTriggers: ScheduledTrigger[];
  resolvers: ResolverModule[];
  consumerFunctionKeys: Set<string>;
};

export const INTERVAL_MS: Record<ScheduleInterval, number> = {
  fiveMinute: 5 * 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

// Forge's caps (reference §4): 25 s for UI resolvers and product triggers, 55 s default and 900 s maximum for
// functions used only by consumers or scheduled triggers.
const INTERACTIVE_CAP = 25;
const BACKGROUND_DEFAULT = 55;
const BACKGROUND_CAP = 900;

type Raw = Record<string, unknown>;
const list = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter((v): v is Raw => typeof v === 'object' && v !== null) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function appModulesOf(manifest: unknown): AppModules {
  const modules = ((manifest as Raw | null)?.modules ?? {}) as Raw;
  const triggers = list(modules.trigger).map((t): ProductTrigger => ({
    key: String(t.key),
    functionKey: required(str(t.function), `trigger ${String(t.key)} needs a function`),
    events: (Array.isArray(t.events) ? t.events : []).map((e: unknown) => (typeof e === 'string' ? e : String((e as Raw).eventType))),
    ignoreSelf: (t.filter as Raw | undefined)?.ignoreSelf === true,
  }));
  const scheduledTriggers = list(modules.scheduledTrigger).map((t): ScheduledTrigger => ({
    key: String(t.key),
    functionKey: required(str(t.function), `scheduledTrigger ${String(t.key)} needs a function`),
    interval: t.interval as ScheduleInterval,
  }));
  const consumerFunctionKeys = new Set(
    list(modules.consumer).map((c) => str(c.function) ?? str((c.resolver as Raw | undefined)?.function)).filter((k): k is string => k !== undefined),
  );
  const resolvers: ResolverModule[] = [];
  for (const [moduleType, entries] of Object.entries(modules)) {
    for (const entry of list(entries)) {
      const fn = str((entry.resolver as Raw | undefined)?.function);
      if (fn !== undefined && moduleType !== 'consumer') resolvers.push({ key: String(entry.key), moduleType, functionKey: fn });
    }
  }
  const background = new Set([...consumerFunctionKeys, ...scheduledTriggers.map((t) => t.functionKey)]);
  const interactive = new Set([...triggers.map((t) => t.functionKey), ...resolvers.map((r) => r.functionKey)]);
  const functions = new Map<string, HostedFunction>();
  for (const fn of list(modules.function)) {
    const key = required(str(fn.key), 'a function needs a key');
    const handler = required(str(fn.handler), `function ${key} needs a handler`);
    const dot = handler.lastIndexOf('.');
    const onlyBackground = background.has(key) && !interactive.has(key);
    const declared = typeof fn.timeoutSeconds === 'number' ? fn.timeoutSeconds : undefined;
    const timeoutSeconds = onlyBackground
      ? Math.min(declared ?? BACKGROUND_DEFAULT, BACKGROUND_CAP)
      : Math.min(declared ?? INTERACTIVE_CAP, INTERACTIVE_CAP);
    functions.set(key, { key, handler, file: handler.slice(0, dot), exportName: handler.slice(dot + 1), timeoutSeconds });
  }
  for (const ref of [...triggers, ...scheduledTriggers, ...resolvers]) {
    if (!functions.has(ref.functionKey)) throw new ManifestError(`${ref.key} refers to function ${ref.functionKey}, which manifest.yml does not declare`);
  }
  return { functions, triggers, scheduledTriggers, resolvers, consumerFunctionKeys };
}

function required<T>(value: T | undefined, message: string): T {
  if (value === undefined) throw new ManifestError(`manifest.yml: ${message}`);
  return value;
}
