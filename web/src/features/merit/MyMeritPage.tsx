import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { failure, Loading } from '../../app/StatusPage';
import { currentLanguage, nameOf } from '../../i18n';
import { chinaToday, type Claim, criterionName, type ExtractContents, type MyMerit, splitList } from './api';
import { ClaimFollowUp } from './ClaimFollowUp';
import { DeedFields } from './DeedFields';
import { MyActivities } from './MyActivities';
import { ClaimRecord } from './ClaimRecord';
import { ErrorNotice } from '../../app/ErrorNotice';
import '../cases/cases.css';


/** A resident's merit: his account and his household's, their claims, a claim form and the extract. Plain HTML for cheap phones. */
export default function MyMeritPage() {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const mine = useQuery({ queryKey: ['merit', 'mine'], queryFn: () => api.get<MyMerit>('/api/my/merit') });
  const [form, setForm] = useState({ residentId: '', criterionId: '', deedDate: chinaToday(), quantity: '1', description: '', witnesses: '', photos: '' });
  const file = useMutation({
    mutationFn: () =>
      api.post<Claim>('/api/merit-claims', {
        ...(form.residentId ? { residentId: form.residentId } : {}),
        criterionId: form.criterionId || mine.data!.criteria[0]!.id,
        deedDate: form.deedDate,
        quantity: Number(form.quantity),
        description: form.description,
        witnesses: splitList(form.witnesses),
        photos: splitList(form.photos),
      }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['merit'] }),
  });
  const extract = useMutation({ mutationFn: (purpose: 'loan' | 'homestead') => api.post<{ code: string; contents: ExtractContents }>('/api/my/merit/extracts', { purpose }) });
  if (mine.isPending) return <Loading />;
  if (mine.isError) return failure(mine.error, () => void mine.refetch());
  const { bank, accounts, claims, criteria, household } = mine.data;
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setForm({ ...form, [key]: e.target.value });
  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>
        {t('merit.title')} · {nameOf({ nameZh: bank.placeNameZh, nameEn: bank.placeNameEn })}
      </h1>
      {accounts.map((a, i) => (
        <section key={a.residentId} className="panel" aria-labelledby={`${id}-acc-${i}`} data-testid="merit-account">
          <h2 id={`${id}-acc-${i}`}>{a.name}</h2>
          <dl className="facts">
            <dt>{t('merit.balance')}</dt>
            <dd data-testid="merit-balance">{a.balance}</dd>
            <dt>{t('merit.yearPoints')}</dt>
            <dd>{a.yearPoints}</dd>
          </dl>
          {a.entries.length === 0 ? (
            <p className="muted">{t('merit.noEntries')}</p>
          ) : (
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {a.entries.slice(0, 10).map((e) => (
                <li key={e.seq}>
                  {e.deedDate} · {t(`merit.kind.${e.kind}`)} · {e.points > 0 ? `+${e.points}` : e.points}
                  {e.reason ? ` · ${e.reason}` : ''}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}

      <section className="panel" aria-labelledby={`${id}-file`}>
        <h2 id={`${id}-file`}>{t('merit.file.title')}</h2>
        <form
          className="form-grid"
          noValidate
          data-testid="claim-form"
          onSubmit={(e) => {
            e.preventDefault();
            file.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-person`}>{t('merit.file.person')}</label>
            <select id={`${id}-person`} value={form.residentId} onChange={set('residentId')}>
              {household.map((h, i) => (
                <option key={h.residentId} value={i === 0 ? '' : h.residentId}>
                  {h.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-criterion`}>{t('merit.file.criterion')}</label>
            <select id={`${id}-criterion`} value={form.criterionId} onChange={set('criterionId')}>
              {criteria.map((c) => (
                <option key={c.id} value={c.id}>
                  {criterionName(c, currentLanguage())}
                </option>
              ))}
            </select>
          </div>
          <DeedFields id={id} values={form} set={set} />
          <div className="field">
            <label htmlFor={`${id}-photos`}>{t('merit.file.photos')}</label>
            <input id={`${id}-photos`} value={form.photos} onChange={set('photos')} />
          </div>
          <div aria-live="assertive">
            <ErrorNotice error={file.error} testId="claim-error" />
            {file.isSuccess && (
              <p className="notice" role="status" data-testid="claim-filed">
                {t('merit.file.filed', { number: file.data.number })}
              </p>
            )}
          </div>
          <button type="submit" className="btn primary block" disabled={file.isPending || criteria.length === 0 || !form.description.trim()}>
            {t('merit.file.submit')}
          </button>
        </form>
      </section>

      <MyActivities placeId={bank.placeId} residentId={household[0]!.residentId} />

      <section className="panel" aria-labelledby={`${id}-claims`}>
        <h2 id={`${id}-claims`}>{t('merit.claims')}</h2>
        {claims.length === 0 && <p className="muted">{t('merit.noClaims')}</p>}
        <ul className="case-list" data-testid="merit-claims">
          {claims.map((c) => (
            <li key={c.id} className="case-card">
              <span className="row" style={{ justifyContent: 'space-between' }}>
                <span className="number">{c.number}</span>
                <span className="tag">{t(`merit.status.${c.status}`)}</span>
              </span>
              <span>
                {c.residentName} · {currentLanguage() === 'en' ? c.nameEn : c.nameZh} · {c.deedDate}
                {c.points !== null ? ` · ${t('merit.points', { count: c.points })}` : ''}
              </span>
              <span className="text">{c.description}</span>
              <ClaimRecord claim={c} />
              <ClaimFollowUp claim={c} />
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby={`${id}-extract`}>
        <h2 id={`${id}-extract`}>{t('merit.extract.title')}</h2>
        <p className="muted">{t('merit.extract.intro')}</p>
        <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
          <button type="button" className="btn" onClick={() => extract.mutate('loan')} disabled={extract.isPending}>
            {t('merit.extract.loan')}
          </button>
          <button type="button" className="btn" onClick={() => extract.mutate('homestead')} disabled={extract.isPending}>
            {t('merit.extract.homestead')}
          </button>
        </div>
        <div aria-live="polite">
          {extract.isSuccess && (
            <p className="notice" data-testid="extract-code">
              {t('merit.extract.issued', { code: extract.data.code })}
            </p>
          )}
          <ErrorNotice error={extract.error} />
        </div>
      </section>
    </div>
  );
}
