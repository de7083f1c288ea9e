import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './i18n.js';
import { message, MESSAGES, type MessageCode } from './messages.js';

describe('messages', () => {
  it('exist in Chinese and English for every code, and are not the same text', () => {
    for (const [code, text] of Object.entries(MESSAGES)) {
      expect(text['zh-CN'], code).toMatch(/[\u4e00-\u9fff]/);
      expect(text.en, code).toMatch(/^[^\u4e00-\u9fff]+$/);
    }
  });

  it('fill in details, in the reader’s words and time zone', () => {
    const until = '2026-11-23T02:00:00Z'; // 10:00 in Beijing
    expect(message('account_locked' as MessageCode, 'zh-CN', { until })).toContain('10:00');
    expect(message('account_locked' as MessageCode, 'en', { until })).toMatch(/10:00/);
  });
});

describe('choosing the language from Accept-Language', () => {
  it('reads any Chinese as Chinese and any English as English', () => {
    expect(negotiateLocale('zh-TW,zh;q=0.9', 'en')).toBe('zh-CN');
    expect(negotiateLocale('en-GB,en;q=0.8', 'zh-CN')).toBe('en');
    expect(negotiateLocale('fr-FR,en;q=0.5,zh;q=0.9', 'en')).toBe('zh-CN');
  });

  it('falls back to the installation default for none or neither', () => {
    expect(negotiateLocale(undefined, 'zh-CN')).toBe('zh-CN');
    expect(negotiateLocale('fr-FR', 'en')).toBe('en');
  });
});
