import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { currentLanguage } from '../../i18n';
import { PlacePicker } from '../places/PlacePicker';
import type { Bilingual } from './api';
import { type CouncilRules, RulesEditor, rulesFilled } from './RulesEditor';

interface CouncilType extends CouncilRules {
  code: string;
  name: Bilingual;
}

/**
 * Sets up a council for a place from one of the types of the case records, whose composition
 * rules and vote threshold it then keeps as its own, with their figures adjusted to the place if
 * need be; it is being formed until its members keep them.
 */
export function NewCouncil() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const types = useQuery({ queryKey: ['councils', 'types'], queryFn: () => api.get<{ items: CouncilType[] }>('/api/council-types').then((r) => r.items) });
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [typeCode, setTypeCode] = useState('');
  const [rules, setRules] = useState<CouncilRules | null>(null);
  const choose = (code: string) => {
    setTypeCode(code);
    const type = types.data?.find((t) => t.code === code);
    setRules(type ? { rules: type.rules, threshold: type.threshold } : null);
  };
  const create = useMutation({
    mutationFn: () => api.post<{ id: string }>('/api/councils', { placeId, name: name.trim(), typeCode, ...rules }),
    onSuccess: (council) => void navigate(`/councils/${council.id}`),
  });
  const ready = !!placeId && name.trim() !== '' && typeCode !== '' && !!rules && rulesFilled(rules);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) create.mutate();
  };
  return (
    <details className="panel">
      <summary>{t('councils.newCouncil.title')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('councils.newCouncil.title')} style={{ marginTop: 12 }}>
        <div className="field">
          <label htmlFor="council-place">{t('councils.newCouncil.place')}</label>
          <PlacePicker id="council-place" value={placeId} onChange={setPlaceId} placeholder={t('councils.newCouncil.place')} />
        </div>
        <div className="field">
          <label htmlFor="council-type">{t('councils.newCouncil.type')}</label>
          <select id="council-type" value={typeCode} onChange={(e) => choose(e.target.value)}>
            <option value="">{t('councils.wards.choose')}</option>
            {types.data?.map((type) => (
              <option key={type.code} value={type.code}>
                {type.name[currentLanguage()]}
              </option>
            ))}
          </select>
        </div>
        {rules && (
          <details>
            <summary>{t('councils.newCouncil.adjust')}</summary>
            <div style={{ marginTop: 12 }}>
              <RulesEditor idPrefix="council-rules" value={rules} onChange={setRules} />
            </div>
          </details>
        )}
        <div className="field">
          <label htmlFor="council-name">{t('councils.newCouncil.name')}</label>
          <input id="council-name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
        </div>
        <ErrorNotice error={create.error} />
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={!ready || create.isPending}>
          {t('councils.newCouncil.send')}
        </button>
      </form>
    </details>
  );
}
