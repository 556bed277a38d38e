import { useCallback, useEffect, useState } from 'react';
import type { ResolverResponse } from '../../../contract/resolver-contract.js';

/** One page as a view needs it, whatever the resolver calls its list (`items`, `entries`). */
export type PageAnswer<T> = { ok: true; items: T[]; cursor?: string | undefined } | { ok: false; message: string };
export type FetchPage<T> = (cursor: string | undefined) => Promise<PageAnswer<T>>;

/** The common case: a resolver answering `Paged<T>`. */
export function pageOf<T>(answer: ResolverResponse<{ items: T[]; cursor?: string }>): PageAnswer<T> {
  return answer.ok ? { ok: true, items: answer.result.items, cursor: answer.result.cursor } : { ok: false, message: answer.error.message };
}

/** A resolver answering storage items as stored (`{ key, value }`): the page shows the values. */
export function valuePageOf<T>(answer: ResolverResponse<{ items: { key: string; value: T }[]; cursor?: string }>): PageAnswer<T> {
  return answer.ok ? { ok: true, items: answer.result.items.map((item) => item.value), cursor: answer.result.cursor } : { ok: false, message: answer.error.message };
}

export type Pages<T> = {
  status: 'loading' | 'ready' | 'failed';
  items: T[];
  error: string | null;
  /** 1-based. */
  pageNo: number;
  hasPrevious: boolean;
  hasNext: boolean;
  next: () => void;
  previous: () => void;
  reload: () => void;
  /** Changes loaded items in place (an optimistic toggle), without asking the backend again. */
  patch: (update: (item: T) => T) => void;
};

type Loaded<T> = { status: Pages<T>['status']; items: T[]; next: string | undefined; error: string | null };

/**
 * Cursor paging, one page in memory at a time: the backend's lists are unbounded (1,000 rules, 100,000 executions),
 * so nothing here ever loads them whole. Going back re-asks for the earlier page with the cursor it was reached by.
 * A new `fetchPage` (filters changed) starts over at the first page; answers to superseded requests are dropped.
 */
export function usePages<T>(fetchPage: FetchPage<T>): Pages<T> {
  const [source, setSource] = useState<FetchPage<T>>(() => fetchPage);
  const [trail, setTrail] = useState<(string | undefined)[]>([undefined]);
  const [reloads, setReloads] = useState(0);
  const [loaded, setLoaded] = useState<Loaded<T>>({ status: 'loading', items: [], next: undefined, error: null });

  if (source !== fetchPage) {
    setSource(() => fetchPage);
    setTrail([undefined]);
  }

  useEffect(() => {
    let live = true;
    setLoaded((current) => ({ ...current, status: 'loading' }));
    void fetchPage(trail[trail.length - 1]).then((answer) => {
      if (!live) return;
      setLoaded(answer.ok
        ? { status: 'ready', items: answer.items, next: answer.cursor, error: null }
        : { status: 'failed', items: [], next: undefined, error: answer.message });
    });
    return () => { live = false; };
  }, [fetchPage, trail, reloads]);

  const next = useCallback(() => {
    const cursor = loaded.next;
    if (cursor !== undefined) setTrail((t) => [...t, cursor]);
  }, [loaded.next]);
  const previous = useCallback(() => { setTrail((t) => (t.length > 1 ? t.slice(0, -1) : t)); }, []);
  const reload = useCallback(() => { setReloads((n) => n + 1); }, []);
  const patch = useCallback((update: (item: T) => T) => { setLoaded((current) => ({ ...current, items: current.items.map(update) })); }, []);

  return {
    status: loaded.status, items: loaded.items, error: loaded.error, pageNo: trail.length,
    hasPrevious: trail.length > 1, hasNext: loaded.status === 'ready' && loaded.next !== undefined,
    next, previous, reload, patch,
  };
}
