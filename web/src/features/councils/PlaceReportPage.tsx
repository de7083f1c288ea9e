import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PlaceReport } from '../../../../src/modules/councils/place-report';
import { api } from '../../api/client';
import { failure, Loading } from '../../app/StatusPage';
import { TopBar } from '../../app/TopBar';
import { currentLanguage, nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { PublicBar } from '../cases/PublicBar';
import { pdfHref } from './api';
import { Bars } from './Bars';
import '../cases/cases.css';

/** The first and last day of the current quarter, as the Bank of Merit and the reports count. */
function thisQuarter(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3, 1);
  const last = new Date(first.getFullYear(), first.getMonth() + 3, 0);
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { from: day(first), to: day(last) };
}

/**
 * The periodic report of deliberation in a place, for anyone: what came in, what was held and
 * decided, and what has been done since, over a period the reader chooses (this quarter first).
 */
export default function PlaceReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  const [period, setPeriod] = useState(thisQuarter);
  const report = useQuery({
    queryKey: ['councils', 'place-report', id, period.from, period.to],
    queryFn: () => api.get<PlaceReport>(`/api/public/places/${id}/deliberation?from=${period.from}&to=${period.to}`),
    enabled: !!period.from && !!period.to,
  });
  if (me.isPending) return <Loading />;
  const r = report.data;
  const section = (key: string, title: string, rows: { label: string; value: number }[]) => {
    const most = Math.max(1, ...rows.map((row) => row.value));
    return (
      <section className="panel stack" aria-labelledby={`report-${key}`} style={{ gap: 6 }} data-testid={`report-${key}`}>
        <h2 id={`report-${key}`} style={{ fontSize: '1.15em', margin: 0 }}>
          {title}
        </h2>
        <Bars label={title} rows={rows.map((row) => ({ label: row.label, percent: (100 * row.value) / most, figure: String(row.value) }))} />
      </section>
    );
  };
  return (
    <>
      {me.data ? <TopBar me={me.data} /> : <PublicBar next={`/places/${id}/deliberation-report`} />}
      <main id="main" className="page stack" tabIndex={-1} style={{ maxWidth: 720 }}>
        <h1 style={{ fontSize: '1.6em', margin: 0 }}>
          {t('councils.report.title')}
          {r && ` · ${nameOf({ nameZh: r.place.nameZh, nameEn: r.place.nameEn })}`}
        </h1>
        <div className="row">
          <label htmlFor="report-from">{t('councils.report.from')}</label>
          <input id="report-from" type="date" value={period.from} max={period.to} onChange={(e) => setPeriod({ ...period, from: e.target.value })} />
          <label htmlFor="report-to">{t('councils.report.to')}</label>
          <input id="report-to" type="date" value={period.to} min={period.from} onChange={(e) => setPeriod({ ...period, to: e.target.value })} />
        </div>
        {report.isPending && <Loading />}
        {report.isError && failure(report.error, () => void report.refetch())}
        {r && (
          <>
            <p className="muted" style={{ margin: 0 }}>
              {t('councils.report.councils', { count: r.councils })}
            </p>
            <a className="btn" style={{ justifySelf: 'start' }} href={pdfHref(`/api/public/places/${id}/deliberation/report.pdf?from=${period.from}&to=${period.to}`, currentLanguage())}>
              {t('councils.report.pdf')}
            </a>
            {section('topics', t('councils.report.topics'), (['proposed', 'accepted', 'merged', 'declined'] as const).map((k) => ({ label: t(`councils.topics.status.${k}`), value: r.topics[k] })))}
            {section('meetings', t('councils.report.meetings'), [
              { label: t('councils.report.held'), value: r.meetings.held },
              { label: t('councils.report.scheduled'), value: r.meetings.scheduled },
              { label: t('councils.report.quorum'), value: r.meetings.quorumPresent },
              ...Object.entries(r.meetings.byForm).map(([form, value]) => ({ label: `${t('councils.report.forms')} · ${t(`councils.decision.form.${form}`)}`, value })),
              ...Object.entries(r.meetings.byMode).map(([mode, value]) => ({ label: `${t('councils.report.modes')} · ${t(`councils.decision.mode.${mode}`)}`, value })),
            ])}
            {section('decisions', t('councils.report.decisions'), [
              { label: t('councils.report.voted'), value: r.decisions.voted },
              { label: t('councils.report.passed'), value: r.decisions.passed },
              { label: t('councils.report.notPassed'), value: r.decisions.notPassed },
              { label: t('councils.report.secret'), value: r.decisions.secretBallots },
            ])}
            {section('tasks', t('councils.report.tasks'), (['pending', 'in_progress', 'done'] as const).map((k) => ({ label: t(`councils.decision.taskStatus.${k}`), value: r.tasks[k] })))}
            {section('discussions', t('councils.report.discussions'), [
              { label: t('councils.report.opened'), value: r.discussions.opened },
              { label: t('councils.report.statements'), value: r.discussions.statements },
              { label: t('councils.report.votes'), value: r.discussions.votes },
            ])}
          </>
        )}
      </main>
    </>
  );
}
