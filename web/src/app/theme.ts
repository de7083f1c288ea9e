import type { ThemeConfig } from 'antd';

/**
 * Ant Design's default blue (#1677ff) and grey secondary text fall short of WCAG AA contrast
 * on white; these darker tokens meet it. Large-text mode scales the whole type ramp.
 */
export function themeFor(largeText: boolean): ThemeConfig {
  return {
    token: {
      colorPrimary: '#0050b3',
      colorLink: '#0050b3',
      colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
      colorTextDescription: 'rgba(0, 0, 0, 0.65)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
      colorError: '#c41d1d',
      colorSuccess: '#237804',
      colorWarning: '#ad4e00',
      fontSize: largeText ? 19 : 14,
      controlHeight: largeText ? 44 : 34,
      borderRadius: 6,
      // The same face as the plain pages (global.css), so a Chinese page looks the same throughout.
      fontFamily: 'var(--font)',
    },
  };
}
