// Formatting for every screen. Dates are stored in UTC and shown in local time (the users are in China: zh-CN first);
// numbers follow the interface language, so pass `i18n.language` from useTranslation.
import dayjs from 'dayjs';

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';

/** Compact form for list cells: the year only when it is not this year. */
export const formatShort = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.year() === dayjs().year() ? d.format('MM-DD HH:mm') : d.format('YYYY-MM-DD');
};

/** Today's local date as YYYY-MM-DD (business dates, the summary's day). */
export const today = () => dayjs().format('YYYY-MM-DD');

export const formatSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

/** A count with the language's grouping (12,345 / 12,345). */
export const formatNumber = (value: number, language: string) => value.toLocaleString(language);

/** Milliseconds as seconds with one decimal ("2.4"), for "took … s" lines. */
export const formatSeconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * A rate (0–1) as a percentage with `digits` decimals. Cut, not rounded, so 99.96 % never reads as a met
 * 100 % target; `fixed` keeps trailing zeros ("99.50%"), otherwise they go ("95%", "95.3%").
 */
export function formatPercent(
  rate: number,
  { digits = 0, fixed = false }: { digits?: number; fixed?: boolean } = {},
) {
  const scale = 10 ** digits;
  const cut = Math.floor(rate * 10 ** (digits + 2)) / scale;
  return `${fixed ? cut.toFixed(digits) : cut}%`;
}
