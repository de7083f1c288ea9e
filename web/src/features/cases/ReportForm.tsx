import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Channel, type Priority } from '../../../../src/modules/cases/workflow';
import { api, ApiError } from '../../api/client';
import type { Submitted } from '../../api/types';
import { nameOf } from '../../i18n';
import { placeQuery } from '../places/queries';
import { classify, departmentsQuery, newSubmissionKey } from './api';
import { PlaceSelect } from './PlaceSelect';
import { ErrorNotice } from '../../app/ErrorNotice';
import './cases.css';

/** The channels staff take requests from (a resident on the portal is always "web"). */
export const STAFF_CHANNELS = ['phone', 'walk_in', 'deputy', 'liaison', 'patrol'] as const satisfies readonly Channel[];

interface Draft {
  /** The Idempotency-Key of this one submission: the same on every retry, a new one for the next problem. */
  key: string;
  placeId: string | null;
  description: string;
  address: string;
  lat: number | null;
  lng: number | null;
  photos: string;
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
  mayContact: boolean;
  channel: (typeof STAFF_CHANNELS)[number];
  priority: Priority;
}

/** What was sent, for the page that shows the confirmation (and, for staff, looks for duplicates). */
export interface SentReport {
  submitted: Submitted;
  placeId: string;
  description: string;
  lat: number | null;
  lng: number | null;
}

const blank = (placeId: string | null): Draft => ({
  key: newSubmissionKey(),
  placeId,
  description: '',
  address: '',
  lat: null,
  lng: null,
  photos: '',
  contactName: '',
  contactPhone: '',
  anonymous: false,
  mayContact: true,
  channel: 'phone',
  priority: 'normal',
});

/** Drafts live in the tab's session: a failed send, a reload or a trip to the login page loses nothing. */
const storageKey = (kind: 'resident' | 'staff') => `tongxin.caseDraft.${kind}`;

function loadDraft(kind: 'resident' | 'staff', placeId: string | null): Draft {
  try {
    const saved = sessionStorage.getItem(storageKey(kind));
    if (saved) {
      const draft = { ...blank(placeId), ...(JSON.parse(saved) as Partial<Draft>) };
      return { ...draft, placeId: draft.placeId ?? placeId };
    }
  } catch {
    // A draft that cannot be read is no draft.
  }
  return blank(placeId);
}

const PHOTO = /^https?:\/\/\S+$/;
const MIN_DESCRIPTION = 4;
/** Below this the router is guessing: the form says nothing rather than something wrong. */
const CONFIDENT = 0.35;

type Field = 'placeId' | 'description' | 'address' | 'photos' | 'contactName' | 'contactPhone';

/** The text a request's description has settled on, after the person stops typing for a moment. */
function useSettled(text: string, ms: number): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), ms);
    return () => clearTimeout(timer);
  }, [text, ms]);
  return settled;
}

/**
 * Report a problem: the resident's form on the portal and the operator's intake form, which adds
 * the channel and priority and shows the router's proposal in full. Plain HTML for phones.
 * Everything typed is kept in the session until the request is in; the submission key too, so a
 * second tap or a retry after a lost answer gets the same case, never a second one.
 */
export function ReportForm({
  kind,
  loggedIn,
  defaultPlaceId,
  onSent,
  aside,
}: {
  kind: 'resident' | 'staff';
  loggedIn: boolean;
  defaultPlaceId: string | null;
  onSent: (sent: SentReport) => void;
  /** Shown under the description, given what has been typed (possible duplicates, for staff). */
  aside?: (draft: { placeId: string | null; description: string; lat: number | null; lng: number | null }) => ReactNode;
}) {
  const { t } = useTranslation();
  const id = useId();
  const staff = kind === 'staff';
  const [draft, setDraft] = useState<Draft>(() => loadDraft(kind, defaultPlaceId));
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    try {
      sessionStorage.setItem(storageKey(kind), JSON.stringify(draft));
    } catch {
      // Storage full or refused (some private modes): the form still works, only without the safety net.
    }
  }, [draft, kind]);
  // The account's place may arrive after the first render; it is offered once, never forced back.
  const offered = useRef(draft.placeId !== null);
  useEffect(() => {
    if (defaultPlaceId && !offered.current) {
      offered.current = true;
      setDraft((d) => (d.placeId ? d : { ...d, placeId: defaultPlaceId }));
    }
  }, [defaultPlaceId]);

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [field]: value }));
    if (field in problems) setProblems((p) => ({ ...p, [field]: undefined }));
  };

  // The city's departments name the router's proposal.
  const place = useQuery(placeQuery(draft.placeId));
  const cityId = place.data ? ([...place.data.ancestors, place.data.place].find((p) => p.level === 'city')?.id ?? null) : null;
  const departments = useQuery(departmentsQuery(cityId));
  const settled = useSettled(draft.description.trim(), 600);
  const suggestion = useQuery({
    queryKey: ['cases', 'classify', settled],
    queryFn: () => classify(settled),
    enabled: settled.length >= MIN_DESCRIPTION,
    staleTime: Infinity,
    retry: false,
  });
  const department = departments.data?.find((d) => d.code === suggestion.data?.department);
  const category = department?.categories.find((c) => c.code === suggestion.data?.category);

  const send = useMutation({
    mutationFn: ({ body, key }: { body: { placeId: string; description: string; lat?: number; lng?: number } & Record<string, unknown>; key: string }) =>
      api.post<Submitted>('/api/cases', body, { 'Idempotency-Key': key }),
    onSuccess: (submitted, { body }) => {
      try {
        sessionStorage.removeItem(storageKey(kind));
      } catch {
        // Nothing was stored.
      }
      onSent({ submitted, placeId: body.placeId, description: body.description, lat: body.lat ?? null, lng: body.lng ?? null });
      setDraft(blank(defaultPlaceId));
    },
    onError: (error) => {
      // The server's word on a field goes beside that field.
      if (error instanceof ApiError && Array.isArray(error.details.errors)) {
        const fields: Partial<Record<Field, string>> = {};
        for (const e of error.details.errors as { path: string; message: string }[]) {
          const field = e.path.split('/')[1] as Field | undefined;
          if (field && !fields[field]) fields[field] = e.message;
        }
        setProblems(fields);
      }
      if (error instanceof ApiError && error.code === 'phone_invalid') setProblems({ contactPhone: error.message });
      if (error instanceof ApiError && error.code === 'case_contact_required') setProblems({ contactPhone: error.message });
      summary.current?.focus();
    },
  });

  const photos = draft.photos
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!draft.placeId) found.placeId = t('cases.form.placeRequired');
    if (draft.description.trim().length < MIN_DESCRIPTION) found.description = t('cases.form.descriptionRequired', { count: MIN_DESCRIPTION });
    if (photos.length > 6) found.photos = t('cases.form.photosTooMany');
    else if (photos.some((p) => !PHOTO.test(p))) found.photos = t('cases.form.photosInvalid');
    if (!loggedIn && !draft.contactPhone.trim()) found.contactPhone = t('cases.form.phoneRequired');
    return found;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (send.isPending) return;
    const found = check();
    setProblems(found);
    const first = (['placeId', 'description', 'photos', 'contactPhone'] as const).find((f) => found[f]);
    if (first || !draft.placeId) {
      const where = document.getElementById(`${id}-where`);
      const target = first === 'placeId' ? (where?.querySelector<HTMLElement>('select[aria-invalid="true"]') ?? where?.querySelector<HTMLElement>('select')) : document.getElementById(`${id}-${first}`);
      target?.focus();
      return;
    }
    const body = {
      placeId: draft.placeId,
      description: draft.description.trim(),
      address: draft.address.trim() || undefined,
      lat: draft.lat ?? undefined,
      lng: draft.lng ?? undefined,
      photos: photos.length ? photos : undefined,
      contactName: draft.contactName.trim() || undefined,
      contactPhone: draft.contactPhone.trim() || undefined,
      anonymous: draft.anonymous,
      mayContact: draft.mayContact,
      ...(staff ? { channel: draft.channel, priority: draft.priority } : {}),
    };
    send.mutate({ body, key: draft.key });
  };

  const locate = () => {
    if (!('geolocation' in navigator)) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setDraft((d) => ({ ...d, lat: Math.round(position.coords.latitude * 1e6) / 1e6, lng: Math.round(position.coords.longitude * 1e6) / 1e6 }));
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  const fieldProps = (field: Field) => ({
    id: `${id}-${field}`,
    'aria-invalid': problems[field] ? true : undefined,
    'aria-describedby': [problems[field] ? `${id}-${field}-problem` : '', field === 'contactName' ? '' : `${id}-${field}-hint`].filter(Boolean).join(' ') || undefined,
  });
  const problem = (field: Field) =>
    problems[field] ? (
      <span className="problem" id={`${id}-${field}-problem`}>
        {problems[field]}
      </span>
    ) : null;
  const anyProblem = Object.values(problems).some(Boolean);

  return (
    <form onSubmit={submit} noValidate className="form-grid" aria-describedby={`${id}-intro`} data-testid="report-form">
      <p id={`${id}-intro`} className="muted" style={{ margin: 0 }}>
        {staff ? t('cases.form.staffIntro') : t('cases.form.intro')}
      </p>
      <div ref={summary} tabIndex={-1} aria-live="assertive">
        <ErrorNotice error={send.error} testId="report-error">{t('cases.form.kept')}</ErrorNotice>
        {!send.isError && anyProblem && (
          <p className="notice error" role="alert">
            {t('cases.form.fix')}
          </p>
        )}
      </div>

      <fieldset className="group" id={`${id}-where`}>
        <legend>
          {t('cases.form.where')} <span className="required" aria-hidden="true">*</span>
        </legend>
        <PlaceSelect value={draft.placeId} onChange={(placeId) => set('placeId', placeId)} invalid={!!problems.placeId} describedBy={problems.placeId ? `${id}-placeId-problem` : undefined} />
        {problem('placeId')}
        <div className="field">
          <label htmlFor={`${id}-address`}>
            {t('cases.form.address')} <span className="muted">{t('cases.form.optional')}</span>
          </label>
          <input {...fieldProps('address')} value={draft.address} maxLength={300} autoComplete="street-address" onChange={(e) => set('address', e.target.value)} />
          <span className="hint" id={`${id}-address-hint`}>
            {t('cases.form.addressHint')}
          </span>
        </div>
        <div className="row">
          {draft.lat !== null && draft.lng !== null ? (
            <>
              <span data-testid="position">{t('cases.form.located', { lat: draft.lat.toFixed(5), lng: draft.lng.toFixed(5) })}</span>
              <button type="button" className="btn" onClick={() => setDraft((d) => ({ ...d, lat: null, lng: null }))}>
                {t('cases.form.forgetLocation')}
              </button>
            </>
          ) : (
            <button type="button" className="btn" onClick={locate} disabled={locating === 'busy'}>
              {locating === 'busy' ? t('cases.form.locating') : t('cases.form.useLocation')}
            </button>
          )}
          {locating === 'failed' && (
            <span className="muted" role="status">
              {t('cases.form.locationFailed')}
            </span>
          )}
        </div>
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-description`}>
          {t('cases.form.description')} <span className="required" aria-hidden="true">*</span>
        </label>
        <textarea {...fieldProps('description')} aria-required value={draft.description} maxLength={4000} rows={5} onChange={(e) => set('description', e.target.value)} />
        <span className="hint" id={`${id}-description-hint`}>
          {t('cases.form.descriptionHint')}
        </span>
        {problem('description')}
      </div>
      <div aria-live="polite" data-testid="suggestion">
        {suggestion.data && department && (staff || suggestion.data.confidence >= CONFIDENT) && (
          <p className="suggestion" style={{ margin: 0 }}>
            {staff
              ? t('cases.form.proposal', { department: nameOf(department), percent: Math.round(suggestion.data.confidence * 100) })
              : t('cases.form.likely', { department: nameOf(department) })}
            {category && ` · ${nameOf(category)}`}
            {staff && suggestion.data.alternatives.length > 0 && (
              <span className="muted" style={{ display: 'block' }}>
                {t('cases.form.alternatives', {
                  list: suggestion.data.alternatives
                    .map((a) => departments.data?.find((d) => d.code === a.department))
                    .filter((d) => d !== undefined)
                    .map((d) => nameOf(d))
                    .join(t('cases.listSeparator')),
                })}
              </span>
            )}
          </p>
        )}
      </div>
      {aside?.({ placeId: draft.placeId, description: settled, lat: draft.lat, lng: draft.lng })}

      <div className="field">
        <label htmlFor={`${id}-photos`}>
          {t('cases.form.photos')} <span className="muted">{t('cases.form.optional')}</span>
        </label>
        <textarea {...fieldProps('photos')} value={draft.photos} rows={2} inputMode="url" onChange={(e) => set('photos', e.target.value)} style={{ minHeight: '3em' }} />
        <span className="hint" id={`${id}-photos-hint`}>
          {t('cases.form.photosHint')}
        </span>
        {problem('photos')}
      </div>

      {staff && (
        <fieldset className="group">
          <legend>{t('cases.form.intake')}</legend>
          <div className="field">
            <label htmlFor={`${id}-channel`}>{t('cases.channelLabel')}</label>
            <select id={`${id}-channel`} value={draft.channel} onChange={(e) => set('channel', e.target.value as Draft['channel'])}>
              {STAFF_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {t(`cases.channel.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-priority`}>{t('cases.priorityLabel')}</label>
            <select id={`${id}-priority`} value={draft.priority} onChange={(e) => set('priority', e.target.value as Priority)}>
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {t(`cases.priority.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </fieldset>
      )}

      <fieldset className="group">
        <legend>{staff ? t('cases.form.requester') : t('cases.form.contact')}</legend>
        <div className="field">
          <label htmlFor={`${id}-contactName`}>
            {t('cases.form.contactName')} <span className="muted">{t('cases.form.optional')}</span>
          </label>
          <input {...fieldProps('contactName')} value={draft.contactName} maxLength={50} autoComplete={staff ? 'off' : 'name'} onChange={(e) => set('contactName', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-contactPhone`}>
            {t('cases.form.contactPhone')} {loggedIn ? <span className="muted">{t('cases.form.optional')}</span> : <span className="required" aria-hidden="true">*</span>}
          </label>
          <input {...fieldProps('contactPhone')} aria-required={!loggedIn} value={draft.contactPhone} maxLength={20} type="tel" inputMode="tel" autoComplete={staff ? 'off' : 'tel'} onChange={(e) => set('contactPhone', e.target.value)} />
          <span className="hint" id={`${id}-contactPhone-hint`}>
            {loggedIn ? (staff ? t('cases.form.phoneHintStaff') : t('cases.form.phoneHintAccount')) : t('cases.form.phoneHintAnonymous')}
          </span>
          {problem('contactPhone')}
        </div>
        <label className="choice">
          <input type="checkbox" role="switch" checked={draft.anonymous} onChange={(e) => set('anonymous', e.target.checked)} />
          <span>{t('cases.form.anonymous')}</span>
        </label>
        <label className="choice">
          <input type="checkbox" role="switch" checked={draft.mayContact} onChange={(e) => set('mayContact', e.target.checked)} />
          <span>{t('cases.form.mayContact')}</span>
        </label>
      </fieldset>

      <button type="submit" className="btn primary block" disabled={send.isPending} data-testid="report-submit">
        {send.isPending ? t('cases.form.sending') : staff ? t('cases.form.register') : t('cases.form.submit')}
      </button>
    </form>
  );
}
