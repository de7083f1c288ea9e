import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Input, InputNumber, Segmented, Select, Space } from 'antd';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { checkDefinition, isChoice, type Option, type Question, QUESTION_TYPES, type QuestionType } from '../../../../src/modules/polls/questionnaire';
import { api } from '../../api/client';
import { adminPage } from '../../app/AdminPage';
import { failure, Loading } from '../../app/StatusPage';
import { PageHeading } from '../../app/usePagedList';
import { PlacePicker } from '../places/PlacePicker';
import { type Answers, type Definition, questionnaireQuery, type QuestionnaireView } from './api';
import { QuestionnaireForm } from './QuestionnaireForm';
import './polls.css';
import './words';

/** The next id of the form `prefix<n>` not yet taken. */
const nextId = (prefix: string, taken: Iterable<string>): string => {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
};

const STARTER: Record<QuestionType, (id: string) => Question> = {
  single: (id) => ({ id, type: 'single', text: '', options: [] }),
  multiple: (id) => ({ id, type: 'multiple', text: '', options: [] }),
  rating: (id) => ({ id, type: 'rating', text: '', options: [] }),
  ranking: (id) => ({ id, type: 'ranking', text: '', options: [] }),
  matrix: (id) => ({ id, type: 'matrix', text: '', options: [], items: [] }),
  number: (id) => ({ id, type: 'number', text: '' }),
  text: (id) => ({ id, type: 'text', text: '' }),
};

/** A question changed to another kind keeps its id, text, requirement and condition; the rest fits the kind. */
function retype(q: Question, type: QuestionType): Question {
  const fresh = STARTER[type](q.id);
  const keepOptions = type !== 'number' && type !== 'text' ? { options: q.options ?? [] } : {};
  return { ...fresh, ...keepOptions, text: q.text, ...(q.required ? { required: true } : {}), ...(q.showIf ? { showIf: q.showIf } : {}) };
}

/** Option lines as typed: ids kept by position so that conditions on them survive a relabelling. */
function LinesField({ id, label, value, onChange, prefix }: { id: string; label: string; value: Option[]; onChange: (options: Option[]) => void; prefix: string }) {
  const [text, setText] = useState(() => value.map((o) => o.label).join('\n'));
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Input.TextArea
        id={id}
        autoSize={{ minRows: 3, maxRows: 10 }}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const labels = e.target.value.split('\n').map((l) => l.trim()).filter(Boolean);
          const ids: string[] = [];
          onChange(labels.map((l, i) => {
            const oid = value[i]?.id ?? nextId(prefix, [...value.map((o) => o.id), ...ids]);
            ids.push(oid);
            return { id: oid, label: l };
          }));
        }}
      />
    </div>
  );
}

const Field = ({ id, label, children }: { id: string; label: string; children: ReactNode }) => (
  <div className="field">
    <label htmlFor={id}>{label}</label>
    {children}
  </div>
);

function QuestionEditor({ question: q, number, earlier, onChange, onRemove, onMove }: {
  question: Question;
  number: number;
  earlier: Question[];
  onChange: (q: Question) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const drivers = earlier.filter((e) => isChoice(e.type) && (e.options?.length ?? 0) > 0);
  const driver = drivers.find((d) => d.id === q.showIf?.question);
  const set = (patch: Partial<Question>) => onChange({ ...q, ...patch });
  const unset = (key: keyof Question) => {
    const next = { ...q };
    delete next[key];
    onChange(next);
  };
  return (
    <Card size="small" title={<h3 style={{ margin: 0, fontSize: '1em' }}>{t('polls.builder.question', { n: number })}</h3>} data-testid="builder-question"
      extra={
        <Space wrap size={4}>
          <Button size="small" onClick={() => onMove(-1)} aria-label={`${t('polls.builder.moveUp')} ${t('polls.builder.question', { n: number })}`}>↑</Button>
          <Button size="small" onClick={() => onMove(1)} aria-label={`${t('polls.builder.moveDown')} ${t('polls.builder.question', { n: number })}`}>↓</Button>
          <Button size="small" danger onClick={onRemove}>{t('polls.builder.removeQuestion')}</Button>
        </Space>
      }
    >
      <div className="form-grid">
        <Field id={`${id}-kind`} label={t('polls.builder.kind')}>
          <Select<QuestionType> id={`${id}-kind`} value={q.type} onChange={(type) => onChange(retype(q, type))} options={QUESTION_TYPES.map((k) => ({ value: k, label: t(`polls.kinds.${k}`) }))} data-testid="builder-kind" />
        </Field>
        <Field id={`${id}-text`} label={t('polls.builder.text')}>
          <Input.TextArea id={`${id}-text`} autoSize={{ minRows: 1, maxRows: 4 }} value={q.text} maxLength={1000} onChange={(e) => set({ text: e.target.value })} />
        </Field>
        <Checkbox checked={!!q.required} onChange={(e) => (e.target.checked ? set({ required: true }) : unset('required'))}>
          {t('polls.builder.required')}
        </Checkbox>
        {q.type !== 'number' && q.type !== 'text' && (
          <LinesField key={`${q.id}-${q.type === 'matrix' ? 'scale' : 'options'}`} id={`${id}-options`} label={q.type === 'matrix' ? t('polls.builder.scale') : t('polls.builder.options')} value={q.options ?? []} prefix="o" onChange={(options) => set({ options })} />
        )}
        {q.type === 'matrix' && <LinesField key={`${q.id}-items`} id={`${id}-items`} label={t('polls.builder.items')} value={q.items ?? []} prefix="i" onChange={(items) => set({ items })} />}
        {q.type === 'multiple' && (
          <Field id={`${id}-most`} label={t('polls.builder.maxChoices')}>
            <InputNumber id={`${id}-most`} min={1} max={Math.max(1, q.options?.length ?? 1)} value={q.maxChoices ?? null} onChange={(v) => (v ? set({ maxChoices: v }) : unset('maxChoices'))} />
          </Field>
        )}
        {q.type === 'number' && (
          <Space wrap>
            <Field id={`${id}-min`} label={t('polls.builder.min')}>
              <InputNumber id={`${id}-min`} value={q.min ?? null} onChange={(v) => (v === null ? unset('min') : set({ min: v }))} />
            </Field>
            <Field id={`${id}-max`} label={t('polls.builder.max')}>
              <InputNumber id={`${id}-max`} value={q.max ?? null} onChange={(v) => (v === null ? unset('max') : set({ max: v }))} />
            </Field>
            <Checkbox checked={!!q.integer} onChange={(e) => (e.target.checked ? set({ integer: true }) : unset('integer'))}>
              {t('polls.builder.integer')}
            </Checkbox>
          </Space>
        )}
        {q.type === 'text' && (
          <Field id={`${id}-length`} label={t('polls.builder.maxLength')}>
            <InputNumber id={`${id}-length`} min={1} max={5000} value={q.maxLength ?? null} onChange={(v) => (v ? set({ maxLength: v }) : unset('maxLength'))} />
          </Field>
        )}
        {drivers.length > 0 && (
          <fieldset className="group">
            <legend>{t('polls.builder.showIf')}</legend>
            <Field id={`${id}-if`} label={t('polls.builder.showIfQuestion')}>
              <Select<string>
                id={`${id}-if`}
                value={q.showIf?.question ?? ''}
                data-testid="builder-show-if"
                onChange={(question) => (question ? set({ showIf: { question, anyOf: [] } }) : unset('showIf'))}
                options={[{ value: '', label: t('polls.builder.always') }, ...drivers.map((d) => ({ value: d.id, label: `${earlier.indexOf(d) + 1}. ${d.text || t('polls.builder.untitled')}` }))]}
              />
            </Field>
            {driver && (
              <Field id={`${id}-if-answers`} label={t('polls.builder.showIfAnswers')}>
                <Select<string[]>
                  id={`${id}-if-answers`}
                  mode="multiple"
                  value={q.showIf?.anyOf ?? []}
                  data-testid="builder-show-if-answers"
                  onChange={(anyOf) => set({ showIf: { question: driver.id, anyOf } })}
                  options={(driver.options ?? []).map((o) => ({ value: o.id, label: o.label }))}
                />
              </Field>
            )}
          </fieldset>
        )}
      </div>
    </Card>
  );
}

const EMPTY: Definition = { sections: [{ id: 's1', title: '', questions: [STARTER.single('q1')] }] };

/**
 * Build or change a questionnaire: parts of questions of the seven kinds, required questions and
 * conditions on earlier answers, checked as the server will check them, with a preview that
 * behaves as the residents' form. Once answers exist, saving makes the next version.
 */
function BuilderPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const existing = useQuery({ ...questionnaireQuery(id ?? ''), enabled: !!id });
  if (id && existing.isPending) return <Loading />;
  if (id && existing.isError) return failure(existing.error, () => void existing.refetch());
  return <Builder key={id ?? 'new'} existing={id ? existing.data! : null} heading={id ? t('polls.builder.titleEdit') : t('polls.builder.titleNew')} />;
}

function Builder({ existing, heading }: { existing: QuestionnaireView | null; heading: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(existing?.title ?? '');
  const [placeId, setPlaceId] = useState<string | null>(existing?.placeId ?? null);
  const [definition, setDefinition] = useState<Definition>(existing?.definition ?? EMPTY);
  const [mode, setMode] = useState<'edit' | 'preview'>('edit');
  const [preview, setPreview] = useState<Answers>({});
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState<QuestionnaireView | null>(null);
  useEffect(() => setPreview({}), [definition]);

  const all = definition.sections.flatMap((s) => s.questions);
  const problems = checkDefinition(definition);
  const describe = (at: string, code: string) => {
    const m = /^sections\.(\d+)(?:\.questions\.(\d+))?/.exec(at);
    const where = m?.[2] !== undefined ? t('polls.builder.question', { n: definition.sections.slice(0, Number(m[1])).reduce((s, x) => s + x.questions.length, 0) + Number(m[2]) + 1 }) : m ? t('polls.builder.sectionAt', { n: Number(m[1]) + 1 }) : '';
    return `${where}${where ? ': ' : ''}${t(`polls.builder.problem.${code}`, { defaultValue: code })}`;
  };

  const save = useMutation({
    mutationFn: () =>
      existing
        ? api.put<QuestionnaireView>(`/api/questionnaires/${existing.id}`, { title: title.trim(), definition })
        : api.post<QuestionnaireView>('/api/questionnaires', { placeId, title: title.trim(), definition }),
    onSuccess: (view) => {
      setSaved(view);
      void queryClient.invalidateQueries({ queryKey: ['polls'] });
      void message.success(existing && view.version > (existing.version ?? 1) ? t('polls.builder.newVersion', { version: view.version }) : t('polls.builder.saved', { version: view.version }));
      if (!existing) void navigate(`/polls/questionnaires/${view.id}`, { replace: true });
    },
  });

  const setSection = (s: number, change: (section: Definition['sections'][number]) => Definition['sections'][number] | null) =>
    setDefinition((d) => ({ sections: d.sections.flatMap((x, i) => (i === s ? [change(x)].filter((y): y is NonNullable<typeof y> => y !== null) : [x])) }));
  const moveQuestion = (s: number, q: number, by: -1 | 1) =>
    setSection(s, (section) => {
      const questions = [...section.questions];
      const to = q + by;
      if (to < 0 || to >= questions.length) return section;
      [questions[q], questions[to]] = [questions[to]!, questions[q]!];
      return { ...section, questions };
    });

  const ready = title.trim() !== '' && (existing || placeId) && problems.length === 0;
  let count = 0;
  return (
    <div className="stack">
      <PageHeading>{heading}</PageHeading>
      <div className="form-grid" style={{ maxWidth: 720 }}>
        <Field id="q-title" label={t('polls.builder.name')}>
          <Input id="q-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} status={tried && !title.trim() ? 'error' : undefined} />
        </Field>
        {!existing && (
          <Field id="q-place" label={t('polls.builder.place')}>
            <PlacePicker id="q-place" value={placeId} onChange={setPlaceId} />
          </Field>
        )}
      </div>
      <Segmented<'edit' | 'preview'> value={mode} onChange={setMode} options={[{ value: 'edit', label: t('polls.builder.edit') }, { value: 'preview', label: t('polls.builder.preview') }]} data-testid="builder-mode" />
      {mode === 'preview' ? (
        <section className="panel" style={{ maxWidth: 640 }} aria-label={t('polls.builder.preview')} data-testid="builder-preview">
          <QuestionnaireForm definition={definition} answers={preview} onChange={setPreview} />
        </section>
      ) : (
        <div className="stack" style={{ maxWidth: 720 }}>
          {definition.sections.map((section, s) => (
            <Card key={section.id} title={<h2 style={{ margin: 0, fontSize: '1.05em' }}>{t('polls.builder.section', { n: s + 1 })}</h2>}
              extra={definition.sections.length > 1 && <Button size="small" danger onClick={() => setSection(s, () => null)}>{t('polls.builder.removeSection')}</Button>}
            >
              <div className="stack">
                <Field id={`section-${section.id}`} label={t('polls.builder.sectionTitle')}>
                  <Input id={`section-${section.id}`} value={section.title} maxLength={1000} onChange={(e) => setSection(s, (x) => ({ ...x, title: e.target.value }))} />
                </Field>
                {section.questions.map((q, i) => {
                  const number = ++count;
                  return (
                    <QuestionEditor
                      key={q.id}
                      question={q}
                      number={number}
                      earlier={all.slice(0, number - 1)}
                      onChange={(next) => setSection(s, (x) => ({ ...x, questions: x.questions.map((y, j) => (j === i ? next : y)) }))}
                      onRemove={() => setSection(s, (x) => ({ ...x, questions: x.questions.filter((_, j) => j !== i) }))}
                      onMove={(by) => moveQuestion(s, i, by)}
                    />
                  );
                })}
                <Button onClick={() => setSection(s, (x) => ({ ...x, questions: [...x.questions, STARTER.single(nextId('q', all.map((y) => y.id)))] }))} data-testid="builder-add-question">
                  {t('polls.builder.addQuestion')}
                </Button>
              </div>
            </Card>
          ))}
          <Button onClick={() => setDefinition((d) => ({ sections: [...d.sections, { id: nextId('s', d.sections.map((x) => x.id)), title: '', questions: [STARTER.single(nextId('q', all.map((y) => y.id)))] }] }))}>
            {t('polls.builder.addSection')}
          </Button>
        </div>
      )}
      {tried && problems.length > 0 && (
        <Alert type="error" showIcon title={t('polls.builder.problems')} description={<ul style={{ margin: 0 }}>{[...new Set(problems.map((p) => describe(p.at, p.code)))].map((p) => <li key={p}>{p}</li>)}</ul>} data-testid="builder-problems" />
      )}
      {save.isError && <Alert type="error" showIcon title={save.error.message} />}
      <Space wrap>
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => {
            setTried(true);
            if (ready) save.mutate();
          }}
        >
          {t('polls.builder.save')}
        </Button>
        {(saved ?? existing) && <Link to={`/polls/new?questionnaire=${(saved ?? existing)!.id}`}>{t('polls.list.use')}</Link>}
      </Space>
    </div>
  );
}

export default adminPage(BuilderPage);
