import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RATINGS, type Rating } from '../../../../src/modules/cases/workflow';
import type { CaseView } from '../../api/types';
import { act } from './api';
import { ErrorNotice } from '../../app/ErrorNotice';
import './cases.css';

/**
 * How the requester found the handling (or what they said on the operator's callback). A
 * dissatisfied rating sends the case back to be handled again, once. Plain HTML: residents use it.
 */
export function RatingForm({ caseView, callback = false }: { caseView: CaseView; callback?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const rate = useMutation({
    mutationFn: () => act(caseView.id, 'rate', { rating, comment: comment.trim() || undefined }),
    onSuccess: ({ case: updated }) => {
      if (updated) queryClient.setQueryData(['cases', 'one', caseView.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['cases'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(!rating);
    if (rating && !rate.isPending) rate.mutate();
  };
  return (
    <form onSubmit={submit} noValidate className="form-grid" data-testid="rating-form">
      <fieldset className="group stars" aria-describedby={missing ? `${id}-missing` : undefined}>
        <legend>{callback ? t('cases.rate.callbackQuestion') : t('cases.rate.question')}</legend>
        {RATINGS.map((r) => (
          <label key={r} className="choice">
            <input type="radio" name={`${id}-rating`} value={r} checked={rating === r} onChange={() => (setRating(r), setMissing(false))} />
            <span>{t(`cases.rating.${r}`)}</span>
          </label>
        ))}
        {missing && (
          <span className="problem" id={`${id}-missing`} style={{ color: 'var(--danger)' }}>
            {t('cases.rate.choose')}
          </span>
        )}
      </fieldset>
      {rating === 'dissatisfied' && caseView.reopenCount === 0 && <p className="notice" style={{ margin: 0 }}>{t('cases.rate.reopens')}</p>}
      <div className="field">
        <label htmlFor={`${id}-comment`}>
          {t('cases.rate.comment')} <span className="muted">{t('cases.form.optional')}</span>
        </label>
        <textarea id={`${id}-comment`} value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} />
      </div>
      <ErrorNotice error={rate.error} style={{ margin: 0 }} />
      <button type="submit" className="btn primary block" disabled={rate.isPending}>
        {rate.isPending ? t('cases.form.sending') : t('cases.rate.submit')}
      </button>
    </form>
  );
}
