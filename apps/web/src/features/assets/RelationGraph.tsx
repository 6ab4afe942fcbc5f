import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Relation } from './assets.api';
import { NS } from './i18n';

/**
 * A small picture of an asset's relations: the asset in the middle, related assets and services
 * around it, one line per relation labelled with its kind. The SVG is an image with a title and a
 * description that says the same in words; the table next to it is the accessible full version.
 */
export function RelationGraph({ label, relations }: { label: string; relations: Relation[] }) {
  const { t } = useTranslation(NS);
  const id = useId();
  const w = 560;
  const h = Math.max(220, 120 + relations.length * 12);
  const cx = w / 2;
  const cy = h / 2;
  const r = Math.min(cx, cy) - 40;
  const nodes = relations.map((rel, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, relations.length) - Math.PI / 2;
    return { rel, x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
  });
  const text = (rel: Relation) =>
    rel.direction === 'outgoing'
      ? t('rel.sentenceOut', { type: t(`relType.${rel.type}`), other: rel.otherLabel ?? t('rel.hidden') })
      : t('rel.sentenceIn', { type: t(`relType.${rel.type}`), other: rel.otherLabel ?? t('rel.hidden') });
  return (
    <svg role="img" aria-labelledby={`${id}-t ${id}-d`} viewBox={`0 0 ${w} ${h}`} width="100%" style={{ maxWidth: w }}>
      <title id={`${id}-t`}>{t('rel.graphTitle', { label })}</title>
      <desc id={`${id}-d`}>{relations.map(text).join('; ')}</desc>
      <defs>
        <marker id={`${id}-arrow`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="#3a3a3a" />
        </marker>
      </defs>
      {nodes.map(({ rel, x, y }) => (
        <g key={rel.id}>
          <line
            x1={rel.direction === 'outgoing' ? cx : x}
            y1={rel.direction === 'outgoing' ? cy : y}
            x2={rel.direction === 'outgoing' ? x : cx}
            y2={rel.direction === 'outgoing' ? y : cy}
            stroke="#3a3a3a"
            strokeWidth="1.5"
            markerEnd={`url(#${id}-arrow)`}
          />
          <text x={(cx + x) / 2} y={(cy + y) / 2 - 4} fontSize="11" textAnchor="middle" fill="#1b1b1b">
            {t(`relType.${rel.type}`)}
          </text>
          <rect x={x - 70} y={y - 14} width="140" height="28" rx="4" fill={rel.kind === 'service' ? '#e8f1fa' : '#f2f2f2'} stroke="#5a5a5a" />
          <text x={x} y={y + 4} fontSize="11" textAnchor="middle" fill="#1b1b1b">
            {(rel.otherLabel ?? t('rel.hidden')).slice(0, 22)}
          </text>
        </g>
      ))}
      <rect x={cx - 80} y={cy - 16} width="160" height="32" rx="4" fill="#1d4f91" />
      <text x={cx} y={cy + 5} fontSize="12" textAnchor="middle" fill="#ffffff" fontWeight="bold">
        {label.slice(0, 24)}
      </text>
    </svg>
  );
}
