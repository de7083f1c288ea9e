import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../../api/client';
import type { Place } from '../../api/types';
import { nameOf } from '../../i18n';

interface Node {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const toNode = (p: Place): Node => ({ id: p.id, pId: p.parentId, value: p.id, title: `${nameOf(p)} (${p.code})`, isLeaf: p.childCount === 0 });

/** Choose a place from the tree, loading each level when it is opened. */
export function PlacePicker({ value, onChange, id, placeholder }: { value?: string | null; onChange?: (id: string | null) => void; id?: string; placeholder?: string }) {
  const { i18n } = useTranslation();
  const roots = useQuery({ queryKey: ['places', null, i18n.language], queryFn: () => api.get<{ items: Place[] }>('/api/places').then((r) => r.items.map(toNode)) });
  const [loaded, setLoaded] = useState<Node[]>([]);
  const nodes = [...(roots.data ?? []), ...loaded.filter((n) => !roots.data?.some((r) => r.id === n.id))];
  return (
    <TreeSelect
      id={id}
      treeDataSimpleMode
      treeData={nodes}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      loadData={async (node) => {
        const items = await api.get<{ items: Place[] }>(`/api/places${query({ parentId: String(node.value) })}`);
        setLoaded((current) => [...current, ...items.items.map(toNode).filter((n) => !current.some((c) => c.id === n.id))]);
      }}
      allowClear
      showSearch={false}
      placeholder={placeholder}
      style={{ width: '100%', minWidth: 200 }}
      popupMatchSelectWidth={false}
    />
  );
}
