// The issue list's filter, sort, selection and scroll position live outside the page, so opening an issue
// and coming back (or jumping here from the summary or the overview) keeps or sets them. It lives in app/,
// not in the issues feature, because the summary sets it too and features do not import each other.
import { useSyncExternalStore } from 'react';
import type { IssueFilter, IssueSortKey } from '#contract/index.ts';

export interface IssueSort {
  key: IssueSortKey;
  dir: 'asc' | 'desc';
}

export interface ListState {
  filter: IssueFilter;
  sort: IssueSort;
  viewId: string | null;
  selected: ReadonlySet<string>;
  scrollTop: number;
}

export const defaultSort: IssueSort = { key: 'reportedAt', dir: 'desc' };

let state: ListState = { filter: {}, sort: defaultSort, viewId: null, selected: new Set(), scrollTop: 0 };
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useListState(): ListState {
  return useSyncExternalStore(subscribe, () => state);
}

export function setListState(patch: Partial<ListState> | ((s: ListState) => Partial<ListState>)) {
  state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
  for (const l of listeners) l();
}

/** A new filter: the selection and the scroll position belong to the old result, so they go. */
export function setFilter(filter: IssueFilter, viewId: string | null = null) {
  setListState({ filter: clean(filter), viewId, selected: new Set(), scrollTop: 0 });
}

/** Drops empty parts, so a saved view and "is anything filtered?" compare what the user chose. */
export function clean(filter: IssueFilter): IssueFilter {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (v === undefined || v === false || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = v;
  }
  return out as IssueFilter;
}

export const isFiltered = (filter: IssueFilter) => Object.keys(clean(filter)).length > 0;
