import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '#contract/i18n/index.ts';
import { defaultLocale, type Locale } from '#contract/index.ts';

void i18n.use(initReactI18next).init({
  resources,
  lng: defaultLocale,
  fallbackLng: 'zh-CN',
  initAsync: false,
  interpolation: { escapeValue: false },
});

export function applyLocale(locale: Locale) {
  document.documentElement.lang = locale;
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
}

export default i18n;
