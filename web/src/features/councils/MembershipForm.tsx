import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';
import type { Council, Violation } from './api';
import { ErrorNotice } from '../../app/ErrorNotice';

const ROLES = ['member', 'chair', 'vice_chair', 'office', 'supervision'] as const;
const today = () => new Date().toLocaleDateString('sv-SE');

interface Check {
  allowed: boolean;
  status: string;
  before: Violation[];
  after: Violation[];
  members: number;
}

/** The kinds, sectors and tags a council's own rules name, so the form offers what counts. */
function codesOf(council: Council) {
  const kinds = new Set<string>(['resident', 'official']);
  const sectors = new Set<string>();
  const tags = new Set<string>();
  for (const rule of council.rules) {
    if (rule.kind === 'quota') kinds.add(rule.memberKind);
    if (rule.kind === 'sectors') rule.sectors.forEach((s) => sectors.add(s));
    if ((rule.kind === 'seat' || rule.kind === 'share') && rule.match.tag) tags.add(rule.match.tag);
    if ((rule.kind === 'seat' || rule.kind === 'share') && rule.match.kind) kinds.add(rule.match.kind);
  }
  return { kinds: [...kinds], sectors: [...sectors], tags: [...tags] };
}

/** A council code in words where we have them, else as it is. */
export function useCodeLabel() {
  const { t } = useTranslation();
  return (code: string) => t(`councils.codes.${code}`, { defaultValue: code });
}

/**
 * The office adds a member or ends a seat. Before anything is saved the change is checked against
 * the council's composition rules, and the rules it would break are shown with their reasons; a
 * constituted council refuses such a change, so the button waits until the rules hold.
 */
export function MembershipForm({ council }: { council: Council }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const queryClient = useQueryClient();
  const codes = codesOf(council);
  const [mode, setMode] = useState<'add' | 'end'>('add');
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('member');
  const [partyMember, setPartyMember] = useState(false);
  const [kind, setKind] = useState(codes.kinds[0]!);
  const [sectors, setSectors] = useState<string[]>([]);
  const [tags, setTags] = useState<string[]>([]);
  const [termStart, setTermStart] = useState(today);
  const [memberId, setMemberId] = useState('');
  const [reason, setReason] = useState('');
  const change =
    mode === 'add'
      ? name.trim()
        ? { add: [{ name: name.trim(), role, partyMember, kind, sectors, tags, termStart }] }
        : null
      : memberId
        ? { end: [{ memberId, ...(reason.trim() ? { reason: reason.trim() } : {}) }] }
        : null;
  // Checked as the office types; deferred, so typing never waits on the answer.
  const pending = useDeferredValue(change);
  const check = useQuery({
    queryKey: ['councils', 'check', council.id, pending],
    queryFn: () => api.post<Check>(`/api/councils/${council.id}/membership/check`, pending),
    enabled: pending !== null,
  });
  const save = useMutation({
    mutationFn: () => api.post(`/api/councils/${council.id}/membership`, change),
    onSuccess: () => {
      setName('');
      setSectors([]);
      setTags([]);
      setMemberId('');
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['councils'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (change && check.data?.allowed) save.mutate();
  };
  const toggle = (list: string[], set: (next: string[]) => void, code: string) => set(list.includes(code) ? list.filter((c) => c !== code) : [...list, code]);
  const language = currentLanguage();
  const newlyBroken = check.data?.after.filter((v) => !check.data.before.some((b) => b.rule === v.rule)) ?? [];
  return (
    <details className="panel" data-testid="membership-form">
      <summary>{t('councils.membership.title')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('councils.membership.title')} style={{ marginTop: 12 }}>
        <fieldset className="row" style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="muted">{t('councils.membership.what')}</legend>
          {(['add', 'end'] as const).map((m) => (
            <label key={m} style={{ display: 'inline-flex', gap: 6, alignItems: 'center', minHeight: 32 }}>
              <input type="radio" name={`${council.id}-membership-mode`} checked={mode === m} onChange={() => setMode(m)} />
              {t(`councils.membership.${m}`)}
            </label>
          ))}
        </fieldset>
        {mode === 'add' ? (
          <>
            <div className="field">
              <label htmlFor="member-name">{t('councils.membership.name')}</label>
              <input id="member-name" value={name} maxLength={60} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="member-role">{t('councils.role')}</label>
              <select id="member-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`councils.roles.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="member-kind">{t('councils.kind')}</label>
              <select id="member-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
                {codes.kinds.map((k) => (
                  <option key={k} value={k}>
                    {label(k)}
                  </option>
                ))}
              </select>
            </div>
            <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', minHeight: 32 }}>
              <input type="checkbox" checked={partyMember} onChange={(e) => setPartyMember(e.target.checked)} />
              {t('councils.party')}
            </label>
            {[
              { key: 'sectors', all: codes.sectors, list: sectors, set: setSectors },
              { key: 'tags', all: codes.tags, list: tags, set: setTags },
            ].map(
              (group) =>
                group.all.length > 0 && (
                  <fieldset key={group.key} className="row" style={{ border: 0, padding: 0, margin: 0 }}>
                    <legend className="muted">{t(`councils.membership.${group.key}`)}</legend>
                    {group.all.map((code) => (
                      <label key={code} style={{ display: 'inline-flex', gap: 6, alignItems: 'center', minHeight: 32 }}>
                        <input type="checkbox" checked={group.list.includes(code)} onChange={() => toggle(group.list, group.set, code)} />
                        {label(code)}
                      </label>
                    ))}
                  </fieldset>
                ),
            )}
            <div className="field">
              <label htmlFor="member-term">{t('councils.membership.termStart')}</label>
              <input id="member-term" type="date" value={termStart} onChange={(e) => setTermStart(e.target.value)} />
            </div>
          </>
        ) : (
          <>
            <div className="field">
              <label htmlFor="member-end">{t('councils.membership.whoEnds')}</label>
              <select id="member-end" value={memberId} onChange={(e) => setMemberId(e.target.value)}>
                <option value="">{t('councils.wards.choose')}</option>
                {council.members.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name} · {t(`councils.roles.${m.role}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="member-reason">{t('councils.membership.reason')}</label>
              <input id="member-reason" value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
            </div>
          </>
        )}
        {check.data && change && (
          <div role="status" data-testid="membership-check">
            {check.data.after.length === 0 ? (
              <p className="notice" style={{ margin: 0 }}>
                {t('councils.membership.kept', { count: check.data.members })}
              </p>
            ) : (
              <div className={check.data.allowed ? 'notice' : 'notice error'}>
                <p style={{ margin: 0 }}>{t(check.data.allowed ? 'councils.membership.stillForming' : 'councils.membership.refused')}</p>
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {check.data.after.map((v) => (
                    <li key={v.rule}>
                      {v.reason[language]}
                      {newlyBroken.includes(v) && ` ${t('councils.membership.newlyBroken')}`}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
        <ErrorNotice error={save.error} />
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={!change || !check.data?.allowed || check.isFetching || save.isPending}>
          {t(mode === 'add' ? 'councils.membership.saveAdd' : 'councils.membership.saveEnd')}
        </button>
      </form>
    </details>
  );
}
