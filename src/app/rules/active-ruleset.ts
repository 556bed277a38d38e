/**
 * The active-ruleset snapshot: what the hot path reads instead of the rule entities. For each Jira event type (and
 * one group for schedule rules), the enabled, unflagged rules' current documents, as one JSON text cut into plain
 * KVS values under fixed keys `active-rules:<group>:<part>`. An event reads its group with ONE getMany of all
 * MAX_CHUNKS keys, however many rules there are. Every chunk of a group carries the group's generation, a hash of
 * the group's text: two rebuilds of the same state write identical chunks, and a reader that catches a rebuild
 * half-way sees two generations and reads again.
 *
 * Ceiling (per group): MAX_CHUNKS × (CHUNK_BYTES − envelope) ≈ 16 × 199.75 KiB ≈ 3.27 MB of stored text. A rule
 * costs its JSON without `description` plus ~40 bytes, and about 15% more once escaped in a stored string: the
 * examples in rules/ cost 0.6–1.3 KB (0.84 KB on average), so one event type holds about 2,400–5,400 such rules
 * (3,900 at their mean), and at least 13 of the largest documents the store accepts (240 KiB stored). A rule that
 * listens to several events counts in each of their groups. Over the ceiling the rebuild refuses with
 * ACTIVE_RULESET_TOO_LARGE and the previous snapshot stays. Reading is bounded the same way: a getMany of 16 values
 * of 200 KiB stays under Forge's 4 MB batch payload. Note that KVS reads are metered in 10 KB units (4,000 per
 * minute per installation): a group of 1,000 typical rules (~850 KB) costs ~85 units per event.
 */
import { createHash } from 'node:crypto';
import { SUPPORTED_EVENTS } from '../../core/rule/limits.js';
import type { Rule } from '../../core/rule/rule-schema.js';
import { PermanentError, TransientError } from '../../ports/errors.js';
import { MAX_BATCH_ITEMS, MAX_PAGE, MAX_TRANSACTION_OPS, type ItemRef, type StoragePort, type TransactOp } from '../../ports/storage.js';
import { readSettings } from '../settings/settings.js';
import { noteRetention, settingsRef } from '../settings/retention-now.js';
import type { Retention } from '../settings/retention-policy.js';
import { auditTip } from './audit-log.js';
import { RULE_ENTITY, versionRef, type RuleHead, type StoredVersion } from './rule-records.js';
import { splitByStoredBytes } from './text-chunks.js';

/** `since`: when the head last changed (saved, enabled): the scheduler does not run due times from before it. */
export type ActiveRule = { ruleId: string; version: number; document: Rule; since?: string };
/** `generation` is null when no snapshot was ever built (or the event type is not one rules listen to). */
export type ActiveRuleSet = { rules: readonly ActiveRule[]; generation: string | null };

export const RULESET_GROUPS = [...SUPPORTED_EVENTS, 'schedule'] as const;
export type RulesetGroup = (typeof RULESET_GROUPS)[number];

export const CHUNK_BYTES = 200 * 1024;
export const MAX_CHUNKS = 16;
// Room for the chunk's other fields ({"generation":"…","part":15,"parts":16,"text":…}).
const ENVELOPE_BYTES = 256;
// Chunk writes per transaction: 4 × 200 KiB stays under the 1 MB some requests are capped at (FRGE-1916).
const SETS_PER_TRANSACTION = 4;
// Version reads in flight at once while rebuilding.
const PARALLEL_BATCHES = 4;
const MAX_ROUNDS = 3;

type Chunk = { generation: string; part: number; parts: number; text: string };

export const chunkKey = (group: RulesetGroup, part: number): string => `active-rules:${group}:${part}`;

const isGroup = (value: string): value is RulesetGroup => (RULESET_GROUPS as readonly string[]).includes(value);

const runnable = (head: RuleHead): boolean => head.enabled && head.flag === undefined && head.triggerType !== 'manual';

/** The document as the hot path needs it: no prose, and `enabled` as the head says (it is in the set, so true). */
function compact(rule: Rule): Rule {
  const document: Rule = { ...rule, enabled: true };
  delete document.description;
  delete document.$schema;
  return document;
}

/** Heads through the by-name index pages; their current versions with getMany, 25 at a time. */
async function loadActiveRules(storage: StoragePort): Promise<ActiveRule[]> {
  // Paused: no rule is active, so events and ticks find nothing to run (decision 0014). A resumed schedule rule
  // counts as enabled at the resume: it does not catch up on due times missed while paused.
  const settings = await readSettings(storage);
  if (settings.paused) return [];
  const resumedAt = settings.pausedChangedAt ?? '';
  const heads: RuleHead[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.query<RuleHead>({ entity: RULE_ENTITY, index: 'by-name', limit: MAX_PAGE, ...(cursor === undefined ? {} : { cursor }) });
    heads.push(...page.items.map((item) => item.value).filter(runnable));
    cursor = page.cursor;
  } while (cursor !== undefined);
  const batches: RuleHead[][] = [];
  for (let i = 0; i < heads.length; i += MAX_BATCH_ITEMS) batches.push(heads.slice(i, i + MAX_BATCH_ITEMS));
  const rules: ActiveRule[] = [];
  for (let i = 0; i < batches.length; i += PARALLEL_BATCHES) {
    const results = await Promise.all(
      batches.slice(i, i + PARALLEL_BATCHES).map((batch) => storage.getMany<StoredVersion>(batch.map((head) => versionRef(head.ruleId, head.version)))),
    );
    const heads = batches.slice(i, i + PARALLEL_BATCHES).flat();
    for (const [j, stored] of results.flat().entries()) {
      // A version missing under its head means the rule was deleted meanwhile; the settle check rebuilds again.
      if (stored === undefined) continue;
      const document = compact(JSON.parse(stored.document) as Rule);
      const updatedAt = heads[j]?.updatedAt;
      const since = updatedAt === undefined || updatedAt >= resumedAt ? updatedAt : resumedAt;
      rules.push({ ruleId: stored.ruleId, version: stored.version, document, ...(document.trigger.type === 'schedule' && since !== undefined ? { since } : {}) });
    }
  }
  return rules;
}

function groupOf(rule: Rule): RulesetGroup[] {
  if (rule.trigger.type === 'event') return [...rule.trigger.events];
  return rule.trigger.type === 'schedule' ? ['schedule'] : [];
}

type GroupLayout = { group: RulesetGroup; rules: number; chunks: Chunk[] };

function layOut(rules: readonly ActiveRule[]): GroupLayout[] {
  const byGroup = new Map<RulesetGroup, ActiveRule[]>(RULESET_GROUPS.map((group) => [group, []]));
  const sorted = [...rules].sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  for (const rule of sorted) for (const group of groupOf(rule.document)) byGroup.get(group)?.push(rule);
  return [...byGroup].map(([group, members]) => {
    const text = JSON.stringify(members);
    const generation = createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
    const pieces = splitByStoredBytes(text, CHUNK_BYTES - ENVELOPE_BYTES);
    if (pieces.length > MAX_CHUNKS) {
      throw new PermanentError(
        'ACTIVE_RULESET_TOO_LARGE',
        `The ${members.length} active rules for ${group} need ${pieces.length} chunks of ${CHUNK_BYTES} bytes; the ceiling is ${MAX_CHUNKS}.`,
      );
    }
    return { group, rules: members.length, chunks: pieces.map((piece, part) => ({ generation, part, parts: pieces.length, text: piece })) };
  });
}

/**
 * Highest part first and chunk 0 (which says how many parts there are) last; leftovers of a longer earlier
 * snapshot are deleted after. A group of up to four chunks is written in one transaction, so readers never see
 * it half-written.
 */
async function writeGroup(storage: StoragePort, layout: GroupLayout): Promise<void> {
  const ops: TransactOp[] = [...layout.chunks]
    .reverse()
    .map((chunk): TransactOp => ({ op: 'set', ref: { key: chunkKey(layout.group, chunk.part) }, value: chunk }));
  for (let part = layout.chunks.length; part < MAX_CHUNKS; part++) ops.push({ op: 'delete', ref: { key: chunkKey(layout.group, part) } });
  let batch: TransactOp[] = [];
  let sets = 0;
  for (const op of ops) {
    if (batch.length === MAX_TRANSACTION_OPS || (op.op === 'set' && sets === SETS_PER_TRANSACTION)) {
      await storage.transact(batch);
      batch = [];
      sets = 0;
    }
    batch.push(op);
    if (op.op === 'set') sets++;
  }
  if (batch.length > 0) await storage.transact(batch);
}

export type RebuildReport = { rules: number; rounds: number; groups: { group: RulesetGroup; rules: number; chunks: number; generation: string }[] };

/**
 * Rebuilds every group from the rule entities. The audit tip (every change moves it, in the change's own
 * transaction) is read before and after: if a change landed meanwhile, this rebuild may have written older state
 * over a newer rebuild's, so it runs again.
 */
export async function rebuildActiveRuleset(storage: StoragePort): Promise<RebuildReport> {
  for (let round = 1; round <= MAX_ROUNDS; round++) {
    const before = await auditTip(storage);
    const rules = await loadActiveRules(storage);
    const layouts = layOut(rules);
    await Promise.all(layouts.map((layout) => writeGroup(storage, layout)));
    const after = await auditTip(storage);
    if (after.seq === before.seq) {
      const groups = layouts.map((l) => ({ group: l.group, rules: l.rules, chunks: l.chunks.length, generation: l.chunks[0]?.generation ?? '' }));
      return { rules: rules.length, rounds: round, groups };
    }
  }
  throw new TransientError('ACTIVE_RULESET_UNSETTLED', `Rules kept changing during ${MAX_ROUNDS} rebuilds of the active ruleset; rebuild again.`);
}

const EMPTY: ActiveRuleSet = Object.freeze({ rules: Object.freeze([]), generation: null });

// Parsed groups by generation. Generations are content hashes, so an entry can never be stale, whatever storage it
// came from; a warm invocation skips the parse when nothing changed. One entry per group bounds the memory.
const parsed = new Map<RulesetGroup, ActiveRuleSet>();

function isChunk(value: unknown): value is Chunk {
  if (value === null || typeof value !== 'object') return false;
  const chunk = value as Record<string, unknown>;
  return typeof chunk.generation === 'string' && typeof chunk.text === 'string' && Number.isInteger(chunk.part) && Number.isInteger(chunk.parts);
}

/** The group's rules, or undefined when the chunks come from different generations (a rebuild is writing). */
function assemble(group: RulesetGroup, chunks: readonly unknown[]): ActiveRuleSet | undefined {
  const first = chunks[0];
  if (first === undefined) return EMPTY;
  if (!isChunk(first)) return undefined;
  const parts = chunks.slice(0, first.parts);
  const whole = parts.length === first.parts && parts.every((chunk, part) => isChunk(chunk) && chunk.generation === first.generation && chunk.part === part);
  if (!whole) return undefined;
  const cached = parsed.get(group);
  if (cached?.generation === first.generation) return cached;
  let rules: ActiveRule[];
  try {
    rules = JSON.parse((parts as Chunk[]).map((chunk) => chunk.text).join('')) as ActiveRule[];
  } catch (error) {
    throw new PermanentError('ACTIVE_RULESET_CORRUPT', `The active ruleset for ${group} does not parse; rebuild it.`, { cause: error });
  }
  const set: ActiveRuleSet = { rules, generation: first.generation };
  parsed.set(group, set);
  return set;
}

async function readGroup(storage: StoragePort, group: RulesetGroup): Promise<ActiveRuleSet> {
  // The settings item rides along (17 of a getMany's 25): the event's writes learn their TTLs from it (decision 0015),
  // and the pause-all switch is honoured by the read itself, even if the rebuild that empties the snapshot on a pause
  // failed or has not landed yet.
  const refs: ItemRef[] = [...Array.from({ length: MAX_CHUNKS }, (_, part) => ({ key: chunkKey(group, part) })), settingsRef];
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = await storage.getMany(refs);
    const settings = found[MAX_CHUNKS] as { retention?: Partial<Retention>; paused?: boolean } | undefined;
    noteRetention(storage, settings?.retention);
    if (settings?.paused === true) return EMPTY;
    const set = assemble(group, found.slice(0, MAX_CHUNKS));
    if (set !== undefined) return set;
  }
  throw new TransientError('ACTIVE_RULESET_TORN', `The active ruleset for ${group} was being rewritten; read it again.`);
}

/**
 * The rules listening to `eventType`, in one storage round trip (two if a rebuild raced the first). The result is
 * shared with other readers of the same generation: treat it as read-only.
 */
export function readActiveRules(storage: StoragePort, eventType: string): Promise<ActiveRuleSet> {
  return isGroup(eventType) && eventType !== 'schedule' ? readGroup(storage, eventType) : Promise.resolve(EMPTY);
}

/** The enabled, unflagged schedule rules, the same way. */
export function readScheduledRules(storage: StoragePort): Promise<ActiveRuleSet> {
  return readGroup(storage, 'schedule');
}
