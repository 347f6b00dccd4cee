// Which project this database belongs to (issue #12, item 1). The project record has a stable id (so the
// wizard's records of two laptops of ONE project merge), which says nothing about WHICH project it is: the
// identity is a random id made when a project is set up, kept per installation (never a replicated field,
// so no merge can change it) and carried in every export file. A file of another project is refused before
// any write; a database without a project joins the project of the first file it imports.
import { randomUUID } from 'node:crypto';
import { statement, type Ctx } from './context.ts';
import { getLocalSetting, setLocalSetting } from './settings.ts';

const KEY = 'project.identity';

export interface ProjectIdentity {
  id: string;
  hospital: string;
  name: string;
}

function projectRow(ctx: Ctx): { hospital: string; name: string } | undefined {
  return statement(ctx, 'SELECT hospital, name FROM project LIMIT 1').get() as
    { hospital: string; name: string } | undefined;
}

/**
 * This database's project, or null when it has none yet. A database set up before project identities
 * existed gets one the first time it is asked (random, like a new setup).
 */
export function projectIdentity(ctx: Ctx): ProjectIdentity | null {
  const row = projectRow(ctx);
  let id = getLocalSetting<string>(ctx, KEY);
  if (!id) {
    if (!row) return null;
    id = randomUUID();
    setLocalSetting(ctx, KEY, id);
  }
  return { id, hospital: row?.hospital ?? '', name: row?.name ?? '' };
}

/** A new project's identity (the wizard's "new project", `wardside project init`, a demo on an empty file). */
export function newProjectIdentity(ctx: Ctx): string {
  const id = randomUUID();
  setLocalSetting(ctx, KEY, id);
  return id;
}

/** Joins a project by its identity (an empty database importing its first file). */
export function joinProjectIdentity(ctx: Ctx, id: string): void {
  setLocalSetting(ctx, KEY, id);
}

/** "hospital · project" for messages. */
export function describeProject(project: { hospital: string; name: string; id: string }): string {
  const names = [project.hospital, project.name].filter(Boolean).join(' · ');
  return names ? `${names} (${project.id.slice(-8)})` : project.id.slice(-8);
}
