import { useTranslation } from 'react-i18next';
import type { Match, Rule } from '../../../../src/modules/councils/composition';
import { THRESHOLD_RULES, type Threshold } from '../../../../src/modules/councils/threshold';
import { useCodeLabel } from './MembershipForm';

interface Bounds {
  min?: number | undefined;
  max?: number | undefined;
}

export interface CouncilRules {
  rules: Rule[];
  threshold: Threshold;
}

/** A share (0–1) as the percent a person types, and back; an emptied field is NaN until filled. */
const percentOf = (share: number) => (Number.isNaN(share) ? '' : String(Math.round(share * 1000) / 10));
const shareOf = (text: string) => (text === '' ? Number.NaN : Number(text) / 100);
const countOf = (text: string) => (text === '' ? Number.NaN : Number(text));
const shown = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '' : String(n));

/** The figures of a rule a person can change; an empty size bound (undefined) is no bound. */
const figuresOf = (rule: Rule): (number | undefined)[] => (rule.kind === 'share' ? [rule.atLeast] : rule.kind === 'size' || rule.kind === 'quota' ? [rule.min, rule.max] : []);

/** Whether every figure is filled in (the server checks that they make sense together). */
export const rulesFilled = ({ rules, threshold }: CouncilRules): boolean => [threshold.quorum, ...rules.flatMap(figuresOf)].every((n) => !Number.isNaN(n));

/**
 * The figures of a council type's rules, to adjust for one place: how many members, the share
 * that must not be party members, each kind's number of seats, and how motions are decided.
 * Seats reserved for a role and sectors to cover are shown as they are.
 */
export function RulesEditor({ value, onChange, idPrefix }: { value: CouncilRules; onChange: (next: CouncilRules) => void; idPrefix: string }) {
  const { t } = useTranslation();
  const label = useCodeLabel();
  const who = (match: Match) =>
    [
      match.partyMember === false ? t('councils.rulesEditor.nonParty') : match.partyMember ? t('councils.rulesEditor.party') : null,
      match.kind && label(match.kind),
      match.sector && label(match.sector),
      match.tag && label(match.tag),
      match.role && t(`councils.roles.${match.role}`),
    ]
      .filter(Boolean)
      .join(' · ') || t('councils.rulesEditor.anyone');
  const setRule = (index: number, rule: Rule) => onChange({ ...value, rules: value.rules.map((r, i) => (i === index ? rule : r)) });
  const setThreshold = (change: Partial<Threshold>) => onChange({ ...value, threshold: { ...value.threshold, ...change } });
  const id = (name: string) => `${idPrefix}-${name}`;
  // A size bound left empty is no bound; a quota needs both.
  const range = (index: number, caption: string, bounds: Bounds, optional: boolean, set: (bounds: Bounds) => void) => {
    const read = (text: string) => (optional && text === '' ? undefined : countOf(text));
    return (
      <fieldset key={index} className="row" style={{ border: 0, padding: 0, margin: 0, alignItems: 'center' }}>
        <legend style={{ float: 'left', marginInlineEnd: 8 }}>{caption}</legend>
        <input aria-label={`${caption} ${t('councils.rulesEditor.min')}`} type="number" min={0} max={1000} value={shown(bounds.min)} onChange={(e) => set({ ...bounds, min: read(e.target.value) })} style={{ width: '5em' }} />
        <span>{t('councils.rulesEditor.to')}</span>
        <input aria-label={`${caption} ${t('councils.rulesEditor.max')}`} type="number" min={0} max={1000} value={shown(bounds.max)} onChange={(e) => set({ ...bounds, max: read(e.target.value) })} style={{ width: '5em' }} />
        <span>{t('councils.rulesEditor.people')}</span>
      </fieldset>
    );
  };
  return (
    <div className="stack">
      <h3 style={{ fontSize: '1em', margin: 0 }}>{t('councils.rulesEditor.composition')}</h3>
      {value.rules.map((rule, index) => {
        switch (rule.kind) {
          case 'size':
            return range(index, t('councils.rulesEditor.size'), { min: rule.min, max: rule.max }, true, ({ min, max }) => setRule(index, { kind: 'size', min, max }));
          case 'quota':
            return range(index, t('councils.rulesEditor.quota', { kind: label(rule.memberKind) }), { min: rule.min, max: rule.max }, false, ({ min = Number.NaN, max = Number.NaN }) => setRule(index, { ...rule, min, max }));
          case 'share':
            return (
              <div key={index} className="field">
                <label htmlFor={id(`share-${index}`)}>{t('councils.rulesEditor.share', { who: who(rule.match) })}</label>
                <input id={id(`share-${index}`)} type="number" min={1} max={100} step={0.1} value={percentOf(rule.atLeast)} onChange={(e) => setRule(index, { ...rule, atLeast: shareOf(e.target.value) })} style={{ width: '6em' }} />
              </div>
            );
          case 'seat':
            return (
              <p key={index} className="muted" style={{ margin: 0 }}>
                {t('councils.rulesEditor.seat', { role: t(`councils.roles.${rule.role}`), who: who(rule.match) })}
              </p>
            );
          case 'sectors':
            return (
              <p key={index} className="muted" style={{ margin: 0 }}>
                {t('councils.rulesEditor.sectors', { sectors: rule.sectors.map(label).join('、') })}
              </p>
            );
        }
      })}
      <h3 style={{ fontSize: '1em', margin: 0 }}>{t('councils.rulesEditor.decisions')}</h3>
      <div className="field">
        <label htmlFor={id('threshold')}>{t('councils.rulesEditor.threshold')}</label>
        <select id={id('threshold')} value={value.threshold.rule} onChange={(e) => setThreshold({ rule: e.target.value as Threshold['rule'] })}>
          {THRESHOLD_RULES.map((rule) => (
            <option key={rule} value={rule}>
              {t(`councils.newMotion.rules.${rule}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('quorum')}>{t('councils.rulesEditor.quorum')}</label>
        <input id={id('quorum')} type="number" min={0} max={100} step={0.1} value={percentOf(value.threshold.quorum)} onChange={(e) => setThreshold({ quorum: shareOf(e.target.value) })} style={{ width: '6em' }} />
      </div>
      {value.threshold.rule === 'simple_majority' && (
        <label>
          <input type="checkbox" checked={value.threshold.abstentionsCount} onChange={(e) => setThreshold({ abstentionsCount: e.target.checked })} style={{ width: 20, height: 20, verticalAlign: 'middle', marginInlineEnd: 8 }} />
          {t('councils.rulesEditor.abstentions')}
        </label>
      )}
    </div>
  );
}
