import type { ReactNode } from 'react';

export type AlertVariant = 'info' | 'success' | 'warning' | 'danger';

/** KERN alert. Errors are announced at once (role=alert); the rest politely (role=status). */
export function Alert({ variant, title, children }: { variant: AlertVariant; title: string; children?: ReactNode }) {
  return (
    <div className={`kern-alert kern-alert--${variant}`} role={variant === 'danger' ? 'alert' : 'status'}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${variant}`} aria-hidden="true" />
        <span className="kern-title">{title}</span>
      </div>
      {children ? <div className="kern-alert__body">{children}</div> : null}
    </div>
  );
}
