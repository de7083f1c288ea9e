import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Place } from '../../api/types';
import { nameOf } from '../../i18n';

interface Node {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: Node[];
}

/** Choose a place from the tree, loading each level when it is opened. */
export function PlacePicker({ value, onChange, id, placeholder }: { value?: string | null; onChange?: (id: string | null) => void; id?: string; placeholder?: string }) {
  const { i18n } = useTranslation();
  const roots = useQuery({ queryKey: ['places', null, i18n.language], queryFn: () => api.get<{ items: Place[] }>('/api/places').then((r) => r.items) });
  const [childrenOf, setChildrenOf] = useState<Map<string, Place[]>>(new Map());
  const build = (places: Place[]): Node[] =>
    places.map((p) => {
      const children = childrenOf.get(p.id);
      return { value: p.id, title: `${nameOf(p)} (${p.code})`, isLeaf: p.childCount === 0, ...(children ? { children: build(children) } : {}) };
    });
  return (
    <TreeSelect
      id={id}
      aria-label={placeholder}
      treeData={build(roots.data ?? [])}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      loadData={async (node) => {
        const parentId = String(node.value);
        const { items } = await api.get<{ items: Place[] }>(`/api/places${query({ parentId })}`);
        setChildrenOf((current) => new Map(current).set(parentId, items));
      }}
      allowClear
      placeholder={placeholder}
      style={{ width: '100%', minWidth: 200 }}
      popupMatchSelectWidth={false}
    />
  );
}
