import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, InputNumber, Select, Space } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { TARGET_GROUPS, type TargetGroup } from '../../../../src/modules/polls/attributes';
import { api } from '../../api/client';
import { adminPage } from '../../app/AdminPage';
import { dateTimeLocal } from '../../app/dateTimeLocal';
import { PageHeading } from '../../app/usePagedList';
import { nameOf } from '../../i18n';
import { PlacePicker } from '../places/PlacePicker';
import { type PollView, questionnairesQuery } from './api';
import './polls.css';
import './words';

const Field = ({ id, label, children }: { id: string; label: string; children: ReactNode }) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    {children}
  </div>
);

/**
 * Start a poll: which questionnaire, who is asked (a place and everything under it, optionally a
 * group, everyone there or a reproducible random sample), when, anonymous or not, the smallest
 * group its breakdowns show, and the series whose rounds it continues.
 */
function NewPollPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const questionnaires = useQuery(questionnairesQuery());
  const [questionnaireId, setQuestionnaireId] = useState<string | null>(params.get('questionnaire'));
  const chosen = questionnaires.data?.find((q) => q.id === questionnaireId);
  const [title, setTitle] = useState('');
  const [placeId, setPlaceId] = useState<string | null>(params.get('place'));
  const [group, setGroup] = useState<TargetGroup>('everyone');
  const [sampled, setSampled] = useState(false);
  const [size, setSize] = useState<number | null>(100);
  const [seed, setSeed] = useState('');
  const [stratified, setStratified] = useState(true);
  const [opensAt, setOpensAt] = useState(() => dateTimeLocal(new Date()));
  const [closesAt, setClosesAt] = useState(() => dateTimeLocal(new Date(Date.now() + 14 * 86_400_000)));
  const [anonymous, setAnonymous] = useState(false);
  const [minCellSize, setMinCellSize] = useState<number | null>(5);
  const [series, setSeries] = useState('');
  const [tried, setTried] = useState(false);

  const create = useMutation({
    mutationFn: () =>
      api.post<PollView>('/api/polls', {
        questionnaireId,
        placeId: placeId ?? chosen?.placeId,
        title: (title.trim() || chosen?.title) ?? '',
        targetGroup: group,
        ...(sampled && size ? { sample: { size, stratified, ...(seed.trim() ? { seed: seed.trim() } : {}) } } : {}),
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        anonymous,
        ...(minCellSize ? { minCellSize } : {}),
        ...(series.trim() ? { series: series.trim() } : {}),
      }),
    onSuccess: (poll) => {
      void queryClient.invalidateQueries({ queryKey: ['polls'] });
      void navigate(`/polls/${poll.id}`);
    },
  });

  return (
    <div className="stack" style={{ maxWidth: 720 }}>
      <PageHeading>{t('polls.create.title')}</PageHeading>
      <form
        className="form-grid"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (questionnaireId && !create.isPending) create.mutate();
        }}
      >
        <Field id="poll-questionnaire" label={t('polls.create.questionnaire')}>
          <Select<string>
            id="poll-questionnaire"
            value={questionnaireId ?? undefined}
            loading={questionnaires.isPending}
            onChange={setQuestionnaireId}
            status={tried && !questionnaireId ? 'error' : undefined}
            options={(questionnaires.data ?? []).map((q) => ({ value: q.id, label: `${q.title} · ${nameOf({ nameZh: q.placeNameZh, nameEn: q.placeNameEn })} · v${q.version}` }))}
          />
        </Field>
        {tried && !questionnaireId && <span className="problem" role="alert">{t('polls.create.pickQuestionnaire')}</span>}
        <Field id="poll-title" label={t('polls.create.name')}>
          <Input id="poll-title" value={title} placeholder={chosen?.title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </Field>
        <Field id="poll-place" label={t('polls.create.place')}>
          <PlacePicker id="poll-place" value={placeId ?? chosen?.placeId ?? null} onChange={setPlaceId} />
        </Field>
        <Field id="poll-group" label={t('polls.create.group')}>
          <Select<TargetGroup> id="poll-group" value={group} onChange={setGroup} options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`polls.groups.${g}`) }))} />
        </Field>
        <Checkbox checked={sampled} onChange={(e) => setSampled(e.target.checked)} data-testid="poll-sampled">
          {t('polls.create.sample')}
        </Checkbox>
        {sampled && (
          <fieldset className="group">
            <legend>{t('polls.create.sample')}</legend>
            <Field id="poll-size" label={t('polls.create.sampleSize')}>
              <InputNumber id="poll-size" min={1} max={1_000_000} value={size} onChange={setSize} />
            </Field>
            <Field id="poll-seed" label={t('polls.create.seed')}>
              <Input id="poll-seed" value={seed} maxLength={100} onChange={(e) => setSeed(e.target.value)} />
            </Field>
            <Checkbox checked={stratified} onChange={(e) => setStratified(e.target.checked)}>
              {t('polls.create.stratified')}
            </Checkbox>
          </fieldset>
        )}
        <Space wrap>
          <Field id="poll-opens" label={t('polls.create.opensAt')}>
            <Input id="poll-opens" type="datetime-local" value={opensAt} onChange={(e) => setOpensAt(e.target.value)} />
          </Field>
          <Field id="poll-closes" label={t('polls.create.closesAt')}>
            <Input id="poll-closes" type="datetime-local" value={closesAt} min={opensAt} onChange={(e) => setClosesAt(e.target.value)} />
          </Field>
        </Space>
        <Checkbox checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)}>
          {t('polls.create.anonymous')}
        </Checkbox>
        <Field id="poll-cell" label={t('polls.create.minCellSize')}>
          <InputNumber id="poll-cell" min={1} max={100} value={minCellSize} onChange={setMinCellSize} />
        </Field>
        <Field id="poll-series" label={t('polls.create.series')}>
          <Input id="poll-series" value={series} maxLength={100} onChange={(e) => setSeries(e.target.value)} />
        </Field>
        {create.isError && <Alert type="error" showIcon title={create.error.message} data-testid="poll-create-error" />}
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('polls.create.submit')}
        </Button>
      </form>
    </div>
  );
}

export default adminPage(NewPollPage);
