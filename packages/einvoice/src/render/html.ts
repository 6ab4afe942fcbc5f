/**
 * Accessible HTML view of an invoice, laid out like a paper invoice: parties, header data, lines,
 * VAT breakdown, totals and payment details. Semantic elements and table headers with scope so
 * screen readers can navigate; every value is escaped.
 */
import type { Address, Invoice, Party } from '../model/types.js';
import { LABELS, PAYMENT_MEANS, type Lang } from './labels.js';

export interface RenderOptions {
  lang?: Lang;
  /** a complete HTML document (default) or only the <article> fragment */
  fragment?: boolean;
}

function esc(s: string | undefined): string {
  return (s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** Amount formatting without floats: group the integer digits of the decimal string. */
function money(v: string | undefined, currency: string | undefined, lang: Lang): string {
  if (v === undefined) {
    return '';
  }
  const t = v.trim();
  const neg = t.startsWith('-');
  const [int = '0', frac = ''] = (neg ? t.slice(1) : t).split('.');
  const f = (frac + '00').slice(0, Math.max(2, frac.replace(/0+$/, '').length));
  const sep = lang === 'de' ? '.' : ',';
  const dot = lang === 'de' ? ',' : '.';
  const grouped = int.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return `${neg ? '−' : ''}${grouped}${dot}${f}${currency ? ` ${esc(currency)}` : ''}`;
}

function num(v: string | undefined, lang: Lang): string {
  return v === undefined ? '' : esc(lang === 'de' ? v.replace('.', ',') : v);
}

function date(v: string | undefined, lang: Lang): string {
  if (!v) {
    return '';
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) {
    return esc(v);
  }
  return `<time datetime="${m[0]}">${lang === 'de' ? `${m[3]}.${m[2]}.${m[1]}` : m[0]}</time>`;
}

function address(a: Address | undefined): string {
  if (!a) {
    return '';
  }
  const lines = [
    a.line1,
    a.line2,
    a.line3,
    [a.postCode, a.city].filter(Boolean).join(' '),
    [a.countrySubdivision, a.countryCode].filter(Boolean).join(', '),
  ];
  return lines
    .filter((l) => l)
    .map((l) => esc(l))
    .join('<br>');
}

function party(title: string, p: Party | undefined, L: (typeof LABELS)[Lang]): string {
  if (!p) {
    return '';
  }
  const rows: string[] = [];
  if (p.vatId) {
    rows.push(`<div>${L.vatId}: ${esc(p.vatId)}</div>`);
  }
  if (p.taxRegistrationId) {
    rows.push(`<div>${L.taxNo}: ${esc(p.taxRegistrationId)}</div>`);
  }
  const c = p.contact;
  if (c && (c.name || c.phone || c.email)) {
    rows.push(`<div>${L.contact}: ${[c.name, c.phone, c.email].filter(Boolean).map(esc).join(', ')}</div>`);
  }
  return `<section class="party" aria-label="${esc(title)}"><h2>${esc(title)}</h2><address><strong>${esc(p.name ?? p.tradingName)}</strong>${p.tradingName && p.name ? `<br>${esc(p.tradingName)}` : ''}<br>${address(p.address)}</address>${rows.join('')}</section>`;
}

function dl(rows: [string, string][]): string {
  const r = rows.filter(([, v]) => v !== '');
  return r.length === 0 ? '' : `<dl>${r.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}.parties{display:flex;gap:2rem;flex-wrap:wrap}.party{flex:1 1 16rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #bbb;padding:.3rem .4rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}
.totals{margin-left:auto;max-width:26rem}.totals tr.due th,.totals tr.due td{font-weight:700;border-top:2px solid #1b1b1b}`;

export function renderHtml(inv: Invoice, options: RenderOptions = {}): string {
  const lang = options.lang ?? 'de';
  const L = LABELS[lang];
  const cur = inv.currency;
  const credit = ['381', '261', '262', '296', '308', '396', '420', '458', '532', '81', '83'].includes(
    (inv.typeCode ?? '').trim(),
  );
  const title = `${credit ? L.creditNote : L.invoice} ${esc(inv.id)}`;
  const header = dl([
    [L.number, esc(inv.id)],
    [L.issueDate, date(inv.issueDate, lang)],
    [L.dueDate, date(inv.dueDate, lang)],
    [
      L.period,
      inv.invoicePeriod ? `${date(inv.invoicePeriod.start, lang)} – ${date(inv.invoicePeriod.end, lang)}` : '',
    ],
    [L.deliveryDate, date(inv.delivery?.date, lang)],
    [L.buyerReference, esc(inv.buyerReference)],
    [L.orderRef, esc(inv.orderRef)],
    [L.contractRef, esc(inv.contractRef)],
  ]);
  const lineRows = inv.lines
    .map(
      (l) =>
        `<tr><td>${esc(l.id)}</td><th scope="row">${esc(l.itemName)}${l.itemDescription ? `<br><small>${esc(l.itemDescription)}</small>` : ''}${l.note ? `<br><small>${esc(l.note)}</small>` : ''}</th><td class="n">${num(l.quantity, lang)}</td><td>${esc(l.unitCode)}</td><td class="n">${money(l.netPrice, undefined, lang)}</td><td class="n">${l.vatRate !== undefined ? `${num(l.vatRate, lang)} %` : esc(l.vatCategory)}</td><td class="n">${money(l.netAmount, cur, lang)}</td></tr>`,
    )
    .join('');
  const lines = `<section aria-labelledby="lines-h"><h2 id="lines-h">${L.lines}</h2><table><thead><tr><th scope="col">${L.pos}</th><th scope="col">${L.item}</th><th scope="col" class="n">${L.qty}</th><th scope="col">${L.unit}</th><th scope="col" class="n">${L.price}</th><th scope="col" class="n">${L.vatRate}</th><th scope="col" class="n">${L.net}</th></tr></thead><tbody>${lineRows}</tbody></table></section>`;
  const vat = `<section aria-labelledby="vat-h"><h2 id="vat-h">${L.vatBreakdown}</h2><table><thead><tr><th scope="col">${L.category}</th><th scope="col" class="n">${L.vatRate}</th><th scope="col" class="n">${L.taxable}</th><th scope="col" class="n">${L.tax}</th><th scope="col">${L.exemption}</th></tr></thead><tbody>${inv.vatBreakdown
    .map(
      (v) =>
        `<tr><th scope="row">${esc(v.categoryCode)}</th><td class="n">${v.rate !== undefined ? `${num(v.rate, lang)} %` : ''}</td><td class="n">${money(v.taxableAmount, cur, lang)}</td><td class="n">${money(v.taxAmount, cur, lang)}</td><td>${esc([v.exemptionReasonCode, v.exemptionReason].filter(Boolean).join(' '))}</td></tr>`,
    )
    .join('')}</tbody></table></section>`;
  const t = inv.totals;
  const totalRows: [string, string | undefined, string?][] = [
    [L.lineTotal, t.lineNetTotal],
    [L.allowances, t.allowanceTotal],
    [L.charges, t.chargeTotal],
    [L.totalNet, t.taxExclusive],
    [L.totalVat, t.vatTotal],
    [L.totalGross, t.taxInclusive],
    [L.prepaid, t.prepaid],
    [L.rounding, t.rounding],
    [L.payable, t.payable, 'due'],
  ];
  const totals = `<section aria-labelledby="tot-h"><h2 id="tot-h">${L.totals}</h2><table class="totals"><tbody>${totalRows
    .filter(([, v]) => v !== undefined)
    .map(
      ([k, v, cls]) =>
        `<tr${cls ? ` class="${cls}"` : ''}><th scope="row">${k}</th><td class="n">${money(v, cur, lang)}</td></tr>`,
    )
    .join('')}</tbody></table></section>`;
  const payments = inv.paymentInstructions
    .map((p) =>
      dl([
        [L.means, esc(p.text ?? (p.typeCode ? (PAYMENT_MEANS[p.typeCode.trim()]?.[lang] ?? p.typeCode) : ''))],
        [
          L.iban,
          esc(
            p.creditTransfers
              .map((c) => c.accountId)
              .filter(Boolean)
              .join(', ') || p.directDebit?.debitedAccountId,
          ),
        ],
        [
          L.bic,
          esc(
            p.creditTransfers
              .map((c) => c.serviceProviderId)
              .filter(Boolean)
              .join(', '),
          ),
        ],
        [
          L.accountName,
          esc(
            p.creditTransfers
              .map((c) => c.accountName)
              .filter(Boolean)
              .join(', '),
          ),
        ],
        [L.remittance, esc(p.remittanceInfo)],
      ]),
    )
    .join('');
  const payment = `<section aria-labelledby="pay-h"><h2 id="pay-h">${L.payment}</h2>${payments}${dl([[L.terms, esc(inv.paymentTerms).replace(/\n/g, '<br>')]])}</section>`;
  const notes = inv.notes.length
    ? `<section aria-labelledby="notes-h"><h2 id="notes-h">${L.notes}</h2>${inv.notes.map((n) => `<p>${esc(n.text)}</p>`).join('')}</section>`
    : '';
  const article = `<article lang="${lang}"><header><h1>${title}</h1>${header}</header><div class="parties">${party(L.seller, inv.seller, L)}${party(L.buyer, inv.buyer, L)}${party(L.payee, inv.payee, L)}</div>${lines}${vat}${totals}${payment}${notes}</article>`;
  if (options.fragment) {
    return article;
  }
  return `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>${STYLE}</style></head><body><main>${article}</main></body></html>\n`;
}
