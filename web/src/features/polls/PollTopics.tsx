import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Modal, Radio, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { holds } from '../../app/permissions';
import { failure } from '../../app/StatusPage';
import { useMe } from '../auth/session';
import { formatTime } from '../cases/words';
import { pollCouncilsQuery, pollTopicsQuery, type PollTopicView, type PollView } from './api';
import { ErrorNotice } from '../../app/ErrorNotice';

/** "Satisfied 40.0%, dissatisfied 60.0%": the figures as they were put, in one line. */
export const sharesOf = (result: PollTopicView['result'], separator: string): string =>
  result.options.map((o) => `${o.label} ${o.percent === null ? '—' : `${o.percent.toFixed(1)}%`}`).join(separator);

/**
 * Puts a question's result before a council, on a new topic or one open there. The figures go as
 * they stand; the dialog says so, because later answers will not change them.
 */
export function TopicButton({ poll, question, questionText, shares }: { poll: PollView; question: string; questionText: string; shares: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const councils = useQuery({ ...pollCouncilsQuery(poll.id), enabled: open });
  const [councilId, setCouncilId] = useState<string>();
  const [kind, setKind] = useState<'new' | 'existing'>('new');
  const [topicId, setTopicId] = useState<string>();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const council = councils.data?.find((c) => c.id === councilId) ?? councils.data?.[0];
  const send = useMutation({
    mutationFn: () =>
      api.post<PollTopicView>(`/api/polls/${poll.id}/topics`, kind === 'existing' ? { question, topicId } : { question, councilId: council!.id, title: title.trim(), body: body.trim() }),
    onSuccess: (put) => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['polls', 'topics', poll.id] });
      void queryClient.invalidateQueries({ queryKey: ['polls', 'councils', poll.id] });
      void message.success(t('polls.topics.done', { title: put.topicTitle }));
    },
  });
  if (!holds(me, 'polls.manage')) return null;
  const ready = !!council && (kind === 'existing' ? !!topicId : title.trim().length > 0 && body.trim().length > 0);
  const start = () => {
    setTitle(t('polls.topics.defaultTitle', { question: questionText }));
    setBody(shares);
    setTopicId(undefined);
    setKind('new');
    send.reset();
    setOpen(true);
  };
  return (
    <>
      <Button size="small" onClick={start} data-testid="to-topic">
        {t('polls.topics.put')}
      </Button>
      <Modal open={open} title={t('polls.topics.title')} onCancel={() => setOpen(false)} onOk={() => send.mutate()} okText={t('polls.topics.send')} okButtonProps={{ loading: send.isPending, disabled: !ready }} destroyOnHidden>
        <div className="stack">
          <span className="muted">{t('polls.topics.hint')}</span>
          {councils.isError && failure(councils.error, () => void councils.refetch())}
          {councils.data?.length === 0 && <p className="notice">{t('polls.topics.noCouncil')}</p>}
          {council && (
            <>
              <div className="field">
                <label htmlFor="topic-council">{t('polls.topics.council')}</label>
                <Select<string> id="topic-council" value={council.id} onChange={(id) => (setCouncilId(id), setTopicId(undefined))} options={councils.data!.map((c) => ({ value: c.id, label: c.name }))} />
              </div>
              <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as 'new' | 'existing')} aria-label={t('polls.topics.kind')}>
                <Radio value="new">{t('polls.topics.newTopic')}</Radio>
                <Radio value="existing" disabled={council.topics.length === 0}>
                  {t('polls.topics.existing')}
                </Radio>
              </Radio.Group>
              {kind === 'existing' ? (
                <div className="field">
                  <label htmlFor="topic-existing">{t('polls.topics.topic')}</label>
                  <Select<string> id="topic-existing" value={topicId} onChange={setTopicId} options={council.topics.map((x) => ({ value: x.id, label: x.title }))} />
                </div>
              ) : (
                <>
                  <div className="field">
                    <label htmlFor="topic-title">{t('polls.topics.topicTitle')}</label>
                    <Input id="topic-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
                  </div>
                  <div className="field">
                    <label htmlFor="topic-body">{t('polls.topics.topicBody')}</label>
                    <Input.TextArea id="topic-body" value={body} maxLength={5000} autoSize={{ minRows: 3, maxRows: 8 }} onChange={(e) => setBody(e.target.value)} />
                  </div>
                </>
              )}
            </>
          )}
          <ErrorNotice error={send.error} />
        </div>
      </Modal>
    </>
  );
}

/** Where the poll's results were put: the topic, its council, what happened to it, and the figures as put. */
export function TopicsTab({ poll }: { poll: PollView }) {
  const { t } = useTranslation();
  const list = useQuery(pollTopicsQuery(poll.id));
  const columns: TableColumnsType<PollTopicView> = [
    { title: t('polls.topics.topic'), key: 'topic', render: (_, x) => <Link to={`/forum/${x.councilId}`}>{x.topicTitle}</Link> },
    { title: t('polls.topics.council'), key: 'council', render: (_, x) => x.councilName },
    { title: t('polls.poll.caseStatus'), key: 'status', render: (_, x) => t(`polls.topics.status.${x.topicStatus}`, { defaultValue: x.topicStatus }) },
    {
      title: t('polls.topics.figures'),
      key: 'figures',
      render: (_, x) => (
        <>
          <span className="muted">{x.result.questionText}</span>
          <br />
          {sharesOf(x.result, t('cases.listSeparator'))}
        </>
      ),
    },
    { title: t('polls.topics.at'), key: 'at', render: (_, x) => formatTime(x.createdAt) },
  ];
  if (list.isError) return failure(list.error, () => void list.refetch());
  return (
    <div className="scroll-x" tabIndex={0} role="region" aria-label={t('polls.topics.tab')}>
      <Table<PollTopicView> rowKey={(x) => `${x.topicId}:${x.question}`} size="small" loading={list.isPending} dataSource={list.data} columns={columns} pagination={false} locale={{ emptyText: t('polls.topics.none') }} data-testid="poll-topics" />
    </div>
  );
}
