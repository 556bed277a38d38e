import { ProcessorBuilder, ValidationTypes, validate, type ValidationError } from '@forge/manifest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { SUPPORTED_EVENTS } from '../src/core/rule/limits.js';

const manifestPath = fileURLToPath(new URL('../manifest.yml', import.meta.url));

type Manifest = {
  modules: {
    trigger: { key: string; function: string; events: string[]; filter?: { ignoreSelf?: boolean } }[];
    function: { key: string; handler: string; timeoutSeconds?: number }[];
  };
  permissions: { scopes: string[]; external?: unknown };
};

const readManifest = (): Manifest => parse(readFileSync(manifestPath, 'utf8')) as Manifest;

const productTriggerValidation = (path: string) =>
  ProcessorBuilder.instance().withValidation(ValidationTypes.PRODUCT_TRIGGER).build().process(path);

const describeErrors = (errors: ValidationError[] | undefined): string =>
  (errors ?? []).map((e) => `${e.level} line ${e.line ?? '?'}: ${e.message}`).join('\n');

// Each processor compiles the 2.3 MB manifest JSON Schema with ajv when it is built: tens of seconds on a busy
// 2-core machine. Everything is validated once, here, so no single test carries that cost against its timeout.
const COMPILE_TIMEOUT_MS = 300_000;

let full: Awaited<ReturnType<typeof validate>>;
let productTrigger: Awaited<ReturnType<typeof productTriggerValidation>>;
let withoutReadScope: { full: typeof full; productTrigger: typeof productTrigger };
let tempDir: string | undefined;

beforeAll(async () => {
  full = await validate(false, manifestPath);
  productTrigger = await productTriggerValidation(manifestPath);

  // @forge/manifest resolves handlers against <manifest dir>/src, so the copy gets a stub src/index.ts beside it.
  tempDir = mkdtempSync(join(tmpdir(), 'ruleforge-manifest-'));
  mkdirSync(join(tempDir, 'src'));
  writeFileSync(join(tempDir, 'src', 'index.ts'), ['onJiraEvent', 'onWork', 'adminResolver', 'onScheduleTick'].map((name) => `export const ${name} = async () => undefined;\n`).join(''));
  // The admin page's resource folder must exist beside the copy too.
  mkdirSync(join(tempDir, 'static', 'admin'), { recursive: true });
  writeFileSync(join(tempDir, 'static', 'admin', 'index.html'), '<!doctype html><title>stub</title>\n');
  const copy = readManifest();
  copy.permissions.scopes = copy.permissions.scopes.filter((scope) => scope !== 'read:jira-work');
  const copyPath = join(tempDir, 'manifest.yml');
  writeFileSync(copyPath, stringify(copy));
  withoutReadScope = {
    full: await validate(false, copyPath),
    productTrigger: await productTriggerValidation(copyPath),
  };
}, COMPILE_TIMEOUT_MS);

afterAll(() => {
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
});

describe('manifest.yml', () => {
  it('passes @forge/manifest full validation', () => {
    expect(full.errors ?? [], describeErrors(full.errors)).toEqual([]);
    expect(full.success).toBe(true);
  });

  it('passes the product-trigger scope validation (full validation does not run it)', () => {
    expect(productTrigger.errors ?? [], describeErrors(productTrigger.errors)).toEqual([]);
    expect(productTrigger.success).toBe(true);
  });

  it('asks for exactly the three scopes and no egress', () => {
    const { permissions } = readManifest();
    expect([...permissions.scopes].sort()).toEqual(['read:jira-work', 'storage:app', 'write:jira-work']);
    expect(permissions).not.toHaveProperty('external');
  });

  it('subscribes to exactly the supported events and ignores the app\'s own changes', () => {
    // Misspelt event names pass both validators, so the names are checked against the engine's own list.
    const triggers = readManifest().modules.trigger;
    const events = triggers.flatMap((trigger) => trigger.events);
    for (const event of events) expect(SUPPORTED_EVENTS).toContain(event);
    expect(new Set(events)).toEqual(new Set(SUPPORTED_EVENTS));
    for (const trigger of triggers) expect(trigger.filter?.ignoreSelf, trigger.key).toBe(true);
  });

  it('keeps trigger functions within the 25 s product-event limit (only forge lint, online, checks it)', () => {
    const { trigger, function: functions } = readManifest().modules;
    for (const { function: key } of trigger) {
      const fn = functions.find((candidate) => candidate.key === key);
      expect(fn, `function ${key}`).toBeDefined();
      expect(fn?.timeoutSeconds ?? 25).toBeLessThanOrEqual(25);
    }
  });
});

describe('the validators catch a missing scope', () => {
  it('full validation still passes the copy, so the copy is otherwise valid (handlers resolve)', () => {
    expect(withoutReadScope.full.errors ?? [], describeErrors(withoutReadScope.full.errors)).toEqual([]);
  });

  it('product-trigger validation fails once per event that needs read:jira-work', () => {
    expect(withoutReadScope.productTrigger.success).toBe(false);
    expect((withoutReadScope.productTrigger.errors ?? []).map((e) => e.message).sort()).toEqual(
      SUPPORTED_EVENTS.map((event) => `Trigger event: '${event}' requires 'read:jira-work' scope`).sort(),
    );
  });
});
