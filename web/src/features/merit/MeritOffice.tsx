import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { holds } from '../../app/permissions';
import { failure, Loading } from '../../app/StatusPage';
import { useMe } from '../auth/session';
import { nameOf } from '../../i18n';
import { PlacePicker } from '../places/PlacePicker';
import '../cases/cases.css';

interface BankSummary {
  placeId: string;
  placeNameZh: string;
  placeNameEn: string;
  headSeq: number;
  openClaims: number;
}

/** The bank office's way in: the banks in one's places, and for managers a bank to open at a place. */
export default function MeritOffice() {
  const { t } = useTranslation();
  const me = useMe();
  const banks = useQuery({ queryKey: ['merit', 'banks'], queryFn: () => api.get<{ items: BankSummary[] }>('/api/merit-banks').then((r) => r.items) });
  if (banks.isPending) return <Loading />;
  if (banks.isError) return failure(banks.error, () => void banks.refetch());
  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <h1 style={{ fontSize: '1.6em', margin: 0 }}>{t('merit.office.title')}</h1>
      {banks.data.length === 0 ? (
        <p className="muted">{t('merit.office.none')}</p>
      ) : (
        <ul className="stack" data-testid="merit-banks" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {banks.data.map((b) => (
            <li key={b.placeId} className="panel">
              <Link to={`/merit/bank?placeId=${b.placeId}`} style={{ fontWeight: 600 }}>
                {nameOf({ nameZh: b.placeNameZh, nameEn: b.placeNameEn })}
              </Link>
              <p className="muted" style={{ margin: '4px 0 0' }}>
                {t('merit.office.summary', { entries: b.headSeq, claims: b.openClaims })}
              </p>
            </li>
          ))}
        </ul>
      )}
      {holds(me.data, 'merit.manage') && <OpenBank />}
    </div>
  );
}

/** A bank opens at a village or community with the four default bodies; its rules are set on its page. */
function OpenBank() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [placeId, setPlaceId] = useState<string | null>(null);
  const open = useMutation({
    mutationFn: () => api.put(`/api/merit-banks/${placeId}`, {}),
    onSuccess: () => void navigate(`/merit/bank?placeId=${placeId}`),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (placeId) open.mutate();
  };
  return (
    <details className="panel">
      <summary>{t('merit.office.open')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('merit.office.open')} style={{ marginTop: 12 }}>
        <div className="field">
          <label htmlFor="merit-open-place">{t('merit.office.place')}</label>
          <PlacePicker id="merit-open-place" value={placeId} onChange={setPlaceId} placeholder={t('merit.office.place')} />
        </div>
        <p className="muted" style={{ margin: 0 }}>
          {t('merit.office.openHint')}
        </p>
        <button type="submit" className="btn primary" disabled={!placeId || open.isPending}>
          {t('merit.office.openSend')}
        </button>
        <ErrorNotice error={open.error} />
      </form>
    </details>
  );
}
