import { replicaInfo } from '#db/schema.ts';
import { defaultLocale, locales, type Locale } from '#contract/values/reference.ts';
import { statement, type Ctx } from './context.ts';
import { AppError } from './errors.ts';

// Local settings are per installation and never travel in export files (db/replicated.ts omits them).

export function getLocalSetting<T>(ctx: Ctx, key: string): T | undefined {
  const row = statement(ctx, 'SELECT value FROM local_setting WHERE key = ?').get(key) as
    { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function setLocalSetting(ctx: Ctx, key: string, value: unknown) {
  statement(
    ctx,
    'INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
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
  const existing = statement(ctx, 'SELECT id, label FROM replica_info LIMIT 1').get() as
    { id: string; label: string | null } | undefined;
  if (existing) return { id: existing.id, label: existing.label };
  const row = { id: ctx.newId(), label: null, createdAt: ctx.now().toISOString() };
  ctx.db.insert(replicaInfo).values(row).run();
  return { id: row.id, label: row.label };
}

/**
 * Names this installation's replica (shown as "which device" in conflicts and the import log). A replica
 * keeps its first name: `demo --replica` and the CLI accept the same name again and refuse another.
 */
export function labelReplica(ctx: Ctx, label: string): { id: string; label: string } {
  const replica = ensureReplica(ctx);
  if (replica.label === label) return { id: replica.id, label };
  if (replica.label) throw new AppError('sync_replica_label', { label: replica.label, requested: label });
  statement(ctx, 'UPDATE replica_info SET label = ? WHERE id = ?').run(label, replica.id);
  return { id: replica.id, label };
}

/** Renames this device (the label other laptops see from its next export on). */
export function renameReplica(ctx: Ctx, label: string): { id: string; label: string } {
  const replica = ensureReplica(ctx);
  statement(ctx, 'UPDATE replica_info SET label = ? WHERE id = ?').run(label, replica.id);
  return { id: replica.id, label };
}

/** Who is using this laptop (set on the device settings screen), or null: the author of its changes. */
export function operatorName(ctx: Ctx): string | null {
  return getLocalSetting<string>(ctx, 'operator') || null;
}
