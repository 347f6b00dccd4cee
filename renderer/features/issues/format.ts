// Dates are stored in UTC and shown in local time (DESIGN.md "Language").
import dayjs from 'dayjs';

export const formatDateTime = (iso: string | null | undefined) =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm') : '';

/** Compact form for list cells: the year only when it is not this year. */
export const formatShort = (iso: string | null | undefined) => {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.year() === dayjs().year() ? d.format('MM-DD HH:mm') : d.format('YYYY-MM-DD');
};

export const today = () => dayjs().format('YYYY-MM-DD');

export const formatSize = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(0)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;
