import { describe, expect, it } from 'vitest';
import { adf, APP, BEN, CHLOE, FINN, harness, type Harness, type IssueJson } from './harness.js';

/** A fresh RF Task (To Do, unassigned) created by the app, with the events of its creation cleared. */
async function freshIssue(h: Harness, project = 'RF'): Promise<string> {
  const reply = await h.call('POST', '/rest/api/3/issue', { body: { fields: { project: { key: project }, issuetype: { name: 'Task' }, summary: 'Workflow issue' } } });
  h.events.length = 0;
  h.clock.advance(1000);
  return (reply.body as { key: string }).key;
}

type TransitionJson = { id: string; name: string; to: { id: string; name: string; statusCategory: { key: string } }; isGlobal: boolean };

describe('transitions', () => {
  it('lists the transitions out of the current status, each with its target status', async () => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    const { status, body } = await h.call('GET', `/rest/api/3/issue/${key}/transitions`);
    expect(status).toBe(200);
    const transitions = (body as { transitions: TransitionJson[] }).transitions;
    expect(transitions.map((t) => [t.id, t.name, t.to.name, t.to.statusCategory.key, t.isGlobal])).toEqual([
      ['11', 'Start progress', 'In Progress', 'indeterminate', false],
      ['31', 'Done', 'Done', 'done', true],
    ]);
    const one = await h.call('GET', `/rest/api/3/issue/${key}/transitions?transitionId=31`);
    expect((one.body as { transitions: TransitionJson[] }).transitions.map((t) => t.id)).toEqual(['31']);
  });

  it('moves the issue, sets a resolution on the way into done, and records both in the changelog', async () => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    expect((await h.call('POST', `/rest/api/3/issue/${key}/transitions`, { as: BEN, body: { transition: { id: '31' } } })).status).toBe(204);
    const issue = (await h.call('GET', `/rest/api/3/issue/${key}`)).body as IssueJson;
    expect(issue.fields).toMatchObject({
      status: { name: 'Done', statusCategory: { key: 'done' } }, resolution: { name: 'Done' },
      resolutiondate: '2026-03-02T09:00:01.000+0000', statuscategorychangedate: '2026-03-02T09:00:01.000+0000',
    });
    expect(h.events).toEqual([expect.objectContaining({
      eventType: 'avi:jira:updated:issue',
      atlassianId: BEN,
      changelog: {
        id: expect.any(String) as unknown,
        items: [
          { field: 'resolution', fieldtype: 'jira', fieldId: 'resolution', from: null, fromString: null, to: '10000', toString: 'Done' },
          { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: 'To Do', to: '10002', toString: 'Done' },
        ],
      },
      associatedStatuses: [{ id: '10000', name: 'To Do' }, { id: '10002', name: 'Done' }],
    })]);

    // Reopening leaves the done category, which clears the resolution.
    await h.call('POST', `/rest/api/3/issue/${key}/transitions`, { body: { transition: { id: 51 } } });
    const reopened = (await h.call('GET', `/rest/api/3/issue/${key}?fields=status,resolution,resolutiondate`)).body as IssueJson;
    expect(reopened.fields).toEqual({ status: expect.objectContaining({ name: 'To Do' }) as unknown, resolution: null, resolutiondate: null });
  });

  it('takes a resolution named in the transition', async () => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    await h.call('POST', `/rest/api/3/issue/${key}/transitions`, { body: { transition: { id: '31' }, fields: { resolution: { name: "Won't Do" } } } });
    expect(((await h.call('GET', `/rest/api/3/issue/${key}?fields=resolution`)).body as IssueJson).fields.resolution).toMatchObject({ id: '10001' });
  });

  it.each([
    ['a transition that does not leave the current status', { transition: { id: '21' } }, { errorMessages: ["Transition id '21' is not valid for this issue."], errors: {} }],
    ['a transition id that is not a number', { transition: { id: 'done' } }, { errorMessages: ["'transition' identifier must be an integer"], errors: {} }],
    ['no transition', { fields: {} }, { errorMessages: ["'transition' identifier must be an integer"], errors: {} }],
    ['a field that is not on the transition screen', { transition: { id: '11' }, fields: { summary: 'x' } }, { errorMessages: [], errors: { summary: "Field 'summary' cannot be set. It is not on the appropriate screen, or unknown." } }],
    ['a resolution on the way to a status that is not done', { transition: { id: '11' }, fields: { resolution: { name: 'Done' } } }, { errorMessages: [], errors: { resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown." } }],
  ])('answers 400 for %s and changes nothing', async (_name, body, expected) => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    expect(await h.call('POST', `/rest/api/3/issue/${key}/transitions`, { body })).toMatchObject({ status: 400, body: expected });
    expect(h.events).toEqual([]);
    expect(((await h.call('GET', `/rest/api/3/issue/${key}?fields=status`)).body as IssueJson).fields.status).toMatchObject({ name: 'To Do' });
  });

  it('offers a viewer no transitions and refuses theirs', async () => {
    const h = harness();
    expect((await h.call('GET', '/rest/api/3/issue/RF-1/transitions', { as: FINN })).body).toEqual({ expand: 'transitions', transitions: [] });
    expect((await h.call('POST', '/rest/api/3/issue/RF-1/transitions', { as: FINN, body: { transition: { id: '31' } } })).status).toBe(400);
    expect((await h.call('GET', '/rest/api/3/issue/OPS-1/transitions', { as: FINN })).status).toBe(404);
  });
});

describe('comments', () => {
  it('adds an ADF comment as the caller, moves updated, and raises commented without a changelog entry', async () => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    const reply = await h.call('POST', `/rest/api/3/issue/${key}/comment`, { as: CHLOE, body: { body: adf('Looks good to me') } });
    expect(reply).toMatchObject({ status: 201, body: { id: '10000', author: { accountId: CHLOE, displayName: 'Chloé Martin' }, body: adf('Looks good to me'), created: '2026-03-02T09:00:01.000+0000' } });
    expect(((await h.call('GET', `/rest/api/3/issue/${key}?fields=updated`)).body as IssueJson).fields.updated).toBe('2026-03-02T09:00:01.000+0000');
    expect(h.events).toEqual([{
      eventType: 'avi:jira:commented:issue',
      atlassianId: CHLOE,
      issue: expect.objectContaining({ key }) as unknown,
      comment: {
        id: '10000', author: { accountId: CHLOE }, body: 'Looks good to me', updateAuthor: { accountId: CHLOE },
        created: '2026-03-02T09:00:01.000+0000', updated: '2026-03-02T09:00:01.000+0000', jsdPublic: true,
      },
    }]);
  });

  it('pages comments with startAt and maxResults, oldest first unless -created', async () => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    for (const n of [1, 2, 3, 4, 5]) await h.call('POST', `/rest/api/3/issue/${key}/comment`, { body: { body: adf(`comment ${String(n)}`) } });
    const page = (await h.call('GET', `/rest/api/3/issue/${key}/comment?startAt=1&maxResults=2`)).body as { startAt: number; maxResults: number; total: number; comments: { body: unknown }[] };
    expect({ ...page, comments: page.comments.map((c) => c.body) }).toEqual({ startAt: 1, maxResults: 2, total: 5, comments: [adf('comment 2'), adf('comment 3')] });
    const newest = (await h.call('GET', `/rest/api/3/issue/${key}/comment?orderBy=-created&maxResults=1`)).body as { comments: { body: unknown }[] };
    expect(newest.comments.map((c) => c.body)).toEqual([adf('comment 5')]);
    expect((await h.call('GET', `/rest/api/3/issue/${key}/comment?orderBy=author`)).status).toBe(400);
  });

  it.each([
    ['a plain string body', { body: 'hello' }, { comment: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)' }],
    ['no body', {}, { comment: 'Comment body can not be empty!' }],
    ['an empty document', { body: { type: 'doc', version: 1, content: [] } }, { comment: 'Comment body can not be empty!' }],
  ])('answers 400 for %s', async (_name, body, errors) => {
    const h = harness();
    expect(await h.call('POST', '/rest/api/3/issue/RF-1/comment', { body })).toMatchObject({ status: 400, body: { errorMessages: [], errors } });
    expect(h.events).toEqual([]);
  });

  it('refuses a viewer with 403', async () => {
    const h = harness();
    expect(await h.call('POST', '/rest/api/3/issue/RF-1/comment', { as: FINN, body: { body: adf('hi') } })).toMatchObject({ status: 403, body: { errorMessages: ['You do not have the permission to comment on this issue.'] } });
  });
});

describe('comment properties', () => {
  const marker = { key: 'ruleforge.run', value: { run: 'abc', action: 2 } };

  it('stores the properties given with a comment and answers each by key; a key it lacks is a 404 in Jira’s shape', async () => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    const posted = await h.call('POST', `/rest/api/3/issue/${key}/comment`, { body: { body: adf('Marked'), properties: [marker, { key: 'n', value: 7 }] } });
    expect(posted.status).toBe(201);
    const id = (posted.body as { id: string }).id;
    expect(await h.call('GET', `/rest/api/3/comment/${id}/properties/ruleforge.run`)).toMatchObject({ status: 200, body: marker });
    expect(await h.call('GET', `/rest/api/3/comment/${id}/properties/n`, { as: BEN })).toMatchObject({ status: 200, body: { key: 'n', value: 7 } });
    expect(await h.call('GET', `/rest/api/3/comment/${id}/properties/other`)).toEqual({
      status: 404, headers: expect.anything() as unknown, body: { errorMessages: ["The property with key 'other' does not exist."], errors: {} },
    });
  });

  it('answers a comment on an issue the caller cannot browse exactly as a comment that does not exist', async () => {
    const h = harness();
    const posted = await h.call('POST', '/rest/api/3/issue/OPS-1/comment', { body: { body: adf('Ops only'), properties: [marker] } });
    const id = (posted.body as { id: string }).id;
    expect((await h.call('GET', `/rest/api/3/comment/${id}/properties/ruleforge.run`, { as: BEN })).status).toBe(200);
    const hidden = await h.call('GET', `/rest/api/3/comment/${id}/properties/ruleforge.run`, { as: FINN });
    const missing = await h.call('GET', '/rest/api/3/comment/99999999/properties/ruleforge.run', { as: FINN });
    expect(hidden).toMatchObject({ status: 404, body: { errorMessages: [`Can not find a comment for the id: ${id}.`], errors: {} } });
    expect(missing).toMatchObject({ status: 404, body: { errorMessages: ['Can not find a comment for the id: 99999999.'], errors: {} } });
  });

  it.each([
    ['properties that are not an array', { key: 'k', value: 1 }],
    ['a property without a key', [{ value: 1 }]],
    ['a key of 256 characters', [{ key: 'k'.repeat(256), value: 1 }]],
    ['a property without a value', [{ key: 'k' }]],
    ['a value over 32 KB', [{ key: 'k', value: 'x'.repeat(32_767) }]],
    ['a property with another field', [{ key: 'k', value: 1, self: 'x' }]],
  ])('answers 400 for %s, and adds no comment', async (_name, properties) => {
    const h = harness();
    const before = (await h.call('GET', '/rest/api/3/issue/RF-1/comment')).body as { total: number };
    expect(await h.call('POST', '/rest/api/3/issue/RF-1/comment', { body: { body: adf('hi'), properties } })).toMatchObject({ status: 400, body: { errorMessages: [expect.any(String)] } });
    expect(((await h.call('GET', '/rest/api/3/issue/RF-1/comment')).body as { total: number }).total).toBe(before.total);
    expect(h.events).toEqual([]);
  });

  it('takes a key of 255 characters and a value of exactly 32 KB', async () => {
    const h = harness();
    // JSON.stringify adds the two quotes: 32,766 characters make 32,768 bytes.
    const reply = await h.call('POST', '/rest/api/3/issue/RF-1/comment', { body: { body: adf('hi'), properties: [{ key: 'k'.repeat(255), value: 'x'.repeat(32_766) }] } });
    expect(reply.status).toBe(201);
  });
});

describe('PUT /issue/{key}/assignee', () => {
  it('assigns, raising updated and assigned with the assignee changelog item', async () => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    expect((await h.call('PUT', `/rest/api/3/issue/${key}/assignee`, { body: { accountId: BEN } })).status).toBe(204);
    const item = { field: 'assignee', fieldtype: 'jira', fieldId: 'assignee', from: null, fromString: null, to: BEN, toString: 'Ben Okafor' };
    expect(h.events.map((e) => [e.eventType, e.atlassianId, (e.changelog as { items: unknown[] }).items])).toEqual([
      ['avi:jira:updated:issue', APP, [item]],
      ['avi:jira:assigned:issue', APP, [item]],
    ]);
    expect(h.events[1]).toMatchObject({ associatedUsers: { associatedUsers: [{ accountId: BEN }] }, issue: { fields: { assignee: { accountId: BEN } } } });
  });

  it('unassigns with {accountId: null} or a null body, and does nothing for the same assignee', async () => {
    const h = harness({ data: 'empty' });
    const key = await freshIssue(h);
    await h.call('PUT', `/rest/api/3/issue/${key}/assignee`, { body: { accountId: BEN } });
    await h.call('PUT', `/rest/api/3/issue/${key}/assignee`, { body: { accountId: BEN } });
    expect(h.events).toHaveLength(2);
    await h.call('PUT', `/rest/api/3/issue/${key}/assignee`, { body: { accountId: null } });
    expect(((await h.call('GET', `/rest/api/3/issue/${key}?fields=assignee`)).body as IssueJson).fields.assignee).toBeNull();
    await h.call('PUT', `/rest/api/3/issue/${key}/assignee`, { body: { accountId: CHLOE } });
    expect((await h.call('PUT', `/rest/api/3/issue/${key}/assignee`, { rawBody: 'null' })).status).toBe(204);
    expect(((await h.call('GET', `/rest/api/3/issue/${key}?fields=assignee`)).body as IssueJson).fields.assignee).toBeNull();
  });

  it.each([
    ['an unknown account', { accountId: 'nobody' }, 400],
    ['a user without access to the project', { accountId: FINN }, 400],
    ['no accountId', { name: 'ben' }, 400],
  ])('answers %s with %i', async (_name, body, status) => {
    const h = harness();
    expect((await h.call('PUT', '/rest/api/3/issue/OPS-1/assignee', { body })).status).toBe(status);
    expect(h.events).toEqual([]);
  });

  it('refuses a viewer with 403', async () => {
    expect((await harness().call('PUT', '/rest/api/3/issue/RF-1/assignee', { as: FINN, body: { accountId: BEN } })).status).toBe(403);
  });
});
