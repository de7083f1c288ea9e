import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { checkAnswers } from '../../../../src/modules/polls/answers';
import { ApiError } from '../../api/client';
import { failure, Loading } from '../../app/StatusPage';
import { formatDate } from '../cases/words';
import { type Answers, openQuestionnaire, readDraft, saveDraft, submitAnswers, type Who } from './api';
import { QuestionnaireForm } from './QuestionnaireForm';
import './words';

/** How long typing must pause before the draft is sent. */
const DRAFT_PAUSE_MS = 800;

/** "q: code" strings of the server's refusal, as a map from question to code. */
const problemsOf = (error: unknown): Record<string, string> | null => {
  if (!(error instanceof ApiError) || error.code !== 'poll_answers_invalid') return null;
  const list = Array.isArray(error.details.problems) ? (error.details.problems as string[]) : [];
  return Object.fromEntries(list.map((p) => p.split(': ') as [string, string]));
};

/**
 * Answering one poll as one respondent: the questions (refused with the server's reason when the
 * poll does not ask them now), the draft restored and kept as they type (not for proxy entry,
 * which is typed during the interview), checked here by the server's own rules, then sent once.
 */
export function AnswerFlow({ pollId, who, onDone }: { pollId: string; who: Who; onDone?: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const whoKey = who.kind === 'code' ? `code:${who.code}` : who.kind === 'proxy' ? `proxy:${who.residentId}` : 'account';
  const opened = useQuery({ queryKey: ['polls', 'open', pollId, whoKey], queryFn: () => openQuestionnaire(pollId, who), retry: false, staleTime: Infinity });
  const keepsDraft = who.kind !== 'proxy';
  const draft = useQuery({ queryKey: ['polls', 'draft', pollId, whoKey], queryFn: () => readDraft(pollId, who), enabled: keepsDraft && !!opened.data && !opened.data.answered, retry: false, staleTime: Infinity });
  const [answers, setAnswers] = useState<Answers | null>(null);
  const [restored, setRestored] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [done, setDone] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const thanks = useRef<HTMLHeadingElement>(null);
  const touched = useRef(false);

  // Start from the draft once it is known (or from nothing).
  useEffect(() => {
    if (answers !== null || !opened.data) return;
    if (!keepsDraft || opened.data.answered) return setAnswers({});
    if (draft.isPending) return;
    const kept = draft.data?.draft?.answers ?? {};
    setAnswers(kept);
    setRestored(Object.keys(kept).length > 0);
  }, [answers, opened.data, draft.isPending, draft.data, keepsDraft]);

  // Keep the draft as they type, after a pause.
  useEffect(() => {
    if (!keepsDraft || !answers || !touched.current || done) return;
    const timer = setTimeout(() => {
      setSaving('saving');
      saveDraft(pollId, who, answers).then(
        () => setSaving('saved'),
        () => setSaving('failed'),
      );
    }, DRAFT_PAUSE_MS);
    return () => clearTimeout(timer);
    // `who` is fixed for the life of the flow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [answers, keepsDraft, pollId, done]);

  const submit = useMutation({
    mutationFn: (a: Answers) => submitAnswers(pollId, who, a),
    onSuccess: () => {
      setDone(true);
      void queryClient.invalidateQueries({ queryKey: ['polls'] });
      onDone?.();
    },
    onError: (error) => {
      const found = problemsOf(error);
      if (found) setProblems(found);
      summary.current?.focus();
    },
  });
  useEffect(() => {
    if (done) thanks.current?.focus();
  }, [done]);

  if (opened.isPending) return <Loading />;
  if (opened.isError)
    return (
      <p className="notice error" role="alert" data-testid="poll-refused">
        {opened.error.message}
      </p>
    );
  const { poll, definition } = opened.data;
  if (done)
    return (
      <section className="panel stack" data-testid="poll-thanks">
        <h2 ref={thanks} tabIndex={-1} style={{ margin: 0 }}>
          {who.kind === 'proxy' ? t('polls.poll.proxyDone') : t('polls.answer.thanks')}
        </h2>
      </section>
    );
  if (opened.data.answered) return <p className="notice" data-testid="poll-already">{t('polls.answer.already')}</p>;
  if (!answers) return draft.isError ? failure(draft.error, () => void draft.refetch()) : <Loading />;

  const send = (event: FormEvent) => {
    event.preventDefault();
    const found = Object.fromEntries(checkAnswers(definition, answers, true).map((p) => [p.question, p.code]));
    setProblems(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    if (!submit.isPending) submit.mutate(answers);
  };
  const problemCount = Object.keys(problems).length;
  return (
    <form onSubmit={send} noValidate className="stack" data-testid="poll-answer-form">
      <div className="stack" style={{ gap: 4 }}>
        <h2 style={{ margin: 0, fontSize: '1.3em' }}>{poll.title}</h2>
        <span className="muted">{t('polls.my.closes', { date: formatDate(poll.closesAt) })}</span>
      </div>
      {who.kind === 'proxy' && <p className="notice" style={{ margin: 0 }}>{t('polls.answer.proxyNotice', { name: who.name })}</p>}
      {poll.anonymous && <p className="notice" style={{ margin: 0 }}>{t('polls.answer.anonymous')}</p>}
      {restored && <p className="notice" style={{ margin: 0 }}>{t('polls.answer.draftRestored')}</p>}
      <div ref={summary} tabIndex={-1}>
        {problemCount > 0 && (
          <p className="notice error" role="alert" style={{ margin: 0 }} data-testid="poll-problems">
            {t('polls.answer.fix')} {problemCount}
          </p>
        )}
        {submit.isError && !problemsOf(submit.error) && (
          <p className="notice error" role="alert" style={{ margin: 0 }} data-testid="poll-error">
            {submit.error.message}
          </p>
        )}
      </div>
      <QuestionnaireForm
        definition={definition}
        answers={answers}
        problems={problems}
        onChange={(next) => {
          touched.current = true;
          setAnswers(next);
          if (problemCount) setProblems(Object.fromEntries(Object.entries(problems).filter(([q]) => next[q] === answers[q])));
        }}
      />
      {keepsDraft && (
        <p className="muted poll-saving" aria-live="polite" data-testid="draft-state" style={{ margin: 0 }}>
          {saving === 'saving' ? t('polls.answer.draftSaving') : saving === 'saved' ? t('polls.answer.draftSaved') : ''}
        </p>
      )}
      <button type="submit" className="btn primary block" disabled={submit.isPending}>
        {submit.isPending ? t('polls.answer.sending') : t('polls.answer.submit')}
      </button>
    </form>
  );
}
