// Search across areas (issue 12 §17): Ctrl+K finds issues, people, training sessions and discrepancies by
// what the user remembers of them (number, title, name, employee number, topic, key or value).
import { z } from 'zod';
import { returns } from './schemas.ts';

export const searchKinds = ['issue', 'person', 'session', 'discrepancy'] as const;
export type SearchKind = (typeof searchKinds)[number];

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** What the hit is called: W3-0042 医嘱单打印空白, 张晓梅, a session's topic, a discrepancy's key. */
  title: string;
  /** A second line: department, job title, time, domain and column. */
  detail: string | null;
  /** The in-app address to open it (wouter path). */
  href: string;
}

export const searchInput = z.object({
  text: z.string().trim().min(1).max(100),
  /** Hits per kind. */
  limit: z.number().int().min(1).max(20).default(5),
});

export const searchContract = {
  'search.query': returns<SearchHit[]>()(searchInput),
};

export const searchErrorCodes = [] as const;
