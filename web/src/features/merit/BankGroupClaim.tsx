import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { currentLanguage } from '../../i18n';
import { chinaToday, type Claim, criteriaQuery, splitList } from './api';
import { DeedFields } from './DeedFields';
import { type FoundResident, ResidentFinder } from './ResidentFinder';

interface Filed {
  claims: Claim[];
  duplicates: { residentId: string; number: string }[];
}

/**
 * The office files one deed done by several residents together (a lane cleared by a team, a
 * flood watch): one claim each, as a group, for the bodies to assess. Whoever already has a claim
 * for that deed and day is reported, not filed twice.
 */
export function BankGroupClaim({ placeId }: { placeId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const criteria = useQuery(criteriaQuery(placeId));
  const [people, setPeople] = useState<FoundResident[]>([]);
  const [form, setForm] = useState({ criterionId: '', deedDate: chinaToday(), quantity: '1', description: '', witnesses: '' });
  const set = (key: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setForm({ ...form, [key]: e.target.value });
  const criterionId = form.criterionId || criteria.data?.[0]?.id || '';
  const file = useMutation({
    // The list goes with the filing, so the answer can name who was left out after the form is cleared.
    mutationFn: (list: FoundResident[]) =>
      api.post<Filed>('/api/merit-claims/group', {
        residentIds: list.map((p) => p.residentId),
        criterionId,
        deedDate: form.deedDate,
        quantity: Number(form.quantity),
        description: form.description.trim(),
        witnesses: splitList(form.witnesses),
      }),
    onSuccess: () => {
      setPeople([]);
      void client.invalidateQueries({ queryKey: ['merit'] });
    },
  });
  const ready = people.length > 0 && criterionId !== '' && form.description.trim() !== '' && Number(form.quantity) > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) file.mutate(people);
  };
  const en = currentLanguage() === 'en';
  const nameOfResident = (residentId: string) => file.variables?.find((p) => p.residentId === residentId)?.name ?? residentId;
  return (
    <details className="panel">
      <summary>{t('merit.group.title')}</summary>
      <form className="form-grid" onSubmit={submit} noValidate aria-label={t('merit.group.title')} style={{ marginTop: 8 }}>
        <p className="muted" style={{ margin: 0 }}>
          {t('merit.group.intro')}
        </p>
        <ResidentFinder
          id={`${id}-find`}
          placeId={placeId}
          label={t('merit.group.find')}
          pickLabel={(name) => t('merit.group.add', { name })}
          exclude={new Set(people.map((p) => p.residentId))}
          onPick={(r) => setPeople((list) => [...list, r])}
        />
        <div>
          <strong>{t('merit.group.chosen', { count: people.length })}</strong>
          <ul data-testid="group-people" style={{ margin: '4px 0 0' }}>
            {people.map((p) => (
              <li key={p.residentId}>
                {p.name}{' '}
                <button type="button" className="btn" onClick={() => setPeople((list) => list.filter((x) => x.residentId !== p.residentId))} aria-label={t('merit.group.remove', { name: p.name })}>
                  {t('merit.group.removeShort')}
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div className="field">
          <label htmlFor={`${id}-criterion`}>{t('merit.file.criterion')}</label>
          <select id={`${id}-criterion`} value={criterionId} onChange={set('criterionId')}>
            {criteria.data?.map((c) => {
              const v = c.versions[c.versions.length - 1]!;
              return (
                <option key={c.id} value={c.id}>
                  {en ? v.nameEn : v.nameZh}
                </option>
              );
            })}
          </select>
        </div>
        <DeedFields id={id} values={form} set={set} />
        <div aria-live="polite">
          {file.data && (
            <p className="notice" role="status" data-testid="group-filed">
              {t('merit.group.filed', { numbers: file.data.claims.map((c) => c.number).join(', ') || '—' })}
              {file.data.duplicates.length > 0 && (
                <>
                  <br />
                  {t('merit.group.duplicates', { list: file.data.duplicates.map((d) => `${nameOfResident(d.residentId)} (${d.number})`).join(', ') })}
                </>
              )}
            </p>
          )}
          <ErrorNotice error={file.error} />
        </div>
        <button type="submit" className="btn primary block" disabled={!ready || file.isPending}>
          {t('merit.group.submit')}
        </button>
      </form>
    </details>
  );
}
