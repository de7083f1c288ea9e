import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { PreferenceControls } from '../../app/PreferenceControls';
import { ME_KEY, useMe } from './session';

/** Only addresses inside the app: a `next` pointing elsewhere would make the login page an open redirect. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : '/');

/** The first page everyone sees, residents on cheap phones included: plain HTML, no component library. */
export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const login = useMutation({
    mutationFn: () => api.post<{ me: Me }>('/api/auth/login', { username: username.trim(), password }),
    onSuccess: ({ me: account }) => {
      queryClient.setQueryData(ME_KEY, account);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const empty = !username.trim() ? t('auth.username') : !password ? t('auth.password') : null;
    setMissing(empty && t('auth.required', { field: empty }));
    if (!empty) login.mutate();
  };
  const problem = missing ?? (login.isError ? login.error.message : null);

  return (
    <main style={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', alignItems: 'center', padding: '8px 12px 24px', boxSizing: 'border-box' }}>
      <div style={{ alignSelf: 'flex-end' }}>
        <PreferenceControls />
      </div>
      <div className="panel" style={{ width: '100%', maxWidth: 400, marginTop: '6vh', boxSizing: 'border-box', padding: 24 }}>
        <h1 className="brand" style={{ fontSize: '1.75em', margin: 0 }}>
          {t('app.name')}
        </h1>
        <p className="muted">{t('app.tagline')}</p>
        <h2 style={{ fontSize: '1.25em' }}>{t('auth.title')}</h2>
        {problem && (
          <p className="notice error" role="alert" data-testid="login-error">
            {problem}
          </p>
        )}
        <form onSubmit={submit} noValidate style={{ display: 'grid', gap: 12 }}>
          <label className="field">
            <span>{t('auth.username')}</span>
            <input name="username" autoComplete="username" autoCapitalize="none" spellCheck={false} value={username} onChange={(e) => setUsername(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('auth.password')}</span>
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <button type="submit" className="btn primary block" disabled={login.isPending} style={{ marginTop: 8 }}>
            {login.isPending ? t('common.loading') : t('auth.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}
