import type { Page, RangeCondition, StoragePort } from '../../ports/storage.js';
import { executionRef, type ExecutionRecord } from './execution-record.js';

export type ExecutionFilter = { ruleId?: string; status?: string; issueKey?: string; from?: string; to?: string; cursor?: string; limit?: number };

/** startedAt bounds as the index's range condition (ISO instants compare as strings). */
function timeRange(filter: ExecutionFilter): { range?: RangeCondition } {
  const from = filter.from === undefined ? undefined : new Date(filter.from).toISOString();
  const to = filter.to === undefined ? undefined : new Date(filter.to).toISOString();
  if (from !== undefined && to !== undefined) return { range: { op: 'between', from, to } };
  if (from !== undefined) return { range: { op: 'greaterThanEqualTo', value: from } };
  if (to !== undefined) return { range: { op: 'lessThanEqualTo', value: to } };
  return {};
}

/**
 * Executions newest first, through the one index that answers the filter (by rule, status or issue, else by time),
 * a page at a time: the admin page never loads everything. Several filters at once use the most selective index
 * (issue, then rule, then status) and narrow the page by the others.
 */
export async function listExecutions(storage: StoragePort, filter: ExecutionFilter): Promise<Page<ExecutionRecord>> {
  const limit = Math.min(100, Math.max(1, filter.limit ?? 25));
  const cursor = filter.cursor === undefined ? {} : { cursor: filter.cursor };
  const index = filter.issueKey !== undefined
    ? { index: 'by-issue-time', partition: [filter.issueKey] }
    : filter.ruleId !== undefined
      ? { index: 'by-rule-time', partition: [filter.ruleId] }
      : filter.status !== undefined
        ? { index: 'by-status-time', partition: [filter.status] }
        : { index: 'by-time' };
  const page = await storage.query<ExecutionRecord>({ entity: 'execution', ...index, ...timeRange(filter), sort: 'DESC', limit, ...cursor });
  const items = page.items.filter(({ value }) =>
    (filter.ruleId === undefined || value.ruleId === filter.ruleId) &&
    (filter.status === undefined || value.status === filter.status) &&
    (filter.issueKey === undefined || value.issueKey === filter.issueKey));
  return page.cursor === undefined ? { items } : { items, cursor: page.cursor };
}

export async function getExecution(storage: StoragePort, executionId: string): Promise<ExecutionRecord | null> {
  return (await storage.get<ExecutionRecord>(executionRef(executionId))) ?? null;
}
