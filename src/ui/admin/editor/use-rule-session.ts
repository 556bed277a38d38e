import { useCallback, useEffect, useState } from 'react';
import type { RuleHead } from '../../../app/rules/rule-records.js';
import { useClient } from '../client.js';
import type { Navigate } from '../route.js';
import { blankRule, type Draft } from './document-edit.js';
import type { Issue } from './issues.js';

export type Loading = { state: 'loading' } | { state: 'failed'; code: string; message: string } | { state: 'ready' };
export type SaveNotice =
  | { kind: 'saved'; version: number; unchanged: boolean }
  | { kind: 'conflict'; message: string; currentVersion: number | null }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string };

/** The version the backend names in a CONFLICT's message (the envelope carries no number of its own). */
/**
 * One editing session of a rule: the document as edited, the version it was loaded at (what a save sends as
 * expectedVersion, so a save over someone else's is refused as a conflict), saving and reloading.
 */
export function useRuleSession(ruleId: string | null, navigate: Navigate) {
  const client = useClient();
  const [loading, setLoading] = useState<Loading>(ruleId === null ? { state: 'ready' } : { state: 'loading' });
  const [doc, setDoc] = useState<Draft>(blankRule);
  const [baseline, setBaseline] = useState<string>(() => JSON.stringify(blankRule()));
  const [head, setHead] = useState<RuleHead | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<SaveNotice | null>(null);
  const [serverIssues, setServerIssues] = useState<Issue[] | null>(null);

  const reload = useCallback(async (): Promise<void> => {
    if (ruleId === null) return;
    const answer = await client('rules.get', { ruleId });
    if (!answer.ok) {
      setLoading({ state: 'failed', code: answer.error.code, message: answer.error.message });
      return;
    }
    const loaded = answer.result.document as unknown as Draft;
    setDoc(loaded);
    setBaseline(JSON.stringify(loaded));
    setHead(answer.result.head);
    setServerIssues(null);
    setLoading({ state: 'ready' });
  }, [client, ruleId]);

  useEffect(() => { void reload(); }, [reload]);

  const edit = useCallback((next: Draft | ((prev: Draft) => Draft)): void => {
    setDoc(next);
    setServerIssues(null);
  }, []);

  const save = useCallback(async (): Promise<void> => {
    setSaving(true);
    setNotice(null);
    const answer = await client('rules.save', { document: doc, expectedVersion: head?.version ?? null });
    setSaving(false);
    if (answer.ok) {
      const saved = answer.result;
      if (ruleId === null) {
        navigate({ view: 'editor', ruleId: saved.head.ruleId });
        return;
      }
      setHead(saved.head);
      setBaseline(JSON.stringify(doc));
      setNotice({ kind: 'saved', version: saved.version, unchanged: saved.unchanged });
      return;
    }
    const { code, message, issues, currentVersion } = answer.error;
    if (code === 'INVALID_RULE') {
      setServerIssues(issues ?? []);
      setNotice({ kind: 'invalid', message });
    } else if (code === 'CONFLICT') {
      setNotice({ kind: 'conflict', message, currentVersion: currentVersion ?? null });
    } else {
      setNotice({ kind: 'failed', message: `${message} (${code})` });
    }
  }, [client, doc, head, navigate, ruleId]);

  const reloadCurrent = useCallback(async (): Promise<void> => {
    await reload();
    setNotice(null);
  }, [reload]);

  return {
    loading, doc, edit, head, setHead, saving, save, notice, reload: reloadCurrent, serverIssues,
    dirty: JSON.stringify(doc) !== baseline,
  };
}
