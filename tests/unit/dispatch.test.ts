// main/ipc/dispatch.ts: the one wrapper every call goes through. Failures come back as {code, message} in
// the user's language; nothing from a stack trace reaches the page.
import { describe, expect, it, vi } from 'vitest';
import { dispatch } from '#main/ipc/dispatch.ts';
import { createHandlers } from '#main/ipc/handlers.ts';
import { AppError } from '#services/core/errors.ts';
import type { Handlers, Locale } from '#contract/index.ts';
import { freshCtx } from './helpers.ts';

function setup(overrides: Partial<Handlers> = {}) {
  const ctx = freshCtx();
  const handlers = { ...createHandlers(ctx), ...overrides } as Handlers;
  const log = vi.fn();
  const call = (method: string, input: unknown, locale: Locale = 'zh-CN') =>
    dispatch(handlers, method, input, { locale: () => locale, log });
  return { ctx, call, log };
}

const icu = { code: 'ICU', name: '重症医学科', type: 'ward' };

describe('dispatch', () => {
  it('returns the handler value in an ok envelope, with zod defaults applied to the input', async () => {
    const { call } = setup();
    const created = await call('departments.create', icu);
    expect(created).toEqual({ ok: true, value: expect.objectContaining({ code: 'ICU', pilotPhase: null }) });
    expect(await call('departments.list', undefined)).toEqual({
      ok: true,
      value: [expect.objectContaining({ code: 'ICU' })],
    });
  });

  it.each([
    ['zh-CN', /^输入有误：.*code/],
    ['en', /^Invalid input: .*code/],
  ] as const)(
    'refuses invalid input as invalid_input with a %s message naming the field',
    async (locale, message) => {
      const { call, ctx, log } = setup();
      const result = await call('departments.create', { ...icu, code: '   ' }, locale);
      expect(result).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(message) },
      });
      expect(ctx.sqlite.prepare('SELECT count(*) AS n FROM department').get()).toEqual({ n: 0 });
      expect(log).not.toHaveBeenCalled();
    },
  );

  it('refuses unknown keys on empty-input methods and wrong types', async () => {
    const { call } = setup();
    expect(await call('app.info', { sneaky: true })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('departments.archive', { id: 'x', archived: 'yes' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it.each(['no.such', 'toString', '__proto__', 'constructor', ''])(
    'refuses unknown method %j',
    async (method) => {
      const { call } = setup();
      const result = await call(method, {});
      expect(result).toEqual({
        ok: false,
        error: { code: 'unknown_method', message: `未知的操作：${method}` },
      });
    },
  );

  it('turns an unexpected Error into internal, logs it, and sends no stack or detail', async () => {
    const secret = new Error('SQLITE_IOERR at /home/nurse/secret/path.db');
    const { call, log } = setup({
      'app.info': () => {
        throw secret;
      },
    });
    for (const [locale, text] of [
      ['zh-CN', '发生内部错误，数据没有被修改。详情已写入日志。'],
      ['en', 'An internal error occurred; no data was changed. Details are in the log.'],
    ] as const) {
      const result = await call('app.info', {}, locale);
      expect(result).toEqual({ ok: false, error: { code: 'internal', message: text } });
      const serialised = JSON.stringify(result);
      expect(serialised).not.toContain('secret');
      expect(serialised).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(log).toHaveBeenCalledWith(secret, 'app.info');
  });

  it('passes an AppError through with its own code and translated message', async () => {
    const { call, log } = setup();
    await call('departments.create', icu);
    expect(await call('departments.create', { ...icu, code: 'icu', name: '另一个' })).toEqual({
      ok: false,
      error: { code: 'duplicate_code', message: '编码“icu”已被“重症医学科”使用，请换一个。' },
    });
    expect(await call('departments.create', { ...icu, code: 'Icu' }, 'en')).toEqual({
      ok: false,
      error: {
        code: 'duplicate_code',
        message: 'Code “Icu” is already used by “重症医学科”. Choose another.',
      },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('handles an AppError thrown from an async handler', async () => {
    const { call } = setup({
      'project.get': async () => {
        throw new AppError('project_missing');
      },
    });
    expect(await call('project.get', {}, 'en')).toEqual({
      ok: false,
      error: { code: 'project_missing', message: 'No project yet: finish the setup wizard first.' },
    });
  });
});
