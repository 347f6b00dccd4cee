// Replica-local tables every area relies on, and the shared column helpers.
import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** createdAt / updatedAt of every replicated record (ISO UTC). */
export const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/** Replica-local: who this installation is. Exactly one row. Never exported. */
export const replicaInfo = sqliteTable('replica_info', {
  id: text('id').primaryKey(),
  label: text('label'),
  createdAt: text('created_at').notNull(),
});

/** Replica-local preferences (UI language, window state…). Never exported. */
export const localSetting = sqliteTable('local_setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
