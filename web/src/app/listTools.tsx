import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PlacePicker } from '../features/places/PlacePicker';
import { api } from '../api/client';

/**
 * The bar above an administration list: narrow to a place, search, further filters, and the
 * button that adds a record (only for those who may).
 */
export function ListToolbar(props: {
  place?: { value: string | null; onChange: (id: string | null) => void; label: string };
  search: { hint: string; onSearch: (text: string) => void };
  add?: { label: string; onClick: () => void } | false;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="toolbar">
      {props.place && (
        <div className="tool">
          <PlacePicker value={props.place.value} onChange={props.place.onChange} placeholder={props.place.label} />
        </div>
      )}
      {props.children}
      <Input.Search
        className="tool-wide"
        allowClear
        placeholder={props.search.hint}
        aria-label={props.search.hint}
        onSearch={(text) => props.search.onSearch(text.trim())}
        enterButton={t('common.search')}
      />
      {props.add && (
        <Button type="primary" onClick={props.add.onClick}>
          {props.add.label}
        </Button>
      )}
    </div>
  );
}

/** Deleting a record of `/api/<resource>`: said when done, the server's reason when refused, lists refreshed. */
export function useRemoval(resource: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/${resource}/${id}`),
    onSuccess: () => {
      void message.success(t('common.deleted'));
      void queryClient.invalidateQueries({ queryKey: [resource] });
    },
    onError: (error) => void message.error(error.message),
  });
}
