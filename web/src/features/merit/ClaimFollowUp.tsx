import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { type Claim, splitList } from './api';

/**
 * What a resident can still do with a claim: answer a body that asked for more, or appeal a
 * rejection, once, to the supervisory body. Shows where an appeal stands.
 */
export function ClaimFollowUp({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  if (claim.status === 'more_requested') return <Supplement claim={claim} />;
  if (claim.status === 'rejected' && claim.appeal === null) return <Appeal claim={claim} />;
  if (claim.appeal)
    return (
      <span className="tag" data-testid="appeal-state">
        {t(`merit.appeal.state.${claim.appeal}`)}
      </span>
    );
  return null;
}

function useClaimAction(path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: object) => api.post<Claim>(path, body),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['merit'] }),
  });
}

function Supplement({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState('');
  const [witnesses, setWitnesses] = useState('');
  const send = useClaimAction(`/api/merit-claims/${claim.id}/supplement`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) send.mutate({ note: note.trim(), witnesses: splitList(witnesses) });
  };
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={t('merit.supplement.title', { number: claim.number })}>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('merit.supplement.note')}</label>
        <textarea id={`${id}-note`} rows={2} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-witnesses`}>{t('merit.file.witnesses')}</label>
        <input id={`${id}-witnesses`} value={witnesses} onChange={(e) => setWitnesses(e.target.value)} />
      </div>
      <button type="submit" className="btn" disabled={!note.trim() || send.isPending}>
        {t('merit.supplement.send')}
      </button>
      <ErrorNotice error={send.error} />
    </form>
  );
}

function Appeal({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const send = useClaimAction(`/api/merit-claims/${claim.id}/appeal`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim()) send.mutate({ reason: reason.trim() });
  };
  return (
    <details>
      <summary>{t('merit.appeal.open')}</summary>
      <form className="form-grid" onSubmit={submit} noValidate aria-label={t('merit.appeal.title', { number: claim.number })}>
        <p className="muted" style={{ margin: 0 }}>
          {t('merit.appeal.hint')}
        </p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('merit.appeal.reason')}</label>
          <textarea id={`${id}-reason`} rows={2} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" className="btn" disabled={!reason.trim() || send.isPending}>
          {t('merit.appeal.send')}
        </button>
        <ErrorNotice error={send.error} />
      </form>
    </details>
  );
}
