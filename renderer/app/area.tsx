// What a feature contributes to the app frame: its sidebar entries and its routes. Each feature declares
// one `area.tsx` (renderer/features/<area>/area.tsx) and is listed once in renderer/app/areas.ts; the frame
// (AppLayout) only renders what the areas declare.
import type { ComponentType, ReactNode } from 'react';

/** Sidebar sections, in the order they appear. */
export const navSections = ['work', 'practice', 'training', 'results', 'settings'] as const;
export type NavSection = (typeof navSections)[number];

/** Catalogue key of each section's heading (the first section has none). */
export const sectionTitles: Record<NavSection, string | null> = {
  work: null,
  practice: 'nav.practice',
  training: 'training.nav.title',
  results: 'nav.results',
  settings: 'nav.settings',
};

export interface NavEntry {
  section: NavSection;
  /** Position within the section (lower first). */
  order: number;
  to: string;
  /** Catalogue key of the label. */
  label: string;
  icon: ReactNode;
  /** Also active on the pages below it (the list stays lit on an issue's detail page). */
  prefix?: boolean;
  /** Shown at the right of the entry: a count that needs attention (open sync conflicts), or nothing. */
  badge?: ComponentType;
}

export interface AreaRoute {
  /** wouter path; more specific paths of one area first. */
  path: string;
  render: (params: Record<string, string | undefined>) => ReactNode;
}

export interface RendererArea {
  nav?: NavEntry[];
  routes?: AreaRoute[];
  /** Pages printed on their own, without the app frame (a sign-in sheet): matched before the frame renders. */
  bare?: AreaRoute[];
  /** Controls in the header, beside 新问题 (search), each with its own shortcut and overlay. */
  header?: ComponentType[];
}

/** A route to a page component that takes no props. */
export const page = (path: string, Page: ComponentType): AreaRoute => ({ path, render: () => <Page /> });
