import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '../../../../src/modules/cases/workflow';
import { OPEN_STATUSES } from '../../../../src/modules/cases/workflow';
import { statusWords } from './words';

/** A case's state in words (plain ones for requesters), its colour only a second cue. */
export function StatusBadge({ status, plain = false }: { status: CaseStatus; plain?: boolean }) {
  const { t } = useTranslation();
  const tone = status === 'resolved' || status === 'closed' ? 'done' : OPEN_STATUSES.includes(status) ? 'open' : 'other';
  return <span className={`state ${tone}`}>{plain ? statusWords(status) : t(`cases.status.${status}`)}</span>;
}
