import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import type { BankView } from './api';

const GRANT_RULES = ['all', 'majority'] as const;
const PRIVACY = ['full', 'masked', 'initials'] as const;

/**
 * The bank's own rules: how many bodies must approve, how far back a deed may be claimed, when
 * points lapse and how names appear in the public report. A change applies to what comes next;
 * points in the ledger are never touched by it.
 */
export function BankRules({ bank, office }: { bank: BankView; office: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [grantRule, setGrantRule] = useState(bank.grantRule);
  const [retroWindowDays, setRetro] = useState(String(bank.retroWindowDays));
  const [expiryMonths, setExpiry] = useState(bank.expiryMonths === null ? '' : String(bank.expiryMonths));
  const [privacy, setPrivacy] = useState(bank.privacy);
  const save = useMutation({
    mutationFn: () =>
      api.put<BankView>(`/api/merit-banks/${bank.placeId}`, {
        grantRule,
        retroWindowDays: Number(retroWindowDays),
        expiryMonths: expiryMonths.trim() === '' ? null : Number(expiryMonths),
        privacy,
      }),
    onSuccess: (saved) => client.setQueryData(['merit', 'bank', bank.placeId], saved),
  });
  const valid = /^\d{1,4}$/.test(retroWindowDays.trim()) && (expiryMonths.trim() === '' || /^\d{1,3}$/.test(expiryMonths.trim()));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) save.mutate();
  };
  const id = `rules-${bank.placeId}`;
  return (
    <section className="panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} style={{ margin: 0 }}>
        {t('merit.rules.title')}
      </h2>
      <form className="form-grid" onSubmit={submit} noValidate aria-label={t('merit.rules.title')}>
        <div className="field">
          <label htmlFor={`${id}-grant`}>{t('merit.rules.grantRule')}</label>
          <select id={`${id}-grant`} value={grantRule} disabled={!office} onChange={(e) => setGrantRule(e.target.value as BankView['grantRule'])}>
            {GRANT_RULES.map((r) => (
              <option key={r} value={r}>
                {t(`merit.rules.grant.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-retro`}>{t('merit.rules.retroWindowDays')}</label>
          <input id={`${id}-retro`} inputMode="numeric" value={retroWindowDays} disabled={!office} onChange={(e) => setRetro(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-expiry`}>{t('merit.rules.expiryMonths')}</label>
          <input id={`${id}-expiry`} inputMode="numeric" value={expiryMonths} placeholder={t('merit.rules.noExpiry')} disabled={!office} onChange={(e) => setExpiry(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-privacy`}>{t('merit.rules.privacy')}</label>
          <select id={`${id}-privacy`} value={privacy} disabled={!office} onChange={(e) => setPrivacy(e.target.value as BankView['privacy'])}>
            {PRIVACY.map((p) => (
              <option key={p} value={p}>
                {t(`merit.rules.privacyOption.${p}`)}
              </option>
            ))}
          </select>
        </div>
        {office && (
          <>
            {!valid && <p className="notice error">{t('merit.rules.numbers')}</p>}
            <button type="submit" className="btn block" disabled={!valid || save.isPending}>
              {t('merit.rules.save')}
            </button>
            <div aria-live="polite">{save.isSuccess && <p className="notice" data-testid="rules-saved">{t('merit.rules.saved')}</p>}</div>
            <ErrorNotice error={save.error} />
          </>
        )}
      </form>
    </section>
  );
}
