import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api/client';
import { failure, Loading } from '../../app/StatusPage';
import { currentLanguage, nameOf } from '../../i18n';
import { PublicBar } from '../cases/PublicBar';
import type { Report } from './api';
import '../cases/cases.css';

/** The quarterly report as the village's notice board shows it: public, with the chain head to check it by. */
export default function MeritReportPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const report = useQuery({ queryKey: ['merit', 'report', id], queryFn: () => api.get<Report>(`/api/merit-reports/${id}`) });
  const r = report.data;
  return (
    <>
      <PublicBar next={`/merit/reports/${id}`} />
      <main id="main" className="page stack" tabIndex={-1} style={{ maxWidth: 900 }}>
        {report.isPending && <Loading />}
        {report.isError && failure(report.error, () => void report.refetch())}
        {r && (
          <>
            <h1 style={{ fontSize: '1.6em', margin: 0 }}>
              {nameOf({ nameZh: r.placeNameZh, nameEn: r.placeNameEn })} · {t('merit.reportTitle')} · {r.quarter}
            </h1>
            <section className="panel" aria-labelledby="chain-head">
              <h2 id="chain-head">{t('merit.chainHead')}</h2>
              <p className="muted">{t('merit.chainHeadHelp')}</p>
              <p style={{ wordBreak: 'break-all' }} data-testid="chain-head">
                #{r.headSeq} {r.headHash}
              </p>
              <a className="btn" href={`/api/merit-reports/${r.id}/report.pdf`}>
                {t('merit.pdf')}
              </a>
            </section>
            <section className="panel" aria-labelledby="by-type">
              <h2 id="by-type">{t('merit.byType')}</h2>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('merit.deedType')}</th>
                    <th scope="col">{t('merit.quarterPoints')}</th>
                    <th scope="col">{t('merit.deeds')}</th>
                    <th scope="col">{t('merit.people')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.figures.deedTypes.map((d) => (
                    <tr key={d.deedType}>
                      <td>{currentLanguage() === 'en' ? d.nameEn : d.nameZh}</td>
                      <td>{d.points}</td>
                      <td>{d.deeds}</td>
                      <td>{d.people}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="panel" aria-labelledby="ranking">
              <h2 id="ranking">{t('merit.ranking')}</h2>
              <table data-testid="ranking">
                <thead>
                  <tr>
                    <th scope="col">{t('merit.rank')}</th>
                    <th scope="col">{t('merit.name')}</th>
                    <th scope="col">{t('merit.quarterPoints')}</th>
                    <th scope="col">{t('merit.yearPoints')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.figures.accounts.map((a, i) => (
                    <tr key={i}>
                      <td>{a.rank}</td>
                      <td>{a.name}</td>
                      <td>{a.quarterPoints}</td>
                      <td>{a.yearPoints}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="muted">{r.tieRule[currentLanguage()]}</p>
            </section>
          </>
        )}
      </main>
    </>
  );
}
