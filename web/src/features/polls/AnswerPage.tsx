import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { failure, Loading } from '../../app/StatusPage';
import { TopBar } from '../../app/TopBar';
import { useMe } from '../auth/session';
import { PublicBar } from '../cases/PublicBar';
import type { Who } from './api';
import { AnswerFlow } from './AnswerFlow';
import '../cases/cases.css';
import './polls.css';
import './words';

/**
 * Answering a poll from a phone: a resident logged in answers as themself; anyone else enters the
 * one-time code a liaison handed out, no account needed. Outside the logged-in frame, like
 * reporting a problem, so that the link works for both.
 */
export default function AnswerPage() {
  const { t } = useTranslation();
  const { pollId = '' } = useParams();
  const me = useMe();
  const [who, setWho] = useState<Who | null>(null);
  if (me.isPending) return <Loading />;
  if (me.isError) return failure(me.error, () => void me.refetch());
  const account = me.data ?? null;
  const asResident = !!account?.residentId;
  const current: Who | null = who ?? (asResident ? { kind: 'account' } : null);
  return (
    <>
      {account ? <TopBar me={account} /> : <PublicBar next={`/answer/${pollId}`} />}
      <main id="main" className="page stack" tabIndex={-1} style={{ maxWidth: 640 }}>
        <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('polls.title')}</h1>
        {current ? (
          <AnswerFlow key={current.kind === 'code' ? current.code : current.kind} pollId={pollId} who={current} />
        ) : (
          <CodeForm onCode={(code) => setWho({ kind: 'code', code })} />
        )}
        {current?.kind === 'code' && (
          <button type="button" className="btn" onClick={() => setWho(null)}>
            {t('polls.answer.codeTitle')}
          </button>
        )}
        {asResident && (
          <p style={{ margin: 0 }}>
            <Link to="/my/polls">{t('polls.answer.back')}</Link>
          </p>
        )}
      </main>
    </>
  );
}

/** The code, checked for its form here and for its validity by the server when the poll opens. */
function CodeForm({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);
  const send = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = code.toUpperCase().replace(/[\s-]/g, '');
    setMissing(cleaned.length < 4);
    if (cleaned.length >= 4) onCode(cleaned);
  };
  return (
    <form className="panel form-grid" onSubmit={send} noValidate data-testid="poll-code-form">
      <h2 style={{ margin: 0 }}>{t('polls.answer.codeTitle')}</h2>
      <div className="field">
        <label htmlFor="poll-code">{t('polls.answer.code')}</label>
        <input
          id="poll-code"
          name="code"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          maxLength={20}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby="poll-code-hint"
          aria-invalid={missing || undefined}
        />
        <span className="hint" id="poll-code-hint">
          {t('polls.answer.codeHint')}
        </span>
        {missing && (
          <span className="problem" role="alert">
            {t('polls.answer.codeHint')}
          </span>
        )}
      </div>
      <button type="submit" className="btn primary block">
        {t('polls.answer.open')}
      </button>
    </form>
  );
}
