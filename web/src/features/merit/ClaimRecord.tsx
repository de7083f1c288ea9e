import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { Claim } from './api';

/** Every step of a claim, in order: filed, each body's word with its reason, the outcome. */
export function ClaimRecord({ claim }: { claim: Claim }) {
  const { t } = useTranslation();
  const en = currentLanguage() === 'en';
  return (
    <ol className="muted" style={{ margin: '4px 0 0', paddingInlineStart: 20 }} data-testid="claim-record">
      {claim.events.map((e, i) => (
        <li key={i}>
          {new Date(e.at).toLocaleDateString(currentLanguage())} · {(en ? e.bodyNameEn : e.bodyNameZh) ?? e.actorName} · {e.kind === 'decision' && e.decision ? t(`merit.assess.${e.decision}`) : t(`merit.event.${e.kind}`, { defaultValue: e.kind })}
          {e.reason ? `：${e.reason}` : ''}
        </li>
      ))}
    </ol>
  );
}
