import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Typography, type TableProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, query } from '../api/client';
import type { Page } from '../api/types';

const PAGE_SIZE = 20;
type Filters = Record<string, string | number | boolean | null | undefined>;

/**
 * One page of an API list (`/api/<resource>`) under the given filters, and the props that
 * make an Ant Design table page through it. New filters go back to the first page.
 */
export function usePagedList<T extends { id: string }>(resource: string, filters: Filters) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const filterKey = JSON.stringify(filters);
  const [pagedFilters, setPagedFilters] = useState(filterKey);
  if (filterKey !== pagedFilters) {
    setPagedFilters(filterKey);
    setPage(1);
  }
  const list = useQuery({
    queryKey: [resource, filters, page],
    queryFn: () => api.get<Page<T>>(`/api/${resource}${query({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })}`),
    placeholderData: keepPreviousData,
  });
  const table: TableProps<T> = {
    rowKey: 'id',
    loading: list.isFetching,
    dataSource: list.data?.items,
    scroll: { x: 'max-content' },
    pagination: { current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false, showTotal: (count) => t('common.total', { count }) },
  };
  return { list, table };
}

/** The one heading of an administration page. */
export const PageHeading = ({ children }: { children: ReactNode }) => (
  <Typography.Title level={1} style={{ fontSize: '1.5em', margin: 0 }}>
    {children}
  </Typography.Title>
);
