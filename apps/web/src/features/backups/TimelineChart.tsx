import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Overview } from './backups.api';
import { calendarDate } from './format';
import { NS } from './i18n';

const COLORS = { success: '#1a7f37', warning: '#9a6700', failed: '#c62828' } as const;

/**
 * Runs per day as stacked bars. The SVG is one image with a title and a description holding the
 * totals (read by screen readers); the figures per day follow in a table behind a disclosure.
 * Colours are not the only cue: failures are drawn on top with a hatched outline and named in the
 * legend and the table.
 */
export function TimelineChart({ timeline }: { timeline: Overview['timeline'] }) {
  const { t, i18n } = useTranslation(NS);
  const id = useId();
  const total = (k: 'success' | 'warning' | 'failed') => timeline.reduce((a, d) => a + d[k], 0);
  const max = Math.max(1, ...timeline.map((d) => d.success + d.warning + d.failed));
  const width = 720;
  const height = 160;
  const bar = width / Math.max(1, timeline.length);
  const y = (v: number) => (v / max) * (height - 20);
  return (
    <figure className="kern-stack-sm" style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        style={{ maxWidth: width }}
      >
        <title id={`${id}-t`}>{t('chart.title', { days: timeline.length })}</title>
        <desc id={`${id}-d`}>
          {t('chart.desc', { success: total('success'), warning: total('warning'), failed: total('failed') })}
        </desc>
        <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} stroke="#666" />
        {timeline.map((d, i) => {
          let base = height;
          return (['success', 'warning', 'failed'] as const).map((k) => {
            const h = y(d[k]);
            base -= h;
            return h > 0 ? (
              <rect
                key={`${d.day}-${k}`}
                x={i * bar + 0.5}
                y={base}
                width={Math.max(1, bar - 1)}
                height={h}
                fill={COLORS[k]}
                stroke={k === 'failed' ? '#000' : 'none'}
                strokeWidth={k === 'failed' ? 0.5 : 0}
              />
            ) : null;
          });
        })}
      </svg>
      <figcaption className="kern-body kern-body--small">
        <span className="kern-flex kern-flex-wrap kern-gap-md">
          {(['success', 'warning', 'failed'] as const).map((k) => (
            <span key={k}>
              <span
                aria-hidden="true"
                style={{
                  display: 'inline-block',
                  width: 12,
                  height: 12,
                  background: COLORS[k],
                  marginRight: 4,
                  verticalAlign: 'middle',
                }}
              />
              {t(`status.${k}`)}: {total(k).toLocaleString(i18n.language)}
            </span>
          ))}
        </span>
      </figcaption>
      <details>
        <summary className="kern-link">{t('chart.table')}</summary>
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-label={t('chart.table')}>
          <table className="kern-table kern-table--small">
            <caption className="kern-sr-only">{t('chart.table')}</caption>
            <thead className="kern-table__head">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">
                  {t('chart.day')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('status.success')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('status.warning')}
                </th>
                <th scope="col" className="kern-table__header kern-table__header--numeric">
                  {t('status.failed')}
                </th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {timeline.map((d) => (
                <tr key={d.day} className="kern-table__row">
                  <th scope="row" className="kern-table__header">
                    {calendarDate(d.day, i18n.language)}
                  </th>
                  <td className="kern-table__cell kern-table__cell--numeric">{d.success}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{d.warning}</td>
                  <td className="kern-table__cell kern-table__cell--numeric">{d.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
