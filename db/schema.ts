// Drizzle schema: the single source for migrations (`npm run db:generate`).
// Replicated tables carry a device-generated UUIDv7 text id so rows created on different laptops never
// collide when their export files are merged (DESIGN.md, "Sync by export files"). Uniqueness of human codes
// is enforced by the services, not by UNIQUE indexes, because two offline laptops may legitimately both
// create "ICU" and the merge must keep both visible rather than fail.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const timestamps = {
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

export const project = sqliteTable('project', {
  id: text('id').primaryKey(),
  hospital: text('hospital').notNull(),
  name: text('name').notNull(),
  newSystem: text('new_system').notNull(),
  goLiveDate: text('go_live_date'),
  ...timestamps,
});

export const department = sqliteTable(
  'department',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: ['ward', 'clinic', 'medtech', 'admin'] }).notNull(),
    /** 1 = pilot department, 2.. = later roll-out waves, null = not scheduled. */
    pilotPhase: integer('pilot_phase'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  // Codes are compared case-insensitively (services), so the index is NOCASE too.
  (t) => [index('department_code_idx').on(sql`${t.code} collate nocase`)],
);

export const system = sqliteTable(
  'system',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    vendor: text('vendor'),
    sortOrder: integer('sort_order').notNull().default(0),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('system_code_idx').on(sql`${t.code} collate nocase`)],
);

export const systemModule = sqliteTable(
  'system_module',
  {
    id: text('id').primaryKey(),
    systemId: text('system_id')
      .notNull()
      .references(() => system.id),
    name: text('name').notNull(),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('system_module_system_idx').on(t.systemId)],
);

export const person = sqliteTable(
  'person',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    role: text('role'),
    phone: text('phone'),
    organisation: text('organisation', { enum: ['hospital', 'vendor'] }).notNull(),
    departmentId: text('department_id').references(() => department.id),
    employeeNo: text('employee_no'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('person_name_idx').on(t.name),
    index('person_department_idx').on(t.departmentId),
    index('person_employee_no_idx')
      .on(t.employeeNo)
      .where(sql`employee_no is not null`),
  ],
);
