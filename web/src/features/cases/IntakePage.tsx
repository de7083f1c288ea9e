import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PERMISSIONS } from '../../../../src/platform/access';
import { api } from '../../api/client';
import type { Me, SimilarCase } from '../../api/types';
import { adminPage } from '../../app/AdminPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { act, caseQuery, queryOf } from './api';
import { ReportForm, type SentReport } from './ReportForm';
import { StatusBadge } from './StatusBadge';
import { formatTime } from './words';
import './cases.css';

/** The one place an operator takes requests for, if there is exactly one. */
function intakePlace(me: Me | null | undefined): string | null {
  const places = new Set(me?.grants.filter((g) => (PERMISSIONS['cases.intake'] as readonly string[]).includes(g.role)).map((g) => g.placeId));
  return places.size === 1 ? ([...places][0] ?? null) : null;
}

interface Around {
  placeId: string | null;
  description: string;
  lat: number | null;
  lng: number | null;
}

/** Open cases near the new one and alike in words: possible duplicates, most alike first. */
function useSimilar(around: Around, excludeId?: string) {
  const enabled = !!around.placeId && around.description.length >= 4;
  return useQuery({
    queryKey: ['cases', 'similar', around],
    queryFn: () =>
      api
        .get<{ items: SimilarCase[] }>(`/api/cases/similar${queryOf({ placeId: around.placeId, text: around.description, lat: around.lat, lng: around.lng })}`)
        .then((r) => r.items),
    enabled,
    staleTime: 30_000,
    select: (items) => items.filter((i) => i.id !== excludeId),
  });
}

/**
 * Intake by an operator, liaison, deputy or official: the report form with the channel and
 * priority, the router's proposal, and the open cases that may be the same problem. After the
 * request is in, it can be merged into one of those in one click.
 */
function IntakePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [sent, setSent] = useState<SentReport | null>(null);
  return (
    <div className="stack" style={{ maxWidth: 760 }}>
      <PageHeading>{t('cases.intake.title')}</PageHeading>
      {sent ? (
        <Registered sent={sent} onAgain={() => setSent(null)} />
      ) : (
        <Card>
          <ReportForm kind="staff" loggedIn defaultPlaceId={intakePlace(me)} onSent={setSent} aside={(around) => <SimilarList around={around} />} />
        </Card>
      )}
    </div>
  );
}

/** While the operator types: what may already be reported, to tell the caller. */
function SimilarList({ around }: { around: Around }) {
  const { t } = useTranslation();
  const similar = useSimilar(around);
  if (!similar.data?.length && !similar.isError) return null;
  return (
    <section aria-labelledby="similar-title" className="stack" style={{ gap: 8 }}>
      <h2 id="similar-title" style={{ fontSize: '1em', margin: 0 }}>
        {t('cases.intake.similar')}
      </h2>
      {similar.isError ? <Alert type="warning" showIcon title={t('cases.intake.similarFailed', { message: similar.error.message })} /> : <Similar items={similar.data ?? []} />}
    </section>
  );
}

function Similar({ items, onMerge, merging }: { items: SimilarCase[]; onMerge?: (item: SimilarCase) => void; merging?: string | null }) {
  const { t } = useTranslation();
  return (
    <ul className="similar" data-testid="similar">
      {items.map((s) => (
        <li key={s.id}>
          <p>
            <Link to={`/cases/${s.id}`}>{s.number}</Link> <StatusBadge status={s.status} />{' '}
            <Typography.Text type="secondary">
              {t('cases.intake.alike', { percent: Math.round(s.similarity * 100) })}
              {s.distanceMeters !== null && ` · ${t('cases.intake.away', { meters: s.distanceMeters })}`}
            </Typography.Text>
          </p>
          <p>{s.description}</p>
          <p className="muted">
            {nameOf({ nameZh: s.placeNameZh, nameEn: s.placeNameEn })}
            {s.address && ` · ${s.address}`} · {formatTime(s.receivedAt)}
          </p>
          {onMerge && (
            <p>
              <Button size="small" onClick={() => onMerge(s)} loading={merging === s.id} disabled={!!merging}>
                {t('cases.intake.mergeInto', { number: s.number })}
              </Button>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The number to read back to the caller, where the router would send it, and the duplicates to merge into. */
function Registered({ sent, onAgain }: { sent: SentReport; onAgain: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const made = useQuery(caseQuery(sent.submitted.id));
  const similar = useSimilar(sent, sent.submitted.id);
  const merge = useMutation({
    mutationFn: (into: SimilarCase) => act(sent.submitted.id, 'merge', { intoId: into.id }),
    onSuccess: ({ case: updated }, into) => {
      void message.success(t('cases.intake.merged', { number: into.number }));
      if (updated) queryClient.setQueryData(caseQuery(sent.submitted.id).queryKey, updated);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
    },
    onError: (error) => void message.error(error.message),
  });
  const c = made.data;
  const merged = c?.status === 'merged';
  return (
    <div className="stack">
      <Card data-testid="report-sent">
        <Typography.Title level={2} style={{ fontSize: '1.2em', marginTop: 0 }}>
          {sent.submitted.replayed ? t('cases.intake.already') : t('cases.intake.registered')}
        </Typography.Title>
        <p className="big-number" data-testid="case-number" style={{ margin: '0 0 8px' }}>
          {sent.submitted.number}
        </p>
        {c && (
          <Typography.Paragraph style={{ margin: 0 }}>
            {merged
              ? t('cases.intake.nowMerged', { number: c.mergedIntoNumber ?? '' })
              : c.suggestedDepartment
                ? t('cases.intake.proposed', { department: nameOf(c.suggestedDepartment), percent: Math.round((c.suggestedConfidence ?? 0) * 100) })
                : t('cases.queue.noProposal')}
          </Typography.Paragraph>
        )}
        <div className="row" style={{ marginTop: 12 }}>
          <Link to={`/cases/${sent.submitted.id}`}>{t('cases.report.open')}</Link>
          <Button type="primary" onClick={onAgain}>
            {t('cases.intake.another')}
          </Button>
        </div>
      </Card>
      {!merged && (
        <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('cases.intake.duplicates')}</h2>}>
          {similar.isPending && <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>}
          {similar.isError && <Alert type="error" showIcon title={t('cases.intake.similarFailed', { message: similar.error.message })} />}
          {similar.data && similar.data.length === 0 && <Typography.Text type="secondary">{t('cases.intake.noDuplicates')}</Typography.Text>}
          {similar.data && similar.data.length > 0 && <Similar items={similar.data} onMerge={(s) => merge.mutate(s)} merging={merge.isPending ? (merge.variables?.id ?? null) : null} />}
        </Card>
      )}
    </div>
  );
}

export default adminPage(IntakePage);
