import type { ReactNode } from 'react';
import { ProblemAlert } from './ProblemAlert';
import { Loader } from './Loader';

/** The three states every remote view has: loading, failed, ready. */
export function QueryState<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) {
    return <Loader />;
  }
  if (query.error || query.data === undefined) {
    return <ProblemAlert error={query.error ?? new Error('No data')} />;
  }
  return <>{children(query.data)}</>;
}
