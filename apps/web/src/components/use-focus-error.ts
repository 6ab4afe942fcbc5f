import { useEffect, useRef } from 'react';

/**
 * After a failed submit, puts the focus on the first field marked invalid, so keyboard and
 * screen-reader users land on what needs fixing (the message is linked to the field).
 * `attempt` changes on every submit that produced errors.
 */
export function useFocusFirstError<T extends HTMLElement>(attempt: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!attempt) {
      return;
    }
    ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);
  return ref;
}
