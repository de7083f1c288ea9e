import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DUTIES, type Duty } from '../../../../src/modules/cases/whistle';
import { api } from '../../api/client';
import type { WhistleBoardRow, WhistleStanding } from '../../api/types';
import { adminPage } from '../../app/AdminPage';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { DutyTag } from './tags';
import { formatTime } from './words';
import './cases.css';

/**
 * "The town blows the whistle, departments report for duty": every department called to a
 * scene in the caller's area, and whether it came in time, late, or not at all.
 */
const STANDING_DAYS = 90;

function WhistlePage() {
  const { t } = useTranslation();
  const board = useQuery({ queryKey: ['whistle'], queryFn: () => api.get<{ items: WhistleBoardRow[] }>('/api/whistle?limit=500').then((r) => r.items), refetchInterval: 60_000 });
  // Only evaluators may compare departments; for others the board alone is the page.
  const standings = useQuery({
    queryKey: ['whistle', 'standings', STANDING_DAYS],
    queryFn: () => api.get<{ departments: WhistleStanding[] }>(`/api/whistle/standings?days=${STANDING_DAYS}`).then((r) => r.departments),
    retry: false,
  });
  if (board.isError) return failure(board.error, () => void board.refetch());
  const counts = Object.fromEntries(DUTIES.map((d) => [d, board.data?.filter((r) => r.duty === d).length ?? 0])) as Record<Duty, number>;
  return (
    <div className="stack">
      <PageHeading>{t('cases.whistle.title')}</PageHeading>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('cases.whistle.intro')}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        {DUTIES.map((d) => (
          <Col xs={12} md={6} key={d}>
            <Card size="small">
              <Statistic title={t(`cases.duty.${d}`)} value={counts[d]} loading={board.isPending} />
            </Card>
          </Col>
        ))}
      </Row>
      {standings.data && standings.data.length > 0 && (
        <section aria-labelledby="whistle-standings" className="stack">
          <h2 id="whistle-standings" style={{ margin: 0, fontSize: '1.1em' }}>{t('cases.whistle.byDepartment', { days: STANDING_DAYS })}</h2>
          <Table<WhistleStanding>
            rowKey="departmentCode"
            size="small"
            dataSource={standings.data}
            pagination={false}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('cases.whistle.department'), key: 'department', fixed: 'left', render: (_, r) => nameOf(r.department) },
              { title: t('cases.whistle.calls'), dataIndex: 'calls', align: 'right' },
              ...DUTIES.map((d) => ({ title: t(`cases.duty.${d}`), key: d, align: 'right' as const, render: (_: unknown, r: WhistleStanding) => r.counts[d] })),
              { title: t('cases.whistle.averageMinutes'), key: 'minutes', align: 'right', render: (_, r) => r.averageMinutesTaken ?? '—' },
            ]}
          />
        </section>
      )}
      <Table<WhistleBoardRow>
        rowKey="callId"
        loading={board.isPending}
        dataSource={board.data}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (count) => t('common.total', { count }) }}
        locale={{ emptyText: t('cases.whistle.none') }}
        columns={[
          { title: t('cases.queue.number'), key: 'number', fixed: 'left', render: (_, r) => <Link to={`/cases/${r.caseId}`}>{r.caseNumber}</Link> },
          { title: t('cases.whistle.department'), key: 'department', render: (_, r) => nameOf(r.department) },
          { title: t('cases.whistle.duty'), key: 'duty', render: (_, r) => <DutyTag duty={r.duty} /> },
          { title: t('cases.whistle.calledAt'), key: 'called', render: (_, r) => formatTime(r.calledAt) },
          { title: t('cases.whistle.dueAt'), key: 'due', render: (_, r) => formatTime(r.dueAt) },
          { title: t('cases.whistle.checkedInAt'), key: 'checkedIn', render: (_, r) => formatTime(r.checkedInAt) },
          { title: t('cases.dialog.evaluation'), key: 'evaluation', render: (_, r) => (r.evaluation ? t(`cases.evaluation.${r.evaluation}`) : '') },
          { title: t('cases.form.description'), key: 'description', render: (_, r) => <span className="queue-text">{r.description}</span> },
          { title: t('cases.case.place'), key: 'place', render: (_, r) => nameOf({ nameZh: r.placeNameZh, nameEn: r.placeNameEn }) },
        ]}
      />
    </div>
  );
}

export default adminPage(WhistlePage);
