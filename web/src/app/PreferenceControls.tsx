import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';
import { setLargeText, useLargeText } from './preferences';

/** Language and text size, on every page including the login page. Plain elements: part of every first page. */
export function PreferenceControls() {
  const { t } = useTranslation();
  const largeText = useLargeText();
  const other = currentLanguage() === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, flexWrap: 'wrap' }}>
      <button type="button" className="btn text" onClick={() => setLanguage(other)} lang={other} data-testid="language-switch">
        {other === 'en' ? 'English' : '中文'}
      </button>
      <button type="button" role="switch" aria-checked={largeText} className="switch" onClick={() => setLargeText(!largeText)} data-testid="large-text">
        <span className="track" aria-hidden="true" />
        <span>{t('prefs.largeText')}</span>
      </button>
    </span>
  );
}
