import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Permission } from '@verbund/shared';
import { can, pickActiveOrg, type Membership } from '../lib/memberships';
import { ApiProblem } from '../lib/problem';
import { api, setCsrfToken, unwrap, type MeResponse } from './api';
import i18n, { hasStoredLanguage } from './i18n';
import { ME_KEY } from './query-client';

async function fetchMe(): Promise<MeResponse | null> {
  try {
    const me = await unwrap(api.GET('/api/v1/auth/me'));
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiProblem && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

interface AuthState {
  me: MeResponse | null;
  loading: boolean;
  error: unknown;
  login: (email: string, password: string) => Promise<MeResponse>;
  logout: () => Promise<void>;
  /** The organisation whose subtree the lists show. */
  activeOrg: Membership | undefined;
  setActiveOrg: (orgId: string) => void;
  /** Permission on the active organisation. */
  may: (permission: Permission) => boolean;
}

const AuthContext = createContext<AuthState | null>(null);

const activeKey = (userId: string) => `verbund.activeOrg.${userId}`;

function readStored(userId: string | undefined): string | null {
  if (!userId) {
    return null;
  }
  try {
    return localStorage.getItem(activeKey(userId));
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Number.POSITIVE_INFINITY });
  const me = meQuery.data ?? null;
  const [chosen, setChosen] = useState<string | null>(null);

  const loginMutation = useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/v1/auth/login', { body })),
    onSuccess(data) {
      setCsrfToken(data.csrfToken);
      setChosen(null);
      // Data cached for a previous user must never show for this one.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, data);
    },
  });

  // Without a choice on this device, the account's language applies.
  const accountLocale = me?.user.locale;
  useEffect(() => {
    if (accountLocale && !hasStoredLanguage() && accountLocale !== i18n.language) {
      void i18n.changeLanguage(accountLocale);
    }
  }, [accountLocale]);

  const logout = useCallback(async () => {
    try {
      await unwrap(api.POST('/api/v1/auth/logout'));
    } finally {
      setCsrfToken(null);
      setChosen(null);
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      qc.setQueryData(ME_KEY, null);
    }
  }, [qc]);

  const memberships = useMemo(() => me?.memberships ?? [], [me]);
  const activeId = pickActiveOrg(memberships, chosen ?? readStored(me?.user.id));
  const activeOrg = memberships.find((m) => m.orgId === activeId);

  const setActiveOrg = useCallback(
    (orgId: string) => {
      setChosen(orgId);
      if (me) {
        try {
          localStorage.setItem(activeKey(me.user.id), orgId);
        } catch {
          // storage disabled: the choice lasts for this page only
        }
      }
    },
    [me],
  );

  const value: AuthState = {
    me,
    loading: meQuery.isPending,
    error: meQuery.error,
    login: (email, password) => loginMutation.mutateAsync({ email, password }),
    logout,
    activeOrg,
    setActiveOrg,
    may: (permission) => can(activeOrg, permission),
  };
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) {
    throw new Error('useAuth outside AuthProvider');
  }
  return ctx;
}
