import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLargeText } from './preferences';
import { themeFor } from './theme';

/** Ant Design in the chosen language and text size. */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const largeText = useLargeText();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={themeFor(largeText)}>
      {children}
    </ConfigProvider>
  );
}
