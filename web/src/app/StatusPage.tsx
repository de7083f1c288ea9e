import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../api/client';

/** Not found, not allowed, or a failed load: said plainly, with a way on. */
export function StatusPage({ kind, error, onRetry }: { kind: 'notFound' | 'forbidden' | 'error'; error?: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const title = kind === 'notFound' ? t('common.notFound') : kind === 'forbidden' ? t('common.forbidden') : t('common.loadFailed');
  return (
    <div className={`notice${kind === 'error' ? ' error' : ''}`} role="alert">
      <strong>{title}</strong>
      {error instanceof Error && <p style={{ margin: '4px 0' }}>{error.message}</p>}
      <p style={{ margin: '8px 0 0' }}>
        {onRetry ? (
          <button type="button" className="btn" onClick={onRetry}>
            {t('common.retry')}
          </button>
        ) : (
          <Link to="/">{t('nav.home')}</Link>
        )}
      </p>
    </div>
  );
}

/** The page to show for a query that failed. */
export const failure = (error: unknown, onRetry: () => void) =>
  error instanceof ApiError && error.status === 403 ? <StatusPage kind="forbidden" /> : <StatusPage kind="error" error={error} onRetry={onRetry} />;

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status">
      {t('common.loading')}
    </div>
  );
}
