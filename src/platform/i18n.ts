import Negotiator from 'negotiator';
import type { Locale } from '../config.js';

const AVAILABLE = ['zh-CN', 'en'] as const;

/**
 * The caller's language from Accept-Language. Any Chinese variant reads Chinese (the UI has
 * one Chinese), any English reads English, anything else falls back to the installation default.
 */
export function negotiateLocale(acceptLanguage: string | undefined, fallback: Locale): Locale {
  if (!acceptLanguage) return fallback;
  const preferred = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages();
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower === '*') return fallback;
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return AVAILABLE.includes(fallback) ? fallback : 'zh-CN';
}
