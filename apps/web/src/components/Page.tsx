import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A page's title: sets the document title and moves focus to the heading on arrival, so that
 * screen-reader users hear where a client-side navigation took them.
 */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – Verbund`;
  }, [title]);
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="kern-stack-lg">
      <div className="kern-flex kern-flex-wrap kern-justify-content-between kern-align-items-center kern-gap-md">
        <h1 className="kern-heading-large" tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions ? <div className="kern-flex kern-flex-wrap kern-gap-sm">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
