import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { failure } from '../../app/StatusPage';
import { nameOf } from '../../i18n';
import { type Division, wardsQuery, type WardView } from './api';
import { Bars } from './Bars';
import { ErrorNotice } from '../../app/ErrorNotice';

/**
 * A council's wards (Cixi): the grids each takes in, how many live there, who was nominated and
 * who leads it. The office divides the place by population, nominates members and records the
 * count of each ward's election.
 */
export function CouncilWards({ councilId, office, members }: { councilId: string; office: boolean; members: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const wards = useQuery(wardsQuery(councilId));
  if (wards.isError) return failure(wards.error, () => void wards.refetch());
  if (!office && wards.data?.length === 0) return null;
  return (
    <section className="stack" aria-labelledby="wards" data-testid="wards">
      <h2 id="wards" style={{ fontSize: '1.2em', margin: 0 }}>
        {t('councils.wards.title')}
      </h2>
      {office && <DivideForm councilId={councilId} />}
      {wards.data?.length === 0 && <p className="muted">{t('councils.wards.none')}</p>}
      {wards.data?.map((ward) => <WardCard key={ward.id} councilId={councilId} ward={ward} office={office} members={members} />)}
    </section>
  );
}

function useSaveWards(councilId: string) {
  const queryClient = useQueryClient();
  return (items: WardView[]) => queryClient.setQueryData(wardsQuery(councilId).queryKey, items);
}

function DivideForm({ councilId }: { councilId: string }) {
  const { t } = useTranslation();
  const saveWards = useSaveWards(councilId);
  const [count, setCount] = useState('3');
  const propose = useMutation({ mutationFn: () => api.post<Division>(`/api/councils/${councilId}/wards/proposal`, { count: Number(count) }) });
  const draw = useMutation({
    mutationFn: (division: Division) => api.put<{ items: WardView[] }>(`/api/councils/${councilId}/wards`, { wards: division.wards.map((w) => ({ name: w.name, placeIds: w.places.map((p) => p.id) })) }),
    onSuccess: (saved) => {
      saveWards(saved.items);
      propose.reset();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    propose.mutate();
  };
  const proposal = propose.data;
  const heaviest = Math.max(1, ...(proposal?.wards.map((w) => w.population) ?? []));
  return (
    <details className="panel">
      <summary>{t('councils.wards.divide')}</summary>
      <form className="row" onSubmit={submit} style={{ marginTop: 12, alignItems: 'end' }}>
        <div className="field">
          <label htmlFor={`${councilId}-ward-count`}>{t('councils.wards.count')}</label>
          <input id={`${councilId}-ward-count`} type="number" inputMode="numeric" min={1} max={50} value={count} onChange={(e) => setCount(e.target.value)} style={{ width: '6em' }} />
        </div>
        <button type="submit" className="btn" disabled={propose.isPending || !(Number(count) >= 1)}>
          {t('councils.wards.propose')}
        </button>
      </form>
      <ErrorNotice error={propose.error} />
      {proposal && (
        <div className="stack" style={{ marginTop: 12 }} data-testid="ward-proposal">
          <Bars
            label={t('councils.wards.proposal')}
            rows={proposal.wards.map((w) => ({ label: `${w.name}：${w.places.map((p) => nameOf(p)).join('、')}`, percent: (100 * w.population) / heaviest, figure: t('councils.wards.people', { count: w.population }) }))}
          />
          <p className="muted" style={{ margin: 0 }}>
            {t('councils.wards.spread', { percent: Math.round(proposal.spread * 100) })}
          </p>
          <ErrorNotice error={draw.error} />
          <button type="button" className="btn primary" style={{ justifySelf: 'start' }} disabled={draw.isPending} onClick={() => draw.mutate(proposal)}>
            {t('councils.wards.save')}
          </button>
        </div>
      )}
    </details>
  );
}

function WardCard({ councilId, ward, office, members }: { councilId: string; ward: WardView; office: boolean; members: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  return (
    <article className="panel stack" aria-labelledby={`ward-${ward.id}`} style={{ gap: 6 }}>
      <h3 id={`ward-${ward.id}`} style={{ fontSize: '1.05em', margin: 0 }}>
        {ward.name}
      </h3>
      <p style={{ margin: 0 }}>{ward.places.map((p) => nameOf(p)).join('、')}</p>
      <p className="muted" style={{ margin: 0 }}>
        {t('councils.wards.population', { count: ward.population, newResidents: ward.newResidents })}
      </p>
      <p style={{ margin: 0 }}>
        {ward.leader ? t('councils.wards.leader', { name: ward.leader.name }) : t('councils.wards.noLeader')}
        {ward.nominees.length > 0 && <span className="muted"> · {t('councils.wards.nominees', { names: ward.nominees.map((n) => n.name).join('、') })}</span>}
      </p>
      {office && <Nominate councilId={councilId} ward={ward} members={members} />}
      {office && ward.nominees.length > 0 && <ElectionForm councilId={councilId} ward={ward} />}
    </article>
  );
}

function Nominate({ councilId, ward, members }: { councilId: string; ward: WardView; members: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  const saveWards = useSaveWards(councilId);
  const candidates = members.filter((m) => !ward.nominees.some((n) => n.memberId === m.id));
  const [memberId, setMemberId] = useState('');
  const nominate = useMutation({
    mutationFn: () => api.post<{ items: WardView[] }>(`/api/wards/${ward.id}/nominations`, { memberId }),
    onSuccess: (saved) => {
      saveWards(saved.items);
      setMemberId('');
    },
  });
  if (candidates.length === 0) return null;
  return (
    <div className="stack" style={{ gap: 4 }}>
      <div className="row" style={{ alignItems: 'end' }}>
        <div className="field">
          <label htmlFor={`nominate-${ward.id}`}>{t('councils.wards.nominate')}</label>
          <select id={`nominate-${ward.id}`} value={memberId} onChange={(e) => setMemberId(e.target.value)}>
            <option value="">{t('councils.wards.choose')}</option>
            {candidates.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="btn" disabled={!memberId || nominate.isPending} onClick={() => nominate.mutate()}>
          {t('councils.wards.nominateSend')}
        </button>
      </div>
      <ErrorNotice error={nominate.error} />
    </div>
  );
}

function ElectionForm({ councilId, ward }: { councilId: string; ward: WardView }) {
  const { t } = useTranslation();
  const saveWards = useSaveWards(councilId);
  const [votes, setVotes] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: () => api.post<{ items: WardView[] }>(`/api/wards/${ward.id}/elections`, { tally: ward.nominees.map((n) => ({ memberId: n.memberId, votes: Number(votes[n.memberId] ?? 0) })) }),
    onSuccess: (saved) => {
      saveWards(saved.items);
      setVotes({});
    },
  });
  const complete = ward.nominees.every((n) => /^\d+$/.test(votes[n.memberId] ?? ''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (complete) record.mutate();
  };
  return (
    <details>
      <summary>{t('councils.wards.election')}</summary>
      <form className="stack" onSubmit={submit} aria-label={t('councils.wards.election')} style={{ marginTop: 8 }}>
        <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="muted">{t('councils.wards.votesFor')}</legend>
          {ward.nominees.map((n) => (
            <div key={n.memberId} className="field">
              <label htmlFor={`votes-${ward.id}-${n.memberId}`}>{n.name}</label>
              <input
                id={`votes-${ward.id}-${n.memberId}`}
                type="number"
                inputMode="numeric"
                min={0}
                value={votes[n.memberId] ?? ''}
                onChange={(e) => setVotes({ ...votes, [n.memberId]: e.target.value })}
                style={{ width: '6em' }}
              />
            </div>
          ))}
        </fieldset>
        <ErrorNotice error={record.error} />
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={!complete || record.isPending}>
          {t('councils.wards.record')}
        </button>
      </form>
    </details>
  );
}
