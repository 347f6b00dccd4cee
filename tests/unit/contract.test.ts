// The contract is the single list of methods: every one must have a zod schema, a main-process handler and
// a preload function calling exactly its own channel, and neither side may expose anything extra
// (issue #2, "A test fails if a method lacks a handler, a preload function or a schema").
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHandlers } from '#main/ipc/handlers.ts';
import type { Ctx } from '#services/core/context.ts';
import { createApi } from '../../preload/api.ts';
import { en, zhCN } from '#contract/i18n/index.ts';
import { contract, errorCodes, methodNames, type Invoke } from '#contract/index.ts';

const sorted = (list: Iterable<string>) => [...list].sort();

describe('contract', () => {
  it('names every method area.verb and gives each a zod input schema', () => {
    expect(methodNames.length).toBeGreaterThan(0);
    for (const name of methodNames) {
      expect(name).toMatch(/^[a-z]+\.[a-z][A-Za-z]*$/);
      expect(contract[name].input, name).toBeInstanceOf(z.ZodType);
    }
  });

  it('has exactly one handler per method in createHandlers', () => {
    // Building the table does not touch the context; the handlers are never called here.
    const handlers = createHandlers({} as Ctx);
    expect(sorted(Object.keys(handlers))).toEqual(sorted(methodNames));
    for (const name of methodNames) expect(typeof handlers[name], name).toBe('function');
  });

  it('has exactly one preload function per method, each invoking its own channel with the input as given', async () => {
    const calls: { method: string; input: unknown }[] = [];
    const invoke: Invoke = async (method, input) => {
      calls.push({ method, input });
      return { ok: true, value: undefined as never };
    };
    const api = createApi(invoke) as unknown as Record<string, Record<string, (input: unknown) => unknown>>;

    const exposed: string[] = [];
    for (const [area, functions] of Object.entries(api)) {
      for (const [verb, fn] of Object.entries(functions)) {
        expect(typeof fn, `${area}.${verb}`).toBe('function');
        const input = { probe: `${area}.${verb}` };
        calls.length = 0;
        await fn(input);
        expect(calls, `${area}.${verb}`).toEqual([{ method: `${area}.${verb}`, input }]);
        exposed.push(`${area}.${verb}`);
      }
    }
    expect(sorted(exposed)).toEqual(sorted(methodNames));
  });
});

describe('error codes', () => {
  it('every code an area declares has its message in both languages, and no message lacks a code', () => {
    for (const catalogue of [zhCN, en]) {
      const messages = catalogue.errors as unknown as Record<string, string>;
      expect(sorted(Object.keys(messages))).toEqual(sorted(errorCodes));
      for (const code of errorCodes) expect(messages[code]!.length, code).toBeGreaterThan(0);
    }
  });
});
