import { useId } from 'react';
import { DataTable } from '../../components/DataTable';

export interface WeekPoint {
  weekStart: string;
  created: number;
  solved: number;
}

const H = 160;
const COL = 44;
const LEFT = 36;

/**
 * Created vs solved per week as grouped columns in plain SVG. The drawing is hidden from screen
 * readers; the table below carries the same figures.
 */
export function WeekChart({
  title,
  points,
  labels,
  formatWeek,
}: {
  title: string;
  points: WeekPoint[];
  labels: { week: string; created: string; solved: string };
  formatWeek: (iso: string) => string;
}) {
  const id = useId();
  const max = Math.max(1, ...points.flatMap((p) => [p.created, p.solved]));
  const width = LEFT + points.length * COL + 10;
  const y = (v: number) => 10 + H - Math.round((v / max) * H);
  return (
    <figure className="kern-stack-sm" aria-labelledby={`${id}-t`}>
      <figcaption className="kern-heading-small" id={`${id}-t`}>
        {title}
      </figcaption>
      <svg aria-hidden="true" focusable="false" width="100%" viewBox={`0 0 ${width} ${H + 60}`} style={{ maxWidth: `${width * 1.6}px` }}>
        <text x={LEFT - 6} y={y(max) + 4} textAnchor="end" fontSize="11" fill="var(--kern-color-layout-text-default, #171a2b)">
          {max}
        </text>
        <line x1={LEFT} x2={width} y1={y(0)} y2={y(0)} stroke="var(--kern-color-layout-border, #7b8494)" />
        {points.map((p, i) => {
          const x = LEFT + i * COL + 6;
          return (
            <g key={p.weekStart}>
              <rect x={x} y={y(p.created)} width={15} height={y(0) - y(p.created)} fill="var(--kern-color-action-default, #1a4ec5)" />
              <rect x={x + 17} y={y(p.solved)} width={15} height={y(0) - y(p.solved)} fill="var(--kern-color-feedback-success, #007a3d)" />
              <text x={x + 16} y={y(0) + 16} textAnchor="middle" fontSize="10" fill="var(--kern-color-layout-text-default, #171a2b)">
                {formatWeek(p.weekStart)}
              </text>
            </g>
          );
        })}
        <rect x={LEFT} y={H + 36} width={12} height={12} fill="var(--kern-color-action-default, #1a4ec5)" />
        <text x={LEFT + 16} y={H + 46} fontSize="12" fill="var(--kern-color-layout-text-default, #171a2b)">
          {labels.created}
        </text>
        <rect x={LEFT + 120} y={H + 36} width={12} height={12} fill="var(--kern-color-feedback-success, #007a3d)" />
        <text x={LEFT + 136} y={H + 46} fontSize="12" fill="var(--kern-color-layout-text-default, #171a2b)">
          {labels.solved}
        </text>
      </svg>
      <DataTable<WeekPoint>
        caption={title}
        rows={points}
        rowKey={(p) => p.weekStart}
        columns={[
          { key: 'week', header: labels.week, rowHeader: true, render: (p) => formatWeek(p.weekStart) },
          { key: 'created', header: labels.created, numeric: true, render: (p) => String(p.created) },
          { key: 'solved', header: labels.solved, numeric: true, render: (p) => String(p.solved) },
        ]}
      />
    </figure>
  );
}
