import { readFileSync } from 'node:fs';
import type { JqlCatalog, JqlContext, JqlIssue } from '../../../../src/local/jira/jql/index.js';

const VECTORS = new URL('../../../vectors/jql/', import.meta.url);

export function readVectors(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, VECTORS), 'utf8'));
}

type Fixture = { context: JqlContext; catalog: JqlCatalog; issues: JqlIssue[] };
export const fixture = readVectors('issues.json') as Fixture;

export type ContextOverrides = Partial<Pick<JqlContext, 'now' | 'currentUser' | 'timeZone'>> & { catalog?: boolean };

export function contextWith(overrides: ContextOverrides = {}): JqlContext {
  const { catalog, ...rest } = overrides;
  return { ...fixture.context, ...rest, ...(catalog ? { catalog: fixture.catalog } : {}) };
}
