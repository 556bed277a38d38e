import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './chromium.js';
import { startDevServer, type DevServer } from './dev-server-process.js';

// The admin page in headless Chromium against `npm start` (in memory): the built page, the real @forge/bridge over
// the local bridge, the real resolvers in the local runtime and the simulated Jira site. Everything is done by the
// names a person reads on the page. UPDATE_SCREENSHOTS=1 also refreshes the README's screenshot of the editor.
let server: DevServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDevServer();
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser.close();
  server.stop();
});

const BEN = '557058:local-ben';
const WAIT = { timeout: 30_000 };

async function openPage(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // Content-security-policy refusals would show here: the local server sends the policy Forge would.
  page.on('console', (message) => { if (message.type() === 'error' && /Content Security Policy|Refused/.test(message.text())) errors.push(message.text()); });
  // No analytics, telemetry or anything else leaves the page: every request it makes goes to the app's own origin.
  page.on('request', (request) => {
    const url = new URL(request.url());
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== new URL(server.base).origin) errors.push(`request to ${url.origin}`);
  });
  await page.goto(`${server.base}/admin/${path}`);
  return { page, errors };
}

describe('the admin page in a browser', () => {
  it('refuses a user who is not a Jira administrator, and the page calls no other origin', async () => {
    const { page, errors } = await openPage(`?as=${BEN}`);
    await page.getByText('Only Jira administrators can use Ruleforge').waitFor(WAIT);
    expect(await page.getByRole('link', { name: 'New rule' }).count() + await page.getByRole('button', { name: 'New rule' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('writes the README rule in the form, shows a problem at its field, dry-runs, saves, and shows the execution an event caused', async () => {
    const { page, errors } = await openPage('#/rules');
    await page.getByRole('button', { name: 'New rule' }).click();

    // A problem shows at its field as it is typed, and goes when fixed.
    const ruleId = page.getByLabel('Rule id');
    await ruleId.fill('Reopened In Form!');
    await expect.poll(() => ruleId.getAttribute('aria-invalid'), WAIT).toBe('true');
    const describedBy = (await ruleId.getAttribute('aria-describedby')) ?? '';
    expect(describedBy).not.toBe('');
    expect(await page.locator(`[id="${describedBy.split(' ')[0] ?? ''}"]`).textContent()).toMatch(/\S/);
    await ruleId.fill('reopened-in-form');
    await expect.poll(() => ruleId.getAttribute('aria-invalid'), WAIT).not.toBe('true');

    await page.getByLabel('Name', { exact: true }).fill('Comment when reopened (form)');
    expect(await page.getByLabel('Issue updated (avi:jira:updated:issue)').isChecked()).toBe(true);
    await page.getByLabel('Changed fields').fill('status');
    await page.getByRole('button', { name: 'Add condition' }).click();
    await page.getByLabel('Condition 1 field').fill('status');
    await page.getByLabel('Condition 1 operator').selectOption('changedFrom');
    await page.getByLabel('Condition 1 value').fill('Done');
    const first = page.getByRole('group', { name: 'Action 1' });
    await first.getByLabel('Comment body').fill('Reopened after being Done: please say what changed.');
    await page.getByRole('button', { name: 'Add action' }).click();
    const second = page.getByRole('group', { name: 'Action 2' });
    await second.getByLabel('Action type').selectOption('addLabels');
    await second.getByLabel('Labels').fill('reopened');
    await expect.poll(() => page.getByRole('list', { name: 'Problems in this rule' }).count(), WAIT).toBe(0);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(new URL('../../docs/images/', import.meta.url), { recursive: true });
      await page.screenshot({ path: new URL('../../docs/images/rule-editor.png', import.meta.url).pathname, fullPage: true });
    }

    // A dry run on a Done issue: nothing changed it from Done, so the rule does not match, and nothing is written.
    await page.getByRole('tab', { name: 'Test' }).click();
    await page.getByLabel('Issue key').fill('RF-86');
    await page.getByRole('button', { name: 'Dry run' }).click();
    const result = page.getByRole('region', { name: 'Dry run of RF-86' });
    await result.waitFor(WAIT);
    expect(await result.textContent()).toMatch(/not match/i);
    await page.getByRole('tab', { name: 'Explain trace' }).or(page.getByRole('list', { name: 'Explain trace' })).first().waitFor(WAIT);

    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/#\/rules\/reopened-in-form$/, WAIT);

    // A person reopens the Done issue in Jira: the product event runs the saved rule.
    const reopened = await fetch(`${server.base}/rest/api/3/issue/RF-86/transitions`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-ruleforge-user': BEN }, body: JSON.stringify({ transition: { id: '51' } }),
    });
    expect(reopened.status).toBe(204);

    await page.goto(`${server.base}/admin/#/executions?ruleId=reopened-in-form`);
    await expect.poll(async () => {
      await page.reload();
      return page.getByRole('row').filter({ hasText: 'RF-86' }).filter({ hasText: /success/i }).count();
    }, { timeout: 60_000, interval: 1000 }).toBe(1);
    await page.getByRole('row').filter({ hasText: 'RF-86' }).getByRole('link').first().click();
    // The detail: both actions done, and the trace says why the rule ran.
    await page.getByText('added reopened').waitFor(WAIT);
    expect(await page.getByRole('row').filter({ hasText: 'comment' }).filter({ hasText: 'Done' }).count()).toBeGreaterThan(0);
    await page.getByText(/changedFrom.*status.*Done.*true/).first().waitFor(WAIT);
    // And Jira has the comment and the label.
    const issue = (await (await fetch(`${server.base}/rest/api/3/issue/RF-86?fields=labels`)).json()) as { fields: { labels: string[] } };
    expect(issue.fields.labels).toContain('reopened');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);
});
