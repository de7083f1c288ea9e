import { TreeSelect } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Place } from '../../api/types';
import { nameOf } from '../../i18n';
import { childrenQuery, placeQuery } from './queries';

interface Node {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: Node[];
}

/**
 * Choose a place from the tree, loading each level when it is opened. The levels down to the
 * chosen place are loaded as well, so a form that opens with a place shows its name.
 */
export function PlacePicker({ value, onChange, id, placeholder }: { value?: string | null; onChange?: (id: string | null) => void; id?: string; placeholder?: string }) {
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState<string[]>([]);
  const chosen = useQuery(placeQuery(value));
  const parents = [...new Set([null, ...(chosen.data?.ancestors.map((p) => p.id) ?? []), ...opened])];
  const levels = useQueries({ queries: parents.map(childrenQuery) });
  const childrenOf = new Map(parents.map((parent, i) => [parent, levels[i]?.data?.items]));
  const build = (places: Place[] | undefined): Node[] | undefined =>
    places?.map((p) => ({ value: p.id, title: `${nameOf(p)} (${p.code})`, isLeaf: p.childCount === 0, children: build(childrenOf.get(p.id)) }));
  return (
    <TreeSelect
      id={id}
      aria-label={placeholder}
      treeData={build(childrenOf.get(null)) ?? []}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      loadData={async (node) => {
        const parentId = String(node.value);
        await queryClient.fetchQuery(childrenQuery(parentId));
        setOpened((ids) => (ids.includes(parentId) ? ids : [...ids, parentId]));
      }}
      allowClear
      placeholder={placeholder}
      style={{ width: '100%', minWidth: 200 }}
      popupMatchSelectWidth={false}
    />
  );
}
