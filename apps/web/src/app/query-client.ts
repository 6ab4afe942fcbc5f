import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../lib/problem';

export const ME_KEY = ['me'] as const;

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(error, query) {
      // A session that expired mid-use: forget the user so the shell sends them to the login.
      if (error instanceof ApiProblem && error.status === 401 && query.queryKey[0] !== ME_KEY[0]) {
        queryClient.setQueryData(ME_KEY, null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors will not heal by retrying; only transient failures get one more try.
      retry: (count, error) => !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 1,
    },
  },
});
