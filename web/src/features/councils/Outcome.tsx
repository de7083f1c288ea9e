import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { Result } from './api';

/** A vote's result: passed or not, the counts, and how the threshold was applied, in the reader's language. */
export function Outcome({ result }: { result: Result }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="result" className="notice" data-testid="result">
      <h2 id="result" style={{ fontSize: '1.2em', margin: 0 }}>
        {t('councils.result')}: <span className={`state ${result.passed ? 'done' : 'other'}`}>{t(result.passed ? 'councils.motion.passed' : 'councils.motion.failed')}</span>
      </h2>
      <p style={{ margin: '8px 0 0' }}>{t('councils.counts', result.counts)}</p>
      <p style={{ margin: '8px 0 0' }}>
        <span className="muted">{t('councils.explanation')}：</span>
        {result.explanation[currentLanguage()]}
      </p>
    </section>
  );
}
