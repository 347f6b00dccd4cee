// The project and its reference data: departments, systems and modules, people (the staff directory).
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { departmentTypes, organisations, staffRoles } from '#contract/values/reference.ts';
import { timestamps } from './core.ts';

export const project = sqliteTable('project', {
  id: text('id').primaryKey(),
  hospital: text('hospital').notNull(),
  name: text('name').notNull(),
  newSystem: text('new_system').notNull(),
  goLiveDate: text('go_live_date'),
  /** Same-day targets per severity as JSON (SlaConfig); null = the defaults. */
  sla: text('sla'),
  ...timestamps,
});

export const department = sqliteTable(
  'department',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: departmentTypes }).notNull(),
    /** 1 = pilot department, 2.. = later roll-out waves, null = not scheduled. */
    pilotPhase: integer('pilot_phase'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  // Codes are compared case-insensitively (services), so the index is NOCASE too.
  (t) => [
    index('department_code_idx').on(sql`${t.code} collate nocase`),
    index('department_name_idx').on(t.name, t.id),
  ],
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
    /** One of staffRoles; older free-text values are turned into a role and a title at start-up. */
    role: text('role', { enum: staffRoles }),
    title: text('title'),
    champion: integer('champion', { mode: 'boolean' }).notNull().default(false),
    phone: text('phone'),
    organisation: text('organisation', { enum: organisations }).notNull(),
    departmentId: text('department_id').references(() => department.id),
    employeeNo: text('employee_no'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('person_name_idx').on(t.name),
    index('person_name_id_idx').on(t.name, t.id),
    index('person_department_idx').on(t.departmentId),
    index('person_employee_no_idx')
      .on(t.employeeNo)
      .where(sql`employee_no is not null`),
  ],
);
