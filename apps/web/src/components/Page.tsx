import { useEffect, useRef, type ReactNode } from 'react';

// On the first page of a visit the browser's own focus start is right; only later client-side
// navigations need the focus moved to the new heading.
let firstPage = true;

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
    if (firstPage) {
      firstPage = false;
      return;
    }
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
