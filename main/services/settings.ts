import { eq } from 'drizzle-orm';
import { localSetting, replicaInfo } from '../../db/schema.ts';
import { defaultLocale, locales, type Locale } from '../../preload/contract/index.ts';
import type { Ctx } from './context.ts';

// Local settings are per installation and never travel in export files (db/replicated.ts omits them).

export function getLocale(ctx: Ctx): Locale {
  const row = ctx.db.select().from(localSetting).where(eq(localSetting.key, 'locale')).get();
  const value = row ? (JSON.parse(row.value) as string) : defaultLocale;
  return (locales as readonly string[]).includes(value) ? (value as Locale) : defaultLocale;
}

export function setLocale(ctx: Ctx, locale: Locale): { locale: Locale } {
  ctx.db
    .insert(localSetting)
    .values({ key: 'locale', value: JSON.stringify(locale) })
    .onConflictDoUpdate({ target: localSetting.key, set: { value: JSON.stringify(locale) } })
    .run();
  return { locale };
}

/** This installation's replica id, created on first use. */
export function ensureReplica(ctx: Ctx): { id: string; label: string | null } {
  const existing = ctx.db.select().from(replicaInfo).get();
  if (existing) return { id: existing.id, label: existing.label };
  const row = { id: ctx.newId(), label: null, createdAt: ctx.now().toISOString() };
  ctx.db.insert(replicaInfo).values(row).run();
  return { id: row.id, label: row.label };
}
