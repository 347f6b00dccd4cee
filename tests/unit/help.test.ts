// Every screen has a built-in guide, in zh-CN and English (issue 12 §17).
import { describe, expect, it } from 'vitest';
import { en, zhCN } from '#contract/i18n/help.ts';
import { areas } from '#renderer/app/areas.ts';
import { guideFor, guideOfRoute } from '#renderer/app/help.ts';

describe('help registry', () => {
  it('names a guide for every screen route, and every guide has a title and a text in both languages', () => {
    const routes = ['/', ...areas.flatMap((a) => (a.routes ?? []).map((r) => r.path))];
    expect(routes.filter((path) => !(path in guideOfRoute))).toEqual([]);
    for (const id of Object.keys(zhCN.help.guides) as (keyof typeof zhCN.help.guides)[]) {
      for (const guide of [zhCN.help.guides[id], en.help.guides[id]]) {
        expect(guide.title.trim()).not.toBe('');
        expect(guide.body.trim().length).toBeGreaterThan(20);
      }
    }
  });

  it('finds the guide of a location', () => {
    expect(guideFor('/')).toBe('overview');
    expect(guideFor('/issues')).toBe('issues');
    expect(guideFor('/issues/0190a0b1-aaaa')).toBe('issueDetail');
    expect(guideFor('/reconcile/profiles/new')).toBe('reconcileProfile');
    expect(guideFor('/sync')).toBe('sync');
    expect(guideFor('/sync/conflicts')).toBe('sync');
    expect(guideFor('/nowhere')).toBe('overview');
  });
});
