import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { failure } from '../../app/StatusPage';
import { formatTime } from '../cases/words';
import { decisionQuery, type PublicDecision } from './api';
import { ErrorNotice } from '../../app/ErrorNotice';

const STATUSES = ['pending', 'in_progress', 'done'] as const;
type Task = PublicDecision['tasks'][number];

/**
 * What a passed decision became: the tasks handed to those who carry it out (a department through
 * a request in the cases module), and their progress. The office hands over and reports; the
 * same list is on the public decision page.
 */
export function MotionTasks({ motionId, office }: { motionId: string; office: boolean }) {
  const { t } = useTranslation();
  const decision = useQuery(decisionQuery(motionId));
  if (decision.isError) return failure(decision.error, () => void decision.refetch());
  const tasks = decision.data?.tasks ?? [];
  return (
    <section className="stack" aria-labelledby="tasks" data-testid="tasks">
      <h2 id="tasks" style={{ fontSize: '1.2em', margin: 0 }}>{t('councils.decision.tasks')}</h2>
      {tasks.length === 0 && <p className="muted">{t('councils.decision.noTasks')}</p>}
      {tasks.map((task) => (
        <article key={task.id} className="panel stack" style={{ gap: 4 }} aria-label={task.title}>
          <p className="what" style={{ margin: 0, fontWeight: 600 }}>
            {task.title} · {task.assignee} · {t(`councils.decision.taskStatus.${task.status}`)}
          </p>
          {task.caseNumber && <p className="muted" style={{ margin: 0 }}>{t('councils.decision.caseNumber', { number: task.caseNumber })}</p>}
          {task.progress.map((p, i) => (
            <p key={i} className="said" style={{ margin: 0 }}>
              {formatTime(p.at)}：{p.note}
            </p>
          ))}
          {office && task.status !== 'done' && <Progress motionId={motionId} task={task} />}
        </article>
      ))}
      {office && <HandOver motionId={motionId} />}
    </section>
  );
}

function useTasksSaved(motionId: string) {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: decisionQuery(motionId).queryKey });
}

function HandOver({ motionId }: { motionId: string }) {
  const { t } = useTranslation();
  const saved = useTasksSaved(motionId);
  const [title, setTitle] = useState('');
  const [assignee, setAssignee] = useState('');
  const [asCase, setAsCase] = useState(false);
  const [description, setDescription] = useState('');
  const handOver = useMutation({
    mutationFn: () => api.post(`/api/motions/${motionId}/tasks`, { title: title.trim(), assignee: assignee.trim(), ...(asCase ? { case: { description: description.trim() } } : {}) }),
    onSuccess: () => {
      setTitle('');
      setAssignee('');
      setAsCase(false);
      setDescription('');
      saved();
    },
  });
  const ready = title.trim() !== '' && assignee.trim() !== '' && (!asCase || description.trim().length >= 5);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) handOver.mutate();
  };
  return (
    <details className="panel">
      <summary>{t('councils.tasks.handOver')}</summary>
      <form className="stack" onSubmit={submit} noValidate aria-label={t('councils.tasks.handOver')} style={{ marginTop: 12 }}>
        <div className="field">
          <label htmlFor="task-title">{t('councils.tasks.what')}</label>
          <input id="task-title" value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="task-assignee">{t('councils.tasks.who')}</label>
          <input id="task-assignee" value={assignee} maxLength={100} aria-describedby="task-assignee-hint" onChange={(e) => setAssignee(e.target.value)} />
          <span id="task-assignee-hint" className="muted">
            {t('councils.tasks.whoHint')}
          </span>
        </div>
        <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', minHeight: 32 }}>
          <input type="checkbox" checked={asCase} onChange={(e) => setAsCase(e.target.checked)} />
          {t('councils.tasks.asCase')}
        </label>
        {asCase && (
          <div className="field">
            <label htmlFor="task-case">{t('councils.tasks.caseText')}</label>
            <textarea id="task-case" rows={3} maxLength={2000} value={description} onChange={(e) => setDescription(e.target.value)} />
          </div>
        )}
        <ErrorNotice error={handOver.error} />
        <button type="submit" className="btn primary" style={{ justifySelf: 'start' }} disabled={!ready || handOver.isPending}>
          {t('councils.tasks.send')}
        </button>
      </form>
    </details>
  );
}

function Progress({ motionId, task }: { motionId: string; task: Task }) {
  const { t } = useTranslation();
  const saved = useTasksSaved(motionId);
  const [status, setStatus] = useState<string>(task.status === 'pending' ? 'in_progress' : task.status);
  const [note, setNote] = useState('');
  const report = useMutation({
    mutationFn: () => api.post(`/api/tasks/${task.id}/progress`, { status, note: note.trim() }),
    onSuccess: () => {
      setNote('');
      saved();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim()) report.mutate();
  };
  return (
    <form className="row" onSubmit={submit} aria-label={t('councils.tasks.progress', { title: task.title })} style={{ alignItems: 'end' }}>
      <div className="field">
        <label htmlFor={`progress-status-${task.id}`}>{t('councils.tasks.status')}</label>
        <select id={`progress-status-${task.id}`} value={status} onChange={(e) => setStatus(e.target.value)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`councils.decision.taskStatus.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field" style={{ flex: 1, minWidth: '12em' }}>
        <label htmlFor={`progress-note-${task.id}`}>{t('councils.tasks.note')}</label>
        <input id={`progress-note-${task.id}`} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="btn" disabled={!note.trim() || report.isPending}>
        {t('councils.tasks.report')}
      </button>
      <ErrorNotice error={report.error} style={{ flexBasis: '100%' }} />
    </form>
  );
}
