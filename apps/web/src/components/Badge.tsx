export function Badge({ variant, children }: { variant: 'info' | 'success' | 'warning' | 'danger'; children: string }) {
  return (
    <span className={`kern-badge kern-badge--${variant}`}>
      <span className="kern-label">{children}</span>
    </span>
  );
}
