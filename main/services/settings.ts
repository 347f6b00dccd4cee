import { eq } from 'drizzle-orm';
import { localSetting, replicaInfo } from '../../db/schema.ts';
import { defaultLocale, locales, type Locale } from '../../preload/contract/index.ts';
import type { Ctx } from './context.ts';

// Local settings are per installation and never travel in export files (db/replicated.ts omits them).

export function getLocalSetting<T>(ctx: Ctx, key: string): T | undefined {
  const row = ctx.db.select().from(localSetting).where(eq(localSetting.key, key)).get();
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function setLocalSetting(ctx: Ctx, key: string, value: unknown) {
  const json = JSON.stringify(value);
  ctx.db
    .insert(localSetting)
    .values({ key, value: json })
    .onConflictDoUpdate({ target: localSetting.key, set: { value: json } })
    .run();
}

export function getLocale(ctx: Ctx): Locale {
  const value = getLocalSetting<string>(ctx, 'locale') ?? defaultLocale;
  return (locales as readonly string[]).includes(value) ? (value as Locale) : defaultLocale;
}

export function setLocale(ctx: Ctx, locale: Locale): { locale: Locale } {
  setLocalSetting(ctx, 'locale', locale);
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
