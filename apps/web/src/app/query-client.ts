import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiProblem } from '../lib/problem';

export const ME_KEY = ['me'] as const;

// A session that expired mid-use: forget the user so the shell sends them to the login.
function sessionGone(error: unknown): void {
  if (error instanceof ApiProblem && error.status === 401 && queryClient.getQueryData(ME_KEY)) {
    queryClient.setQueryData(ME_KEY, null);
  }
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError(error, query) {
      if (query.queryKey[0] !== ME_KEY[0]) {
        sessionGone(error);
      }
    },
  }),
  // The login itself answers 401 for a wrong password; that is not a lost session.
  mutationCache: new MutationCache({ onError: (error) => sessionGone(error) }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors will not heal by retrying; only transient failures get one more try.
      retry: (count, error) => !(error instanceof ApiProblem && error.status >= 400 && error.status < 500) && count < 1,
    },
  },
});
