// i18next resources built from the one catalogue, kept per area (`<area>.ts`: zh-CN and English side by
// side) and joined here. Used by the renderer, the main-process menus and error messages, and the CLI, so
// every user-visible string has exactly one source.
import { createInstance, type TFunction } from 'i18next';
import type { Locale } from '../reference.ts';
import * as core from './core.ts';
import * as issues from './issues.ts';
import * as reconcile from './reconcile.ts';
import * as reference from './reference.ts';
import * as reports from './reports.ts';
import * as sync from './sync.ts';
import * as training from './training.ts';
import * as knowledge from './knowledge.ts';
import * as surveys from './surveys.ts';
import * as rounds from './rounds.ts';
import * as help from './help.ts';
import * as search from './search.ts';
import * as requests from './requests.ts';
import * as changes from './changes.ts';
import * as cutover from './cutover.ts';
import * as hub from './hub.ts';
import type { Widen } from './types.ts';

const areas = [
  core,
  reference,
  issues,
  training,
  reconcile,
  sync,
  knowledge,
  surveys,
  rounds,
  help,
  search,
  reports,
  requests,
  changes,
  cutover,
  hub,
] as const;

type Area = (typeof areas)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The zh-CN catalogue: every area's keys (areas share only the `errors` namespace, merged key by key). */
type ZhCN = UnionToIntersection<Area['zhCN']>;
/** The shape every locale must have: the zh-CN keys with string leaves. */
export type Catalogue = Widen<ZhCN>;

type Tree = { [key: string]: string | Tree };

/** Joins the areas' catalogues; a key defined by two areas is a mistake that fails here, at start. */
function join(parts: readonly Tree[], path = ''): Tree {
  const out: Tree = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      const existing = out[key];
      if (existing === undefined) out[key] = value;
      else if (typeof existing !== 'string' && typeof value !== 'string') {
        out[key] = join([existing, value], `${path}${key}.`);
      } else throw new Error(`i18n key ${path}${key} is defined by two areas`);
    }
  }
  return out;
}

export const zhCN = join(areas.map((a) => a.zhCN as unknown as Tree)) as unknown as Catalogue;
export const en = join(areas.map((a) => a.en as unknown as Tree)) as unknown as Catalogue;

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} satisfies Record<Locale, { translation: Catalogue }>;

const cache = new Map<Locale, TFunction>();

/** A synchronous translator for main and the CLI. */
export function translator(locale: Locale): TFunction {
  let t = cache.get(locale);
  if (!t) {
    const instance = createInstance();
    void instance.init({
      resources,
      lng: locale,
      fallbackLng: 'zh-CN',
      initAsync: false,
      interpolation: { escapeValue: false },
    });
    t = instance.t;
    cache.set(locale, t);
  }
  return t;
}
