import { useId } from 'react';
import { DataTable } from '../../components/DataTable';

export interface Bar {
  key: string;
  label: string;
  value: number;
}

const ROW = 28;
const LABEL_W = 210;
const BAR_W = 300;

/**
 * A horizontal bar chart as plain SVG with the numbers written beside the bars. Screen readers
 * skip the drawing and read the table below it, which carries the same figures.
 */
export function BarChart({
  title,
  bars,
  labelHeader,
  valueHeader,
  format,
}: {
  title: string;
  bars: Bar[];
  labelHeader: string;
  valueHeader: string;
  format: (n: number) => string;
}) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 8;
  return (
    <figure className="kern-stack-sm" aria-labelledby={`${id}-t`}>
      <figcaption className="kern-heading-small" id={`${id}-t`}>
        {title}
      </figcaption>
      <svg
        aria-hidden="true"
        focusable="false"
        width="100%"
        viewBox={`0 0 ${LABEL_W + BAR_W + 90} ${height}`}
        style={{ maxWidth: `${LABEL_W + BAR_W + 90}px` }}
      >
        {bars.map((b, i) => {
          const w = Math.round((b.value / max) * BAR_W);
          const y = i * ROW + 4;
          return (
            <g key={b.key}>
              <text x={LABEL_W - 8} y={y + 17} textAnchor="end" fontSize="14" fill="var(--kern-color-layout-text-default, #171a2b)">
                {b.label}
              </text>
              <rect x={LABEL_W} y={y + 3} width={Math.max(w, b.value > 0 ? 2 : 0)} height={ROW - 10} fill="var(--kern-color-action-default, #1a4ec5)" />
              <text x={LABEL_W + w + 6} y={y + 17} fontSize="14" fill="var(--kern-color-layout-text-default, #171a2b)">
                {format(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <DataTable<Bar>
        caption={title}
        rows={bars}
        rowKey={(b) => b.key}
        columns={[
          { key: 'label', header: labelHeader, rowHeader: true, render: (b) => b.label },
          { key: 'value', header: valueHeader, numeric: true, render: (b) => format(b.value) },
        ]}
      />
    </figure>
  );
}
