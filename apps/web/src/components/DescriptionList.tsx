import type { ReactNode } from 'react';

/** Label/value pairs; empty values show a dash so the reader knows the field exists. */
export function DescriptionList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="kern-description-list">
      {items.map((i) => (
        <div key={i.label} className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{i.label}</dt>
          <dd className="kern-description-list-item__value">
            {i.value === null || i.value === '' || i.value === undefined ? '–' : i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
