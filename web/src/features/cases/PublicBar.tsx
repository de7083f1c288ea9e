import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PreferenceControls } from '../../app/PreferenceControls';

/** The bar for someone not logged in: the app's name, preferences and a way to log in. */
export function PublicBar({ next }: { next: string }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="topbar">
        <span className="grow">
          <span className="brand">{t('app.name')}</span>
          <span className="tagline">{t('app.tagline')}</span>
        </span>
        <PreferenceControls />
        <Link to={`/login?next=${encodeURIComponent(next)}`}>{t('auth.submit')}</Link>
      </header>
    </>
  );
}
