import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'tongxin.language';

/** The remembered choice, else Chinese for a browser set to Chinese, else English. */
function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'zh-CN' || saved === 'en') return saved;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  return preferred.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false }, // React escapes
});
document.documentElement.lang = i18n.language;

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'zh-CN');

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

/** A place's name in the current language. */
export const nameOf = (item: { nameZh: string | null; nameEn: string | null } | null | undefined): string =>
  (currentLanguage() === 'en' ? item?.nameEn : item?.nameZh) ?? '';

export default i18n;
