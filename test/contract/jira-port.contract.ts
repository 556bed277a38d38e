/**
 * What every implementation of the Jira port must do, written once (hono's router-test model). The suite runs
 * against the demo site's data (decision 0011): RF is the software project, MKT holds 40 issues.
 */
import { describe, expect, it } from 'vitest';
import type { JiraIssue, JiraPort } from '../../src/ports/jira.js';

export type JiraPortHarness = {
  port: JiraPort;
  /** Makes the next Jira call answer `status` (429 with a Retry-After of `retryAfterSeconds`). */
  failNextCall(status: 429 | 500 | 503, retryAfterSeconds?: number): void;
  /** The account the port acts as (the app's). */
  appAccountId: string;
  /** A person who may be assigned RF issues. */
  assignee: string;
};

const adf = (text: string) => ({ type: 'doc' as const, version: 1 as const, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

async function read(h: JiraPortHarness, key: string, fields: string[]): Promise<JiraIssue> {
  const result = await h.port.getIssue(key, fields);
  if (!result.ok) throw new Error(`getIssue ${key}: ${result.failure.message}`);
  return result.value;
}

export function jiraPortContract(name: string, make: () => JiraPortHarness): void {
  describe(`Jira port contract: ${name}`, () => {
    it('reads an issue with only the fields asked for', async () => {
      const issue = await read(make(), 'RF-1', ['summary', 'labels']);
      expect(issue.key).toBe('RF-1');
      expect(Object.keys(issue.fields).sort()).toEqual(['labels', 'summary']);
    });

    it('answers a missing issue with a 404 that is not worth retrying, in Jira’s words', async () => {
      const result = await make().port.getIssue('RF-999999', ['summary']);
      expect(result).toMatchObject({ ok: false, failure: { status: 404, retryable: false } });
      if (!result.ok) expect(result.failure.message).toMatch(/does not exist/);
    });

    it('adds and removes labels with update verbs, leaving the other labels alone', async () => {
      const h = make();
      const before = (await read(h, 'RF-2', ['labels'])).fields['labels'] as string[];
      expect(await h.port.editIssue('RF-2', { update: { labels: [{ add: 'rf-added' }] } })).toEqual({ ok: true, value: null });
      expect((await read(h, 'RF-2', ['labels'])).fields['labels']).toEqual([...before, 'rf-added'].sort());
      await h.port.editIssue('RF-2', { update: { labels: [{ remove: 'rf-added' }] } });
      expect(((await read(h, 'RF-2', ['labels'])).fields['labels'] as string[]).sort()).toEqual([...before].sort());
    });

    it('reports a field Jira refuses as a 400 naming the field, and writes nothing', async () => {
      const h = make();
      const before = await read(h, 'RF-3', ['summary']);
      const result = await h.port.editIssue('RF-3', { fields: { summary: 'changed', nosuchfield: 1 } });
      expect(result).toMatchObject({ ok: false, failure: { status: 400, retryable: false, errors: { nosuchfield: expect.any(String) as unknown } } });
      expect((await read(h, 'RF-3', ['summary'])).fields['summary']).toBe(before.fields['summary']);
    });

    it('posts an ADF comment and returns its id', async () => {
      const h = make();
      const result = await h.port.addComment('RF-4', adf('From a rule'));
      expect(result.ok).toBe(true);
      const comments = (await read(h, 'RF-4', ['comment'])).fields['comment'] as { comments: { id: string; body: unknown }[] };
      const posted = comments.comments.find((c) => result.ok && c.id === result.value.id);
      expect(posted?.body).toEqual(adf('From a rule'));
    });

    it('lists comments newest first, with their author and ADF body', async () => {
      const h = make();
      const posted = await h.port.addComment('RF-4', adf('Newest'));
      const listed = await h.port.listComments('RF-4', { maxResults: 5 });
      if (!listed.ok || !posted.ok) throw new Error('comment calls failed');
      expect(listed.value.length).toBeGreaterThan(0);
      expect(listed.value.length).toBeLessThanOrEqual(5);
      expect(listed.value[0]).toMatchObject({ id: posted.value.id, authorAccountId: h.appAccountId, body: adf('Newest') });
    });

    it('stores properties given with a comment and reads each back; a key the comment lacks, or a comment that does not exist, reads as null', async () => {
      const h = make();
      const marker = { key: 'ruleforge.run', value: { run: 'a1b2', action: 3 } };
      const posted = await h.port.addComment('RF-4', adf('Marked'), [marker, { key: 'other', value: ['x'] }]);
      if (!posted.ok) throw new Error(posted.failure.message);
      expect(await h.port.getCommentProperty(posted.value.id, 'ruleforge.run')).toEqual({ ok: true, value: marker });
      expect(await h.port.getCommentProperty(posted.value.id, 'other')).toEqual({ ok: true, value: { key: 'other', value: ['x'] } });
      expect(await h.port.getCommentProperty(posted.value.id, 'nosuchkey')).toEqual({ ok: true, value: null });
      expect(await h.port.getCommentProperty('99999999', 'ruleforge.run')).toEqual({ ok: true, value: null });
      const plain = await h.port.addComment('RF-4', adf('Marked'));
      if (!plain.ok) throw new Error(plain.failure.message);
      expect(await h.port.getCommentProperty(plain.value.id, 'ruleforge.run')).toEqual({ ok: true, value: null });
    });

    it('refuses a comment whose property Jira cannot store with a 400, and posts nothing', async () => {
      const h = make();
      const before = await h.port.listComments('RF-4', { maxResults: 1 });
      const result = await h.port.addComment('RF-4', adf('Refused'), [{ key: 'k'.repeat(256), value: 1 }]);
      expect(result).toMatchObject({ ok: false, failure: { status: 400, retryable: false } });
      expect(await h.port.listComments('RF-4', { maxResults: 1 })).toEqual(before);
    });

    it('lists the transitions out of the current status and performs one', async () => {
      const h = make();
      const listed = await h.port.getTransitions('RF-5');
      if (!listed.ok) throw new Error(listed.failure.message);
      const target = listed.value[0];
      expect(target).toBeDefined();
      if (!target) return;
      expect(await h.port.transitionIssue('RF-5', target.id)).toEqual({ ok: true, value: null });
      expect((await read(h, 'RF-5', ['status'])).fields['status']).toMatchObject({ id: target.to.id, name: target.to.name });
    });

    it('refuses a transition that is not available with a 400', async () => {
      expect(await make().port.transitionIssue('RF-5', '999999')).toMatchObject({ ok: false, failure: { status: 400, retryable: false } });
    });

    it('assigns and unassigns', async () => {
      const h = make();
      expect(await h.port.assignIssue('RF-6', h.assignee)).toEqual({ ok: true, value: null });
      expect((await read(h, 'RF-6', ['assignee'])).fields['assignee']).toMatchObject({ accountId: h.assignee });
      expect(await h.port.assignIssue('RF-6', null)).toEqual({ ok: true, value: null });
      expect((await read(h, 'RF-6', ['assignee'])).fields['assignee']).toBeNull();
    });

    it('pages a JQL search with nextPageToken until the last page, each issue once, with only the fields asked for', async () => {
      const h = make();
      const keys: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await h.port.searchJql({ jql: 'project = MKT ORDER BY key ASC', fields: ['status'], maxResults: 15, ...(token === undefined ? {} : { nextPageToken: token }) });
        if (!page.ok) throw new Error(page.failure.message);
        for (const issue of page.value.issues) {
          expect(Object.keys(issue.fields)).toEqual(['status']);
          keys.push(issue.key);
        }
        token = page.value.nextPageToken;
        pages += 1;
      } while (token !== undefined && pages < 20);
      expect(pages).toBe(3);
      expect(new Set(keys).size).toBe(40);
    });

    it('answers JQL it cannot run with a 400 naming the problem', async () => {
      const result = await make().port.searchJql({ jql: 'project = MKT AND', fields: ['summary'] });
      expect(result).toMatchObject({ ok: false, failure: { status: 400, retryable: false } });
      if (!result.ok) expect(result.failure.message.length).toBeGreaterThan(10);
    });

    it('counts as many issues as paging the same JQL returns', async () => {
      const h = make();
      const jql = 'project = MKT AND statusCategory != Done';
      let seen = 0;
      let token: string | undefined;
      let pages = 0;
      do {
        const page = await h.port.searchJql({ jql, fields: ['status'], maxResults: 10, ...(token === undefined ? {} : { nextPageToken: token }) });
        if (!page.ok) throw new Error(page.failure.message);
        seen += page.value.issues.length;
        token = page.value.nextPageToken;
        pages += 1;
      } while (token !== undefined && pages < 20);
      expect(seen).toBeGreaterThan(0);
      expect(await h.port.countIssues(jql)).toEqual({ ok: true, value: seen });
      expect(await h.port.countIssues('project = MKT')).toEqual({ ok: true, value: 40 });
    });

    it('answers a count over JQL it cannot run with a 400 that is not worth retrying, in Jira’s words', async () => {
      const result = await make().port.countIssues('nosuchfield = 1');
      expect(result).toMatchObject({ ok: false, failure: { status: 400, retryable: false } });
      if (!result.ok) expect(result.failure.message).toBe("Field 'nosuchfield' does not exist or you do not have permission to view it.");
    });

    it('marks 429 as retryable with Jira’s Retry-After, and 5xx as retryable', async () => {
      const h = make();
      h.failNextCall(429, 7);
      expect(await h.port.getIssue('RF-1', ['summary'])).toMatchObject({ ok: false, failure: { status: 429, retryable: true, retryAfterSeconds: 7 } });
      h.failNextCall(503);
      expect(await h.port.addComment('RF-1', adf('x'))).toMatchObject({ ok: false, failure: { status: 503, retryable: true } });
      // A property read that fails is a failure to retry, never "not there".
      h.failNextCall(500);
      expect(await h.port.getCommentProperty('10000', 'ruleforge.run')).toMatchObject({ ok: false, failure: { status: 500, retryable: true } });
    });
  });
}
