// The business date of a run comes from the files, not from today (issue 12 §16).
import { describe, expect, it } from 'vitest';
import { businessDateIn } from '#renderer/features/reconcile/business-date.ts';

describe('business date found in the files', () => {
  it('reads the day from the file names, in the usual spellings', () => {
    expect(businessDateIn(['reconcile-old-2026-11-20.csv', 'reconcile-new-2026-11-20.csv'])).toBe(
      '2026-11-20',
    );
    expect(businessDateIn(['门诊收费_20261121.xlsx', 'charges.csv'])).toBe('2026-11-21');
    expect(businessDateIn(['旧系统2026.11.05.csv'])).toBe('2026-11-05');
  });

  it('asks (null) when the names disagree or name an impossible day', () => {
    expect(businessDateIn(['old-2026-11-20.csv', 'new-2026-11-21.csv'])).toBeNull();
    expect(businessDateIn(['old-20260230.csv'])).toBeNull();
  });

  it('falls back to the day most sample rows carry', () => {
    const old = [
      ['0001', '2026-11-20 08:01', '12.50'],
      ['0002', '2026/11/20 23:59', '8.00'],
      ['0003', '2026-11-21 00:01', '1.00'],
    ];
    const neu = [['0001', '2026-11-20T08:01:00', '12.5']];
    expect(businessDateIn(['old.csv', 'new.csv'], [old, neu])).toBe('2026-11-20');
    // Ids that look like compact dates are not dates; no day at all means asking.
    expect(businessDateIn(['a.csv'], [[['20261120001', '张三']]])).toBeNull();
    expect(businessDateIn(['a.csv'], [])).toBeNull();
  });
});
