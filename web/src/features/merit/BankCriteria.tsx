import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { currentLanguage } from '../../i18n';
import { criteriaQuery, type CriterionVersion } from './api';

/** The kinds of deed the case records name; a village may add its own code. */
const DEED_TYPES = ['mutual_aid', 'elder_care', 'volunteering', 'donation', 'mediation', 'clean_lanes'] as const;
const UNITS = ['occurrence', 'hour'] as const;
const EVIDENCE = ['photo', 'witness', 'attendance'] as const;

type Draft = Omit<CriterionVersion, 'version' | 'dailyLimit' | 'quarterlyLimit' | 'validTo'> & { code: string; dailyLimit: string; quarterlyLimit: string; validTo: string };

const blank = (today: string): Draft => ({ code: '', nameZh: '', nameEn: '', deedType: DEED_TYPES[0], unit: 'occurrence', pointsPerUnit: 1, dailyLimit: '', quarterlyLimit: '', evidence: [], validFrom: today, validTo: '' });
const draftOf = (code: string, v: CriterionVersion, today: string): Draft => ({
  code,
  nameZh: v.nameZh,
  nameEn: v.nameEn,
  deedType: v.deedType,
  unit: v.unit,
  pointsPerUnit: v.pointsPerUnit,
  evidence: v.evidence,
  dailyLimit: v.dailyLimit === null ? '' : String(v.dailyLimit),
  quarterlyLimit: v.quarterlyLimit === null ? '' : String(v.quarterlyLimit),
  validFrom: v.validFrom > today ? v.validFrom : today,
  validTo: v.validTo ?? '',
});
/** The version's fields as the API takes them. */
const bodyOf = (d: Draft) => ({
  nameZh: d.nameZh.trim(),
  nameEn: d.nameEn.trim(),
  deedType: d.deedType,
  unit: d.unit,
  pointsPerUnit: d.pointsPerUnit,
  dailyLimit: d.dailyLimit.trim() === '' ? null : Number(d.dailyLimit),
  quarterlyLimit: d.quarterlyLimit.trim() === '' ? null : Number(d.quarterlyLimit),
  evidence: d.evidence,
  validFrom: d.validFrom,
  validTo: d.validTo === '' ? null : d.validTo,
});

/**
 * The criteria catalog: what each deed is worth, with its limits and evidence. A change is a new
 * version from a date; points already granted keep the version they were granted under, and a
 * criterion is retired by a version that ends.
 */
export function BankCriteria({ placeId, office, today }: { placeId: string; office: boolean; today: string }) {
  const { t } = useTranslation();
  const criteria = useQuery(criteriaQuery(placeId));
  const [editing, setEditing] = useState<string | null>(null);
  const en = currentLanguage() === 'en';
  return (
    <section className="panel stack" aria-labelledby="criteria-title">
      <h2 id="criteria-title" style={{ margin: 0 }}>
        {t('merit.criteria.title')}
      </h2>
      <ErrorNotice error={criteria.error} />
      {criteria.data?.length === 0 && <p className="muted">{t('merit.criteria.none')}</p>}
      <ul className="stack" data-testid="merit-criteria" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {criteria.data?.map((c) => {
          const v = c.versions[c.versions.length - 1]!;
          return (
            <li key={c.id} className="stack" style={{ gap: 4, borderTop: '1px solid var(--line, #ddd)', paddingTop: 8 }}>
              <strong>
                {en ? v.nameEn : v.nameZh} <span className="muted">({c.code} · v{v.version})</span>
              </strong>
              <span>
                {t(`merit.criteria.worth.${v.unit}`, { count: v.pointsPerUnit })}
                {v.dailyLimit !== null && ` · ${t('merit.criteria.dailyLimitIs', { count: v.dailyLimit })}`}
                {v.quarterlyLimit !== null && ` · ${t('merit.criteria.quarterlyLimitIs', { count: v.quarterlyLimit })}`}
              </span>
              <span className="muted">
                {v.validTo ? t('merit.criteria.validBetween', { from: v.validFrom, to: v.validTo }) : t('merit.criteria.validFrom', { from: v.validFrom })}
                {v.evidence.length > 0 && ` · ${t('merit.criteria.evidenceIs', { list: v.evidence.map((e) => t(`merit.criteria.evidenceOption.${e}`)).join('、') })}`}
              </span>
              {office &&
                (editing === c.id ? (
                  <CriterionForm placeId={placeId} criterionId={c.id} initial={draftOf(c.code, v, today)} onDone={() => setEditing(null)} />
                ) : (
                  <button type="button" className="btn" style={{ alignSelf: 'start' }} onClick={() => setEditing(c.id)} aria-label={t('merit.criteria.reviseOne', { name: en ? v.nameEn : v.nameZh })}>
                    {t('merit.criteria.revise')}
                  </button>
                ))}
            </li>
          );
        })}
      </ul>
      {office && (
        <details className="panel">
          <summary>{t('merit.criteria.add')}</summary>
          <CriterionForm placeId={placeId} initial={blank(today)} />
        </details>
      )}
    </section>
  );
}

/** One form for a new criterion and for a criterion's next version (the code stays). */
function CriterionForm({ placeId, criterionId, initial, onDone }: { placeId: string; criterionId?: string; initial: Draft; onDone?: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const save = useMutation({
    mutationFn: () => (criterionId ? api.post(`/api/merit-criteria/${criterionId}/versions`, bodyOf(draft)) : api.post('/api/merit-criteria', { placeId, code: draft.code.trim(), ...bodyOf(draft) })),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: criteriaQuery(placeId).queryKey });
      if (!criterionId) setDraft(initial);
      onDone?.();
    },
  });
  const limit = (text: string) => text.trim() === '' || /^\d{1,6}$/.test(text.trim());
  const ready =
    draft.nameZh.trim() !== '' &&
    draft.nameEn.trim() !== '' &&
    (criterionId !== undefined || /^[a-z0-9][a-z0-9_-]{1,39}$/.test(draft.code.trim())) &&
    Number.isInteger(draft.pointsPerUnit) &&
    draft.pointsPerUnit >= 0 &&
    limit(draft.dailyLimit) &&
    limit(draft.quarterlyLimit) &&
    /^\d{4}-\d{2}-\d{2}$/.test(draft.validFrom);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) save.mutate();
  };
  const id = `criterion-${criterionId ?? 'new'}`;
  const title = criterionId ? t('merit.criteria.newVersion') : t('merit.criteria.add');
  return (
    <form className="form-grid" onSubmit={submit} noValidate aria-label={title} style={{ marginTop: 8 }}>
      {!criterionId && (
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('merit.criteria.code')}</label>
          <input id={`${id}-code`} value={draft.code} maxLength={40} onChange={(e) => set('code', e.target.value.toLowerCase())} aria-describedby={`${id}-code-hint`} />
          <small id={`${id}-code-hint`} className="muted">
            {t('merit.criteria.codeHint')}
          </small>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-zh`}>{t('merit.criteria.nameZh')}</label>
        <input id={`${id}-zh`} value={draft.nameZh} maxLength={100} onChange={(e) => set('nameZh', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-en`}>{t('merit.criteria.nameEn')}</label>
        <input id={`${id}-en`} value={draft.nameEn} maxLength={100} onChange={(e) => set('nameEn', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('merit.criteria.deedType')}</label>
        <select id={`${id}-type`} value={draft.deedType} onChange={(e) => set('deedType', e.target.value)}>
          {[...new Set([...DEED_TYPES, draft.deedType])].map((d) => (
            <option key={d} value={d}>
              {t(`merit.criteria.deedTypes.${d}`, { defaultValue: d })}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('merit.criteria.unit')}</label>
        <select id={`${id}-unit`} value={draft.unit} onChange={(e) => set('unit', e.target.value as Draft['unit'])}>
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`merit.criteria.unitOption.${u}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-points`}>{t('merit.criteria.pointsPerUnit')}</label>
        <input id={`${id}-points`} type="number" min={0} max={10000} value={draft.pointsPerUnit} onChange={(e) => set('pointsPerUnit', Number(e.target.value))} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-daily`}>{t('merit.criteria.dailyLimit')}</label>
        <input id={`${id}-daily`} inputMode="numeric" value={draft.dailyLimit} placeholder={t('merit.criteria.noLimit')} onChange={(e) => set('dailyLimit', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-quarterly`}>{t('merit.criteria.quarterlyLimit')}</label>
        <input id={`${id}-quarterly`} inputMode="numeric" value={draft.quarterlyLimit} placeholder={t('merit.criteria.noLimit')} onChange={(e) => set('quarterlyLimit', e.target.value)} />
      </div>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: 0 }}>
        <legend>{t('merit.criteria.evidence')}</legend>
        {EVIDENCE.map((e) => (
          <label key={e} style={{ marginRight: 12 }}>
            <input
              type="checkbox"
              checked={draft.evidence.includes(e)}
              onChange={(ev) => set('evidence', ev.target.checked ? [...draft.evidence, e] : draft.evidence.filter((x) => x !== e))}
            />{' '}
            {t(`merit.criteria.evidenceOption.${e}`)}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-from`}>{criterionId ? t('merit.criteria.versionFrom') : t('merit.criteria.from')}</label>
        <input id={`${id}-from`} type="date" value={draft.validFrom} onChange={(e) => set('validFrom', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('merit.criteria.to')}</label>
        <input id={`${id}-to`} type="date" value={draft.validTo} onChange={(e) => set('validTo', e.target.value)} />
      </div>
      <button type="submit" className="btn primary block" disabled={!ready || save.isPending}>
        {criterionId ? t('merit.criteria.saveVersion') : t('merit.criteria.create')}
      </button>
      <ErrorNotice error={save.error} />
    </form>
  );
}
