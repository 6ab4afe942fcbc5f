import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../../app/api';

export function useKreise() {
  return useQuery({
    queryKey: ['reference', 'kreise'],
    queryFn: () => unwrap(api.GET('/api/v1/reference/kreise')),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useVerbaende(kreis: string) {
  return useQuery({
    queryKey: ['reference', 'verbaende', kreis],
    enabled: /^\d{5}$/.test(kreis),
    queryFn: () => unwrap(api.GET('/api/v1/reference/verbaende', { params: { query: { kreis } } })),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The value after the user stopped typing for a moment, so a type-ahead asks once per pause. */
export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function useGemeindenSearch(q: string, kreis?: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['reference', 'gemeinden', term, kreis ?? ''],
    enabled: term.length >= 2,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/reference/gemeinden', {
          params: { query: { q: term, kreis: kreis && /^\d{5}$/.test(kreis) ? kreis : undefined, limit: 20 } },
        }),
      ),
    staleTime: 300_000,
  });
}

export interface DirectorySelection {
  kreis?: string;
  verbaende?: string[];
  gemeinden?: string[];
}

export function usePreview(parentId: string) {
  return useMutation({
    mutationFn: (body: DirectorySelection) =>
      unwrap(api.POST('/api/v1/organisations/{id}/from-directory/preview', { params: { path: { id: parentId } }, body })),
  });
}

export function useApply(parentId: string) {
  return useMutation({
    mutationFn: (body: DirectorySelection) =>
      unwrap(api.POST('/api/v1/organisations/{id}/from-directory/apply', { params: { path: { id: parentId } }, body })),
  });
}
