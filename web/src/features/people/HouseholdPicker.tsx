import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Household, Page } from '../../api/types';

/**
 * Choose a household of one community, searching by number or address. The current choice is
 * kept as an option even when it is not among the first results, so editing never loses it.
 */
export function HouseholdPicker({ placeId, current, value, onChange, id }: { placeId?: string; current?: { id: string; number: string }; value?: string | null; onChange?: (id: string | null) => void; id?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['households', { placeId, q, picker: true }],
    queryFn: () => api.get<Page<Household>>(`/api/households${query({ placeId, q, limit: 50 })}`),
    enabled: !!placeId,
  });
  const options = (found.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.number} · ${h.address}` }));
  if (current && !options.some((o) => o.value === current.id)) options.unshift({ value: current.id, label: current.number });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      disabled={!placeId}
      placeholder={placeId ? undefined : t('people.householdHint')}
      loading={found.isFetching}
      options={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
    />
  );
}
