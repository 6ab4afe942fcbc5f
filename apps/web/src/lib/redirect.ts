/**
 * Where to go after the login. Only paths of this app are followed: an absolute or
 * protocol-relative URL in ?redirect= would make the login page an open redirect.
 */
export function safeRedirect(target: string | undefined): string {
  if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
    return '/';
  }
  if (target.startsWith('/login') || target.startsWith('/logout')) {
    return '/';
  }
  return target;
}
