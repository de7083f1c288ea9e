import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Answer, type Answers, visibleQuestions } from '../../../../src/modules/polls/answers';
import type { Definition, Question } from '../../../../src/modules/polls/questionnaire';
import '../cases/cases.css';
import './polls.css';
import './words';

/**
 * The answers kept when one changes: skip logic is the server's own rule (visibleQuestions), and
 * an answer to a question that the change hid is dropped, as the server would refuse it.
 */
export function withAnswer(definition: Definition, answers: Answers, question: string, answer: Answer | undefined): Answers {
  const next: Answers = { ...answers };
  if (answer === undefined) delete next[question];
  else next[question] = answer;
  const visible = visibleQuestions(definition, next);
  for (const id of Object.keys(next)) if (!visible.has(id)) delete next[id];
  return next;
}

/**
 * A questionnaire to answer, in plain HTML for a phone: one fieldset per question, only the
 * questions the answers so far show. Used by residents, by liaisons entering an interview, and
 * as the builder's preview.
 */
export function QuestionnaireForm({
  definition,
  answers,
  onChange,
  problems = {},
}: {
  definition: Definition;
  answers: Answers;
  onChange: (answers: Answers) => void;
  /** Per question, the code of what is wrong with its answer. */
  problems?: Record<string, string>;
}) {
  const visible = visibleQuestions(definition, answers);
  let number = 0;
  return (
    <div className="poll-form">
      {definition.sections.map((section) => {
        const shown = section.questions.filter((q) => visible.has(q.id));
        if (shown.length === 0) return null;
        return (
          <section key={section.id} className="poll-section" aria-label={section.title || undefined}>
            {section.title && <h2 className="poll-section-title">{section.title}</h2>}
            {shown.map((q) => (
              <QuestionField
                key={q.id}
                number={++number}
                question={q}
                answer={answers[q.id]}
                problem={problems[q.id]}
                onChange={(answer) => onChange(withAnswer(definition, answers, q.id, answer))}
              />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function QuestionField({ number, question: q, answer, problem, onChange }: { number: number; question: Question; answer: Answer | undefined; problem: string | undefined; onChange: (a: Answer | undefined) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const problemId = `${id}-problem`;
  const legend = (
    <>
      <span className="poll-number">{number}.</span> {q.text}
      {q.required ? (
        <span className="required" aria-label={t('polls.answer.required')}>
          {' '}
          *
        </span>
      ) : (
        <span className="muted"> {t('polls.answer.optional')}</span>
      )}
    </>
  );
  const problemText = problem && (
    <span className="problem" id={problemId}>
      {t(`polls.answer.problem.${problem}`, { defaultValue: problem })}
    </span>
  );
  const described = problem ? problemId : undefined;
  const common = { 'data-question': q.id, className: `group poll-question${problem ? ' has-problem' : ''}` };
  const options = q.options ?? [];

  if (q.type === 'single' || q.type === 'rating') {
    return (
      <fieldset {...common} aria-describedby={described} aria-invalid={problem ? true : undefined}>
        <legend>{legend}</legend>
        <div className={q.type === 'rating' ? 'poll-scale' : undefined}>
          {options.map((o) => (
            <label key={o.id} className="choice">
              <input type="radio" name={id} value={o.id} checked={answer === o.id} onChange={() => onChange(o.id)} />
              <span>{o.label}</span>
            </label>
          ))}
        </div>
        {problemText}
      </fieldset>
    );
  }
  if (q.type === 'multiple') {
    const chosen = Array.isArray(answer) ? answer : [];
    const most = q.maxChoices ?? options.length;
    return (
      <fieldset {...common} aria-describedby={described}>
        <legend>{legend}</legend>
        {most < options.length && <span className="hint muted">{t('polls.answer.chooseUpTo', { count: most })}</span>}
        {options.map((o) => {
          const on = chosen.includes(o.id);
          return (
            <label key={o.id} className="choice">
              <input
                type="checkbox"
                value={o.id}
                checked={on}
                disabled={!on && chosen.length >= most}
                onChange={() => {
                  const next = on ? chosen.filter((c) => c !== o.id) : [...chosen, o.id];
                  onChange(next.length ? options.map((x) => x.id).filter((x) => next.includes(x)) : undefined);
                }}
              />
              <span>{o.label}</span>
            </label>
          );
        })}
        {problemText}
      </fieldset>
    );
  }
  if (q.type === 'ranking') {
    const order = Array.isArray(answer) && answer.length === options.length ? answer : options.map((o) => o.id);
    const label = (oid: string) => options.find((o) => o.id === oid)?.label ?? oid;
    const move = (from: number, to: number) => {
      const next = [...order];
      const [item] = next.splice(from, 1);
      next.splice(to, 0, item!);
      onChange(next);
    };
    return (
      <fieldset {...common} aria-describedby={described}>
        <legend>{legend}</legend>
        <span className="hint muted">{t('polls.answer.rankHint')}</span>
        <ol className="poll-ranking">
          {order.map((oid, i) => (
            <li key={oid}>
              <span className="grow-text">{label(oid)}</span>
              <button type="button" className="btn" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={t('polls.answer.up', { label: label(oid) })}>
                ↑
              </button>
              <button type="button" className="btn" disabled={i === order.length - 1} onClick={() => move(i, i + 1)} aria-label={t('polls.answer.down', { label: label(oid) })}>
                ↓
              </button>
            </li>
          ))}
        </ol>
        {answer === undefined && (
          <button type="button" className="btn" onClick={() => onChange(order)}>
            {t('polls.answer.keepOrder')}
          </button>
        )}
        {problemText}
      </fieldset>
    );
  }
  if (q.type === 'matrix') {
    const rated = answer && typeof answer === 'object' && !Array.isArray(answer) ? answer : {};
    return (
      <fieldset {...common} aria-describedby={described}>
        <legend>{legend}</legend>
        {(q.items ?? []).map((item) => (
          <div className="field poll-matrix-row" key={item.id}>
            <label htmlFor={`${id}-${item.id}`}>{item.label}</label>
            <select
              id={`${id}-${item.id}`}
              value={rated[item.id] ?? ''}
              onChange={(e) => {
                const next = { ...rated };
                if (e.target.value) next[item.id] = e.target.value;
                else delete next[item.id];
                onChange(Object.keys(next).length ? next : undefined);
              }}
            >
              <option value="">{t('polls.answer.choose')}</option>
              {options.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        ))}
        {problemText}
      </fieldset>
    );
  }
  // number and text: one labelled input.
  return (
    <div {...common} className={`field poll-question${problem ? ' has-problem' : ''}`}>
      <label htmlFor={id}>{legend}</label>
      {q.type === 'number' ? (
        <input
          id={id}
          type="number"
          inputMode={q.integer ? 'numeric' : 'decimal'}
          step={q.integer ? 1 : 'any'}
          min={q.min}
          max={q.max}
          value={typeof answer === 'number' ? answer : ''}
          aria-invalid={problem ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value === '' || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
        />
      ) : (
        <textarea
          id={id}
          rows={3}
          maxLength={q.maxLength ?? 5000}
          value={typeof answer === 'string' ? answer : ''}
          aria-invalid={problem ? true : undefined}
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      )}
      {problemText}
    </div>
  );
}
