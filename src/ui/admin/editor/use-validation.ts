import { useEffect, useState } from 'react';
import { validateRule } from '../../../core/rule/validate.js';
import type { Draft } from './document-edit.js';
import type { Issue } from './issues.js';

export const VALIDATION_DELAY_MS = 150;

/**
 * The validator's verdict on the document, a moment after the admin stops typing: the same validateRule the
 * backend runs on save, so what the page accepts the backend accepts. A saved rule's id is its storage key, which
 * a save can never change; the page says so here because the validator cannot know it.
 */
export function useValidation(doc: Draft, savedId: string | null): Issue[] {
  const [issues, setIssues] = useState<Issue[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      const result = validateRule(doc);
      const found: Issue[] = result.ok ? [] : [...result.issues];
      if (savedId !== null && doc.id !== savedId) {
        found.unshift({ path: '/id', code: 'ID_CHANGED', message: `A saved rule keeps its id ("${savedId}"). To copy this rule under another id, create a new rule and paste the JSON.` });
      }
      setIssues(found);
    }, VALIDATION_DELAY_MS);
    return () => { clearTimeout(timer); };
  }, [doc, savedId]);
  return issues;
}
