import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { adminPage } from '../../app/AdminPage';
import { holds } from '../../app/permissions';
import { failure } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { useMe } from '../auth/session';
import { formatDate } from '../cases/words';
import { type PollView, pollsQuery, type QuestionnaireSummary, questionnairesQuery } from './api';
import './polls.css';
import './words';

/** The polls of the caller's places and the questionnaires they can start one with. */
function PollsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const manages = holds(me, 'polls.manage');
  const polls = useQuery(pollsQuery());
  const questionnaires = useQuery({ ...questionnairesQuery(), enabled: manages });
  const pollColumns: TableColumnsType<PollView> = [
    { title: t('polls.create.name'), key: 'title', render: (_, p) => <Link to={`/polls/${p.id}`}>{p.title}</Link> },
    { title: t('polls.list.place'), key: 'place', render: (_, p) => nameOf({ nameZh: p.placeNameZh, nameEn: p.placeNameEn }) },
    { title: t('polls.list.status'), key: 'status', render: (_, p) => t(`polls.status.${p.status}`) },
    { title: t('polls.list.responses'), key: 'responses', align: 'right', render: (_, p) => p.responses },
    { title: t('polls.list.period'), key: 'period', render: (_, p) => `${formatDate(p.opensAt)} – ${formatDate(p.closesAt)}` },
  ];
  const questionnaireColumns: TableColumnsType<QuestionnaireSummary> = [
    { title: t('polls.builder.name'), key: 'title', render: (_, q) => q.title },
    { title: t('polls.list.place'), key: 'place', render: (_, q) => nameOf({ nameZh: q.placeNameZh, nameEn: q.placeNameEn }) },
    { title: t('polls.list.version'), key: 'version', align: 'right', render: (_, q) => q.version },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, q) => (
        <Space wrap>
          <Link to={`/polls/questionnaires/${q.id}`}>{t('polls.list.edit')}</Link>
          <Link to={`/polls/new?questionnaire=${q.id}`}>{t('polls.list.use')}</Link>
        </Space>
      ),
    },
  ];
  return (
    <div className="stack">
      <PageHeading>{t('polls.title')}</PageHeading>
      {manages && (
        <Space wrap>
          <Button type="primary" onClick={() => void navigate('/polls/questionnaires/new')}>
            {t('polls.list.newQuestionnaire')}
          </Button>
          <Button onClick={() => void navigate('/polls/new')}>{t('polls.list.newPoll')}</Button>
        </Space>
      )}
      <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('polls.list.polls')}</h2>}>
        {polls.isError ? (
          failure(polls.error, () => void polls.refetch())
        ) : (
          <div className="scroll-x" tabIndex={0} role="region" aria-label={t('polls.list.polls')}>
            <Table<PollView> rowKey="id" size="small" loading={polls.isPending} dataSource={polls.data} columns={pollColumns} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} data-testid="polls-table" />
          </div>
        )}
      </Card>
      {manages && (
        <Card title={<h2 style={{ margin: 0, fontSize: '1em' }}>{t('polls.list.questionnaires')}</h2>}>
          <div className="scroll-x" tabIndex={0} role="region" aria-label={t('polls.list.questionnaires')}>
            <Table<QuestionnaireSummary>
              rowKey="id"
              size="small"
              loading={questionnaires.isPending}
              dataSource={questionnaires.data}
              columns={questionnaireColumns}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            />
          </div>
        </Card>
      )}
    </div>
  );
}

export default adminPage(PollsPage);
