import '../components/jsdom-shims.js';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppSettings } from '../../../app/settings/settings.js';
import type { RuleHead } from '../../../app/rules/rule-records.js';
import { fakeClient, ok, renderWithClient } from '../test-support.js';
import { readText } from './rules-import.js';
import { SettingsView } from './settings-view.js';

vi.mock('@forge/bridge', () => ({ invoke: () => Promise.reject(new Error('tests use the fake client')) }));
// jsdom has no object URLs: the export test puts its own in place, and they are taken out again after each test.
const OBJECT_URL_METHODS = ['createObjectURL', 'revokeObjectURL'] as const;
const objectUrls = OBJECT_URL_METHODS.map((name) => [name, Object.getOwnPropertyDescriptor(URL, name)] as const);
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
  for (const [name, descriptor] of objectUrls) {
    if (descriptor === undefined) Reflect.deleteProperty(URL, name);
    else Object.defineProperty(URL, name, descriptor);
  }
});

const SETTINGS: AppSettings = { paused: false, pausedChangedAt: null, pausedChangedBy: null, retention: { executionDays: 90, resultDays: 90, traceDays: 90, runDays: 30, auditDays: 730 }, writes: 1 };

function render(handlers: Parameters<typeof fakeClient>[0] = {}, onSettingsChanged = vi.fn(() => Promise.resolve())) {
  const fake = fakeClient({ 'settings.get': () => ok(SETTINGS), ...handlers });
  renderWithClient(<SettingsView onSettingsChanged={onSettingsChanged} />, fake);
  return { fake, onSettingsChanged };
}

describe('SettingsView pause', () => {
  it('asks before pausing, then pauses and tells the shell', async () => {
    const { fake, onSettingsChanged } = render({ 'settings.setPaused': (p) => ok({ ...SETTINGS, paused: p.paused, pausedChangedAt: '2026-03-02T09:00:00.000Z', pausedChangedBy: 'acc-admin' }) });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Pause all rules' }));
    expect(screen.getByText('Pause every rule?')).toBeTruthy();
    expect(fake.calls.some((c) => c.key === 'settings.setPaused')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText('Pause every rule?')).toBeNull();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Pause all rules' }).checked).toBe(false);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Pause all rules' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, pause all rules' }));
    await waitFor(() => { expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Pause all rules' }).checked).toBe(true); });
    expect(fake.calls.filter((c) => c.key === 'settings.setPaused').map((c) => c.payload)).toEqual([{ paused: true }]);
    expect(onSettingsChanged).toHaveBeenCalledTimes(1);
    expect(screen.getByText(/All rules are paused/).textContent).toContain('by acc-admin');
  });

  it('resumes without asking', async () => {
    const { fake, onSettingsChanged } = render({
      'settings.get': () => ok({ ...SETTINGS, paused: true }),
      'settings.setPaused': (p) => ok({ ...SETTINGS, paused: p.paused }),
    });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Pause all rules' }));
    await waitFor(() => { expect(onSettingsChanged).toHaveBeenCalled(); });
    expect(fake.calls.filter((c) => c.key === 'settings.setPaused').map((c) => c.payload)).toEqual([{ paused: false }]);
    expect(screen.queryByText('Pause every rule?')).toBeNull();
  });
});

describe('SettingsView retention', () => {
  it('checks the days at each field before sending, then saves', async () => {
    const { fake } = render({ 'settings.setRetention': (p) => ok({ ...SETTINGS, retention: { ...SETTINGS.retention, ...Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)) } }) });
    const executions = await screen.findByRole<HTMLInputElement>('spinbutton', { name: 'Keep executions for (days)' });
    expect(executions.value).toBe('90');
    expect(screen.getByRole<HTMLInputElement>('spinbutton', { name: 'Keep scheduled runs for (days)' }).value).toBe('30');
    fireEvent.change(executions, { target: { value: '800' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(screen.getByRole('spinbutton', { name: 'Keep executions for (days)' }).getAttribute('aria-describedby')).toBe('retention-executionDays-issue');
    expect(screen.getByText('A whole number of days from 1 to 730.')).toBeTruthy();
    expect(fake.calls.some((c) => c.key === 'settings.setRetention')).toBe(false);
    // Periods that do not fit together are refused at the field that breaks the rule.
    fireEvent.change(executions, { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(screen.getByRole('spinbutton', { name: 'Keep explain traces for (days)' }).getAttribute('aria-describedby')).toBe('retention-traceDays-issue');
    expect(fake.calls.some((c) => c.key === 'settings.setRetention')).toBe(false);

    fireEvent.change(executions, { target: { value: '120' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Retention saved.')).toBeTruthy();
    expect(fake.calls.filter((c) => c.key === 'settings.setRetention').map((c) => c.payload)).toEqual([{ executionDays: 120, resultDays: 90, traceDays: 90, runDays: 30, auditDays: 730 }]);
    expect(screen.queryByText('A whole number of days from 1 to 730.')).toBeNull();
  });

  it('shows the backend\'s issues at their fields', async () => {
    render({ 'settings.setRetention': () => ({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'The request is not valid.', issues: [{ path: '/runDays', code: 'INVALID_PAYLOAD', message: 'Too big' }] } }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Save retention' }));
    expect(await screen.findByText('Too big')).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'Keep scheduled runs for (days)' }).getAttribute('aria-describedby')).toBe('retention-runDays-issue');
    expect(screen.getByText('Retention was not saved: The request is not valid.')).toBeTruthy();
  });
});

describe('SettingsView export', () => {
  it('downloads the bundle as ruleforge-rules-<date>.json', async () => {
    const bundle = { format: 'ruleforge-rules' as const, formatVersion: 1 as const, exportedAt: '2026-03-02T09:15:00.000Z', rules: [] };
    const blobs: Blob[] = [];
    const clicked: { href: string; download: string }[] = [];
    const revoke = vi.fn();
    Object.defineProperty(URL, 'createObjectURL', { value: (blob: Blob) => { blobs.push(blob); return 'blob:export-1'; }, writable: true, configurable: true });
    Object.defineProperty(URL, 'revokeObjectURL', { value: revoke, writable: true, configurable: true });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push({ href: this.href, download: this.download }); });
    const { fake } = render({ 'rules.export': () => ok(bundle) });
    fireEvent.click(await screen.findByRole('button', { name: 'Export rules' }));
    expect(await screen.findByText('Exported 0 rules to ruleforge-rules-2026-03-02.json.')).toBeTruthy();
    expect(clicked).toEqual([{ href: 'blob:export-1', download: 'ruleforge-rules-2026-03-02.json' }]);
    expect(blobs[0]?.type).toBe('application/json');
    expect(JSON.parse(await readText(blobs[0] as Blob))).toEqual(bundle);
    expect(revoke).toHaveBeenCalledWith('blob:export-1');
    expect(fake.calls.filter((c) => c.key === 'rules.export').map((c) => c.payload)).toEqual([{}]);
  });
});

const savedHead = (ruleId: string, name: string): RuleHead => ({ ruleId, name, nameKey: name.toLowerCase(), enabled: false, version: 1, triggerType: 'manual', updatedAt: '', updatedBy: '' });

describe('SettingsView import', () => {
  it('sends a pasted bundle\'s rules, and on issues says nothing was written', async () => {
    const { fake } = render({
      'rules.import': () => ok({ saved: false, issues: [{ path: '/1/trigger/cron', code: 'INVALID_CRON', message: 'not a cron' }, { path: '/0', code: 'REQUIRED', message: 'id is required' }] }),
    });
    const bundle = { format: 'ruleforge-rules', formatVersion: 1, exportedAt: '2026-03-02T00:00:00.000Z', rules: [{ name: 'a' }, { name: 'b' }] };
    fireEvent.change(await screen.findByRole('textbox', { name: 'Rules JSON' }), { target: { value: JSON.stringify(bundle) } });
    fireEvent.click(screen.getByRole('button', { name: 'Import rules' }));
    expect(await screen.findByText('Nothing was written: fix these and import again')).toBeTruthy();
    expect(screen.getByText('rule 2 (/trigger/cron): not a cron')).toBeTruthy();
    expect(screen.getByText('rule 1: id is required')).toBeTruthy();
    expect(fake.calls.filter((c) => c.key === 'rules.import').map((c) => c.payload)).toEqual([{ documents: [{ name: 'a' }, { name: 'b' }] }]);
  });

  it('imports an array of documents from a file and lists the rules saved', async () => {
    const { fake } = render({
      'rules.import': () => ok({ saved: true, results: [{ ok: true, unchanged: false, head: savedHead('a', 'Rule A'), version: 3 }, { ok: true, unchanged: true, head: savedHead('b', 'Rule B'), version: 1 }] }),
    });
    const file = new File([JSON.stringify([{ id: 'a' }, { id: 'b' }])], 'rules.json', { type: 'application/json' });
    fireEvent.change(await screen.findByLabelText('Rules file'), { target: { files: [file] } });
    await waitFor(() => { expect(screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Rules JSON' }).value).toContain('"id":"a"'); });
    fireEvent.click(screen.getByRole('button', { name: 'Import rules' }));
    expect(await screen.findByText('Imported 2 rules')).toBeTruthy();
    expect(screen.getByText('Rule A (a): saved as version 3')).toBeTruthy();
    expect(screen.getByText('Rule B (b): unchanged')).toBeTruthy();
    expect(fake.calls.filter((c) => c.key === 'rules.import').map((c) => c.payload)).toEqual([{ documents: [{ id: 'a' }, { id: 'b' }] }]);
  });

  it('refuses more than 100 rules, and what is not a bundle, without sending', async () => {
    const { fake } = render();
    const box = await screen.findByRole('textbox', { name: 'Rules JSON' });
    fireEvent.change(box, { target: { value: JSON.stringify(Array.from({ length: 101 }, (_, i) => ({ id: `r${i}` }))) } });
    fireEvent.click(screen.getByRole('button', { name: 'Import rules' }));
    expect(await screen.findByText(/at most 100 rules; this has 101/)).toBeTruthy();
    fireEvent.change(box, { target: { value: '{"rules": []}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import rules' }));
    expect(await screen.findByText(/Expected an export bundle/)).toBeTruthy();
    fireEvent.change(box, { target: { value: '{oops' } });
    fireEvent.click(screen.getByRole('button', { name: 'Import rules' }));
    expect(await screen.findByText(/This is not JSON/)).toBeTruthy();
    expect(fake.calls.some((c) => c.key === 'rules.import')).toBe(false);
  });
});
