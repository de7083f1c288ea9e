import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import type { Me } from '../../api/types';

export const ME_KEY = ['me'] as const;

/** Who is logged in (null when nobody). */
export const useMe = () => useQuery({ queryKey: ME_KEY, queryFn: () => api.get<{ me: Me | null }>('/api/auth/me').then((r) => r.me), staleTime: 60_000 });

/** Ends the session and forgets everything fetched for it. */
export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    await api.post('/api/auth/logout').catch(() => undefined);
    api.forgetCsrf();
    queryClient.clear();
    void navigate('/login', { replace: true });
  };
}
