import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../api/types';

/**
 * What an entry is about, in words: the kind of record and the name it carries in the entry
 * (a resident's name, a username, a place, a household number). Ids all look alike to a person.
 */
export function describeEntry(entry: AuditEntry, t: TFunction): string {
  const data = (entry.after ?? entry.before) as Record<string, unknown> | null;
  const parts = [t(`entities.${entry.entityType}`, { defaultValue: entry.entityType })];
  if (data && typeof data === 'object') {
    const name = ['username', 'name', 'nameZh', 'number'].map((key) => data[key]).find((v) => typeof v === 'string');
    if (typeof name === 'string') parts.push(name);
    if (typeof data.role === 'string') parts.push(t(`roles.${data.role}`));
  }
  return parts.join(' · ');
}
