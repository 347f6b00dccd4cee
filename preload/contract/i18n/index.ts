// i18next resources built from the one catalogue. Used by the renderer, the main-process menus and
// error messages, and the CLI, so every user-visible string has exactly one source.
import { createInstance, type TFunction } from 'i18next';
import type { Locale } from '../domain.ts';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
/** The shape every locale must have: the zh-CN keys with string leaves. */
export type Catalogue = Widen<typeof zhCN>;

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
