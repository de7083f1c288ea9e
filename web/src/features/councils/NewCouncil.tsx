import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { currentLanguage } from '../../i18n';
import { PlacePicker } from '../places/PlacePicker';
import type { Bilingual } from './api';

interface CouncilType {
  code: string;
  name: Bilingual;
}

/**
 * Sets up a council for a place from one of the types of the case records, whose composition
 * rules and vote threshold it then keeps as its own; it is being formed until its members keep them.
 */
export function NewCouncil() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const types = useQuery({ queryKey: ['councils', 'types'], queryFn: () => api.get<{ items: CouncilType[] }>('/api/council-types').then((r) => r.items) });
  const [placeId, setPlaceId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [typeCode, setTypeCode] = useState('');
  const create = useMutation({
    mutationFn: () => api.post<{ id: string }>('/api/councils', { placeId, name: name.trim(), typeCode }),
    onSuccess: (council) => void navigate(`/councils/${council.id}`),
  });
  const ready = !!placeId && name.trim() !== '' && typeCode !== '';
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
          <select id="council-type" value={typeCode} onChange={(e) => setTypeCode(e.target.value)}>
            <option value="">{t('councils.wards.choose')}</option>
            {types.data?.map((type) => (
              <option key={type.code} value={type.code}>
                {type.name[currentLanguage()]}
              </option>
            ))}
          </select>
        </div>
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
