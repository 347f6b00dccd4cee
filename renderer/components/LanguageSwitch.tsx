import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { locales, type Locale } from '#contract/index.ts';
import { useAction } from '#renderer/app/queries.ts';
import { applyLocale } from '#renderer/i18n.ts';

/** The UI language; persisted in this installation's local settings, so it survives a restart. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const setLocale = useAction('settings.setLocale', { successMessage: false });
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={i18n.language}
      data={locales.map((l) => ({ value: l, label: t(`languages.${l}`) }))}
      onChange={(value) => {
        applyLocale(value as Locale);
        setLocale.mutate({ locale: value as Locale });
      }}
    />
  );
}
