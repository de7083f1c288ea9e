import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Place } from '../../api/types';
import { nameOf } from '../../i18n';
import { childrenQuery, placeQuery } from '../places/queries';

/**
 * Where the problem is, one level at a time: city, district, subdistrict, community, then
 * optionally grid and building. Plain selects, one under the other: they work with a thumb, a
 * screen reader and large text on a small phone, and carry no component library.
 */
export function PlaceSelect({
  value,
  onChange,
  invalid,
  describedBy,
}: {
  value: string | null;
  /** The deepest place chosen (null until one is). */
  onChange: (placeId: string | null) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  // The chosen places from the top down; filled from the value's ancestors when it comes preset.
  const [chain, setChain] = useState<string[]>([]);
  const preset = useQuery({ ...placeQuery(value), enabled: !!value && !chain.includes(value) });
  // Follow a value set from outside (a draft restored, a new form): down to it, or loaded with its ancestors.
  useEffect(() => {
    if (!value) {
      if (chain.length) setChain([]);
      return;
    }
    if (chain.at(-1) === value) return;
    const at = chain.indexOf(value);
    if (at >= 0) setChain(chain.slice(0, at + 1));
    else if (preset.data?.place.id === value) setChain([...preset.data.ancestors.map((p) => p.id), value]);
  }, [value, chain, preset.data]);

  const parents: (string | null)[] = [null, ...chain];
  const levels = useQueries({ queries: parents.map((parent) => childrenQuery(parent)) });
  const known = new Map<string, Place>();
  for (const level of levels) for (const p of level.data?.items ?? []) known.set(p.id, p);

  const choose = (depth: number, placeId: string) => {
    const next = placeId ? [...chain.slice(0, depth), placeId] : chain.slice(0, depth);
    setChain(next);
    onChange(next.at(-1) ?? null);
  };

  return (
    <>
      {parents.map((parent, depth) => {
        const options = levels[depth]?.data?.items ?? [];
        // Nothing below the last place chosen: no further select.
        if (parent !== null && (known.get(parent)?.childCount ?? 1) === 0) return null;
        if (options.length === 0 && !levels[depth]?.isPending) return null;
        const level = options[0]?.level;
        const optional = level === 'grid' || level === 'building';
        const selectId = `${id}-${depth}`;
        return (
          <div className="field" key={parent ?? 'top'}>
            <label htmlFor={selectId}>
              {level ? t(`levels.${level}`) : t('common.loading')}
              {optional && <span className="muted"> {t('cases.form.optional')}</span>}
            </label>
            <select
              id={selectId}
              value={chain[depth] ?? ''}
              onChange={(e) => choose(depth, e.target.value)}
              aria-invalid={invalid && depth === chain.length ? true : undefined}
              aria-describedby={describedBy}
              aria-required={!optional}
              data-testid={`place-level-${depth}`}
            >
              <option value="">{optional ? t('cases.form.noneChosen') : t('cases.form.choose')}</option>
              {options.map((p) => (
                <option key={p.id} value={p.id}>
                  {nameOf(p)}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </>
  );
}
