import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';

export interface FoundResident {
  residentId: string;
  name: string;
  birthYear: number | null;
  household: string | null;
}

/**
 * Finds residents of a bank's place by part of their name, for the office (who came to an
 * activity, who did a deed together); birth year and household tell two of one name apart.
 */
export function ResidentFinder({ id, placeId, label, pickLabel, exclude, onPick, busy = false }: {
  id: string;
  placeId: string;
  label: string;
  pickLabel: (name: string) => string;
  exclude: ReadonlySet<string>;
  onPick: (resident: FoundResident) => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['merit', 'residents', placeId, q.trim()],
    queryFn: () => api.get<{ items: FoundResident[] }>(`/api/merit-banks/${placeId}/residents${query({ q: q.trim() })}`).then((r) => r.items),
    enabled: q.trim().length > 0,
  });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={q} maxLength={50} placeholder={t('merit.finder.hint')} onChange={(e) => setQ(e.target.value)} />
      {found.data && (
        <ul data-testid="residents-found" style={{ margin: '4px 0 0' }}>
          {found.data.length === 0 && <li className="muted">{t('merit.finder.none')}</li>}
          {found.data
            .filter((r) => !exclude.has(r.residentId))
            .map((r) => (
              <li key={r.residentId}>
                <button
                  type="button"
                  className="btn"
                  disabled={busy}
                  onClick={() => {
                    onPick(r);
                    setQ('');
                  }}
                >
                  {pickLabel(r.name)}
                </button>{' '}
                <span className="muted">{[r.birthYear ? t('merit.finder.born', { year: r.birthYear }) : null, r.household].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
        </ul>
      )}
      <ErrorNotice error={found.error} />
    </div>
  );
}
