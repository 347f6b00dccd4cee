// Shared set-up for the pilot-issue tests: a booted database with a project, two departments, the
// default systems and a few people, a fake clock, and the device operator and prefix set.
//
// The users are in China and deadlines such as "end of the working day" are local, so every issue test
// runs in Asia/Shanghai (UTC+8, no daylight saving). Importing this module sets it: Node re-reads TZ when
// it is assigned, and vitest runs each test file in its own process, so other files keep theirs.
process.env.TZ = 'Asia/Shanghai';

import { expect } from 'vitest';
import { errorPayload } from '#main/ipc/dispatch.ts';
import type { Ctx } from '#services/core/context.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { AppError } from '#services/core/errors.ts';
import { setDeviceSettings } from '#services/issues/device.ts';
import { createIssue, type IssueCreate } from '#services/issues/issues.ts';
import { createPerson } from '#services/reference/people.ts';
import { setupProject } from '#services/reference/project.ts';
import { listSystems } from '#services/reference/systems.ts';
import type { ErrorCode, Locale, PilotIssue } from '#contract/index.ts';
import { dumpReplicated, freshCtx, testClock, type TestCtx } from './helpers.ts';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

/** A local (Asia/Shanghai) wall-clock time "YYYY-MM-DD HH:MM" as the UTC ISO string the database stores. */
export function local(dateTime: string): string {
  return new Date(`${dateTime.replace(' ', 'T')}:00.000+08:00`).toISOString();
}

export const OPERATOR = '李工程师';

/** Monday 23 November 2026, 10:00 in the hospital. */
export const START = local('2026-11-23 10:00');

export interface IssueWorld {
  ctx: TestCtx;
  clock: ReturnType<typeof testClock> & { set(iso: string): void };
  icu: string;
  er: string;
  his: string;
  emr: string;
  nurse: string;
  engineerA: string;
  engineerB: string;
  issue(overrides?: Partial<IssueCreate>): PilotIssue;
}

/** A fake clock that can also jump to a given time. */
export function movableClock(start = START): IssueWorld['clock'] {
  const base = testClock(start);
  let offset = 0;
  return {
    now: () => new Date(base.now().getTime() + offset),
    advance: (ms = 1000) => {
      offset += ms;
    },
    set: (iso: string) => {
      offset = Date.parse(iso) - base.now().getTime();
    },
  };
}

export function issueWorld(start = START): IssueWorld {
  const clock = movableClock(start);
  const ctx = freshCtx({ now: clock.now });
  setupProject(ctx, {
    hospital: '市第一人民医院',
    name: 'HIS 升级',
    newSystem: 'HIS',
    goLiveDate: '2026-12-01',
    pilotDepartments: [
      { code: 'ICU', name: '重症医学科', type: 'ward' },
      { code: 'ER', name: '急诊科', type: 'ward' },
    ],
  });
  const dept = (code: string) => listDepartments(ctx).find((d) => d.code === code)!.id;
  const sys = (code: string) => listSystems(ctx).find((s) => s.code === code)!.id;
  const person = (name: string, organisation: 'hospital' | 'vendor') =>
    createPerson(ctx, { name, role: null, phone: null, organisation, departmentId: null, employeeNo: null })
      .id;
  setDeviceSettings(ctx, { operator: OPERATOR, issuePrefix: 'W3' });
  const icu = dept('ICU');
  return {
    ctx,
    clock,
    icu,
    er: dept('ER'),
    his: sys('HIS'),
    emr: sys('EMR'),
    nurse: person('张护士', 'hospital'),
    engineerA: person('陈工', 'vendor'),
    engineerB: person('王工', 'vendor'),
    issue: (overrides = {}) =>
      createIssue(ctx, {
        title: '医嘱无法保存',
        departmentId: icu,
        severity: 'P3',
        category: 'defect',
        blocking: false,
        tags: [],
        ...overrides,
      }),
  };
}

export function expectAppError(fn: () => unknown, code: ErrorCode): AppError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(AppError);
  expect((caught as AppError).code).toBe(code);
  return caught as AppError;
}

/** Expects `fn` to be refused with `code` and no replicated row to change. */
export function expectRefusedWithoutWrites(ctx: Ctx, fn: () => unknown, code: ErrorCode): AppError {
  const before = dumpReplicated(ctx);
  const error = expectAppError(fn, code);
  expect(dumpReplicated(ctx)).toEqual(before);
  return error;
}

/** The message the user sees for an error, as dispatch() builds it. */
export function userMessage(error: unknown, locale: Locale = 'zh-CN'): string {
  return errorPayload(error, locale).message;
}
