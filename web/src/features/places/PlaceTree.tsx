import { Tree, type TreeDataNode } from 'antd';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Place } from '../../api/types';
import { nameOf } from '../../i18n';
import { childrenQuery } from './queries';

/**
 * The jurisdiction tree beside the list on wide screens. Each level is fetched when opened, under
 * the same query keys as the list, so an added or removed place shows in both at once. The way
 * to the open place is kept expanded.
 */
export function PlaceTree({ trail }: { trail: Place[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const openId = trail.at(-1)?.id;
  const [expanded, setExpanded] = useState<string[]>([]);
  const [shownFor, setShownFor] = useState<string>();
  if (openId !== shownFor) {
    setShownFor(openId);
    setExpanded((keys) => [...new Set([...keys, ...trail.map((p) => p.id)])]);
  }
  const levels = useQueries({ queries: [null, ...expanded].map(childrenQuery) });
  const childrenOf = new Map([null, ...expanded].map((id, i) => [id, levels[i]?.data?.items]));
  const build = (places: Place[] | undefined): TreeDataNode[] | undefined =>
    places?.map((p) => ({ key: p.id, title: nameOf(p), isLeaf: p.childCount === 0, children: build(childrenOf.get(p.id)) }));

  return (
    <Tree
      treeData={build(childrenOf.get(null)) ?? []}
      expandedKeys={expanded}
      selectedKeys={openId ? [openId] : []}
      onExpand={(keys) => setExpanded(keys.map(String))}
      loadData={(node) => queryClient.fetchQuery(childrenQuery(String(node.key))).then(() => undefined)}
      onSelect={(keys) => keys[0] !== undefined && void navigate(`/places/${String(keys[0])}`)}
      blockNode
    />
  );
}
