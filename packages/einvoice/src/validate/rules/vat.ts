/**
 * VAT category rules, generated per category from one table because the published families
 * (BR-S, BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O, BR-AF for IGIC, BR-AG for IPSI) follow the same pattern:
 * 01 breakdown present, 02–04 identifiers, 05–07 rates, 08 taxable amount, 09 tax amount,
 * 10 exemption reason. BR-IC-11/12, BR-O-11…14 and BR-B-* are in vat-extra.ts.
 */
import { add, cmp, div, eq, mul, round, sub, sum, ZERO, type Decimal } from '../../model/decimal.js';
import { num, rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';
import type { Invoice } from '../../model/types.js';
import { docAcs, lineUses, use } from './vat-usage.js';
import { CATS, type Cat } from './vat-categories.js';

function idsOk(c: RuleContext, cat: Cat): boolean {
  const s = c.inv.seller;
  const tr = c.inv.taxRepresentative;
  const b = c.inv.buyer;
  switch (cat.ids) {
    case 'seller-any':
      return s.vatId !== undefined || s.taxRegistrationId !== undefined || tr?.vatId !== undefined;
    case 'seller-vat':
      return s.vatId !== undefined || tr?.vatId !== undefined;
    case 'seller-and-buyer':
      return (
        (s.vatId !== undefined || s.taxRegistrationId !== undefined || tr?.vatId !== undefined) &&
        (b.vatId !== undefined || b.legalRegistrationId !== undefined)
      );
    case 'seller-vat-and-buyer-vat':
      return (s.vatId !== undefined || tr?.vatId !== undefined) && b.vatId !== undefined;
    case 'none':
      return s.vatId === undefined && tr?.vatId === undefined && b.vatId === undefined;
  }
}

function rateOk(rate: string | undefined, cat: Cat): boolean {
  if (cat.rate === 'none') {
    return rate === undefined;
  }
  const r = num(rate);
  if (!r) {
    return false;
  }
  const c = cmp(r, ZERO);
  return cat.rate === 'positive' ? c > 0 : cat.rate === 'zero' ? c === 0 : c >= 0;
}

function sameRate(a: string | undefined, b: Decimal | undefined): boolean {
  const x = num(a);
  return (x === undefined && b === undefined) || (!!x && !!b && eq(x, b));
}

/** Σ line net + Σ charges − Σ allowances for a category (and rate where the category has rates). */
function expectedBase(
  inv: Invoice,
  cat: Cat,
  rate: Decimal | undefined,
  roundSums = false,
): { base: Decimal; used: boolean } {
  const byRate = cat.computed;
  // the CII binding rounds each of the three sums to cents before combining them
  const r = (x: Decimal) => (roundSums ? round(x, 2) : x);
  const ls = inv.lines.filter((l) => lineUses(l, cat.code) && (!byRate || sameRate(l.vatRate, rate)));
  const acs = docAcs(inv, cat.code).filter((a) => !byRate || sameRate(a.vatRate, rate));
  const d = (s: string | undefined) => num(s) ?? ZERO;
  const base = sub(
    add(r(sum(ls.map((l) => d(l.netAmount)))), r(sum(acs.filter((a) => a.isCharge).map((a) => d(a.amount))))),
    r(sum(acs.filter((a) => !a.isCharge).map((a) => d(a.amount)))),
  );
  return { base, used: ls.length + acs.length > 0 };
}

const ONE: Decimal = { v: 1n, s: 0 };
const within1 = (a: Decimal, b: Decimal) => cmp(sub(a, ONE), b) < 0 && cmp(add(a, ONE), b) > 0;

function make(cat: Cat): Rule[] {
  const P = cat.prefix;
  const q = `"${cat.name}"`;
  const T = (n: string, s: string) => `[${P}-${n}]-${s}`;
  const breakdowns = (c: RuleContext) => use(c, cat.code).breakdowns;
  const acsOf = (c: RuleContext, charge: boolean) => use(c, cat.code).acs.filter((a) => a.isCharge === charge);
  const out: Rule[] = [];
  const idsText =
    cat.ids === 'none'
      ? 'shall not contain the Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48).'
      : cat.ids === 'seller-vat'
        ? 'shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).'
        : cat.ids === 'seller-vat-and-buyer-vat'
          ? 'shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48).'
          : cat.ids === 'seller-and-buyer'
            ? 'shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration identifier (BT-47).'
            : 'shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).';
  const deIds =
    cat.ids === 'none'
      ? 'dürfen keine Umsatzsteuer-Identifikationsnummern angegeben sein'
      : 'muss die Umsatzsteuer-Identifikation des Verkäufers (und ggf. des Käufers) angegeben sein';

  out.push(
    rule(
      `${P}-01`,
      'fatal',
      T(
        '01',
        `An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is ${q} shall contain in the VAT breakdown (BG-23) ${cat.one ? 'exactly one VAT category code (BT-118) equal with' : 'at least one VAT category code (BT-118) equal with'} ${q}.`,
      ),
      (c, f) => {
        const u = use(c, cat.code);
        const used = u.lines.length > 0 || u.acs.length > 0;
        const n = breakdowns(c).length;
        // categories with exactly one breakdown are only checked when used
        const ok = used ? (cat.one ? n === 1 : n > 0) : cat.one || n === 0;
        if (!ok) {
          f();
        }
      },
      {
        de: `Positionen, Nachlässe oder Zuschläge mit der Kategorie ${cat.code} (${cat.de}) und die Umsatzsteueraufschlüsselung passen nicht zusammen.`,
      },
    ),
  );
  const idRule = (n: string, what: string, used: (c: RuleContext) => boolean) =>
    rule(
      `${P}-${n}`,
      'fatal',
      T(n, `An Invoice that contains ${what} where the VAT category code is ${q} ${idsText}`),
      (c, f) => {
        if (used(c) && !idsOk(c, cat)) {
          f();
        }
      },
      { de: `Bei Kategorie ${cat.code} (${cat.de}) ${deIds}.` },
    );
  out.push(idRule('02', 'an Invoice line (BG-25)', (c) => use(c, cat.code).lines.length > 0));
  out.push(idRule('03', 'a Document level allowance (BG-20)', (c) => acsOf(c, false).length > 0));
  out.push(idRule('04', 'a Document level charge (BG-21)', (c) => acsOf(c, true).length > 0));

  const rateText =
    cat.rate === 'none'
      ? 'shall not contain a VAT rate'
      : cat.rate === 'positive'
        ? 'shall be greater than zero'
        : cat.rate === 'zero'
          ? 'shall be 0 (zero)'
          : 'shall be 0 (zero) or greater than zero';
  out.push(
    rule(
      `${P}-05`,
      'fatal',
      T(
        '05',
        `In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is ${q} the Invoiced item VAT rate (BT-152) ${rateText}.`,
      ),
      (c, f) => {
        for (const l of use(c, cat.code).lines) {
          if (!rateOk(l.vatRate, cat)) {
            f(l);
          }
        }
      },
      { de: `Der Steuersatz einer Position mit Kategorie ${cat.code} ist unzulässig.` },
    ),
    rule(
      `${P}-06`,
      'fatal',
      T(
        '06',
        `In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is ${q} the Document level allowance VAT rate (BT-96) ${rateText}.`,
      ),
      (c, f) => {
        for (const a of acsOf(c, false)) {
          if (!rateOk(a.vatRate, cat)) {
            f(a);
          }
        }
      },
      { de: `Der Steuersatz eines Nachlasses mit Kategorie ${cat.code} ist unzulässig.` },
    ),
    rule(
      `${P}-07`,
      'fatal',
      T(
        '07',
        `In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is ${q} the Document level charge VAT rate (BT-103) ${rateText}.`,
      ),
      (c, f) => {
        for (const a of acsOf(c, true)) {
          if (!rateOk(a.vatRate, cat)) {
            f(a);
          }
        }
      },
      { de: `Der Steuersatz eines Zuschlags mit Kategorie ${cat.code} ist unzulässig.` },
    ),
  );

  out.push(
    rule(
      `${P}-08`,
      'fatal',
      T(
        '08',
        `In a VAT breakdown (BG-23) where the VAT category code (BT-118) is ${q} the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are ${q}${cat.computed ? ' and the VAT rates (BT-152, BT-96, BT-103) equal the VAT category rate (BT-119)' : ''}.`,
      ),
      (c, f) => {
        for (const v of breakdowns(c)) {
          const taxable = num(v.taxableAmount);
          const { base, used } = expectedBase(c.inv, cat, cat.computed ? num(v.rate) : undefined, c.syntax === 'cii');
          if (c.syntax === 'cii') {
            // CII binding: rated categories and O compare exactly, the zero-rated ones within ±1
            const exact = cat.computed || cat.code === 'O';
            if (!taxable || (exact ? !eq(taxable, base) : !within1(taxable, base))) {
              f(v);
            }
            continue;
          }
          if (cat.computed) {
            if (used && (!taxable || !within1(taxable, base))) {
              f(v);
            }
          } else if (!taxable || !eq(taxable, base)) {
            f(v);
          }
        }
      },
      {
        de: `Die Bemessungsgrundlage der Kategorie ${cat.code} (BT-116) passt nicht zu den Positionen, Nachlässen und Zuschlägen.`,
      },
    ),
  );
  out.push(
    rule(
      `${P}-09`,
      'fatal',
      T(
        '09',
        cat.computed
          ? `The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is ${q} shall equal the VAT category taxable amount (BT-116) multiplied by the VAT category rate (BT-119).`
          : `The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is ${q} shall be 0 (zero).`,
      ),
      (c, f) => {
        if (c.syntax === 'cii' && (cat.code === 'L' || cat.code === 'M')) {
          // the CII binding leaves BR-AF-09/BR-AG-09 to BR-CO-17
          return;
        }
        for (const v of breakdowns(c)) {
          const tax = num(v.taxAmount);
          if (!tax) {
            f(v);
            continue;
          }
          if (cat.computed) {
            const base = num(v.taxableAmount);
            const rate = num(v.rate);
            if (!base || !rate) {
              f(v);
              continue;
            }
            const abs = (d: Decimal) => (d.v < 0n ? { v: -d.v, s: d.s } : d);
            const expected = round(div(mul(abs(base), rate), { v: 100n, s: 0 }, 12)!, 2);
            if (!within1(abs(tax), expected)) {
              f(v);
            }
          } else if (!eq(tax, ZERO)) {
            f(v);
          }
        }
      },
      { de: `Der Steuerbetrag der Kategorie ${cat.code} (BT-117) ist falsch.` },
    ),
  );
  out.push(
    rule(
      `${P}-10`,
      'fatal',
      T(
        '10',
        cat.exemption === 'forbidden'
          ? `A VAT breakdown (BG-23) with VAT Category code (BT-118) ${q} shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).`
          : `A VAT breakdown (BG-23) with the VAT Category code (BT-118) ${q} shall have a VAT exemption reason code (BT-121) or a VAT exemption reason text (BT-120).`,
      ),
      (c, f) => {
        for (const v of breakdowns(c)) {
          const has = v.exemptionReason !== undefined || v.exemptionReasonCode !== undefined;
          if (cat.exemption === 'forbidden' ? has : !has) {
            f(v);
          }
        }
      },
      {
        de:
          cat.exemption === 'forbidden'
            ? `Bei Kategorie ${cat.code} darf kein Befreiungsgrund angegeben sein.`
            : `Bei Kategorie ${cat.code} muss ein Befreiungsgrund (BT-120 oder BT-121) angegeben sein.`,
      },
    ),
  );
  return out;
}

export const vatRules: Rule[] = CATS.flatMap(make);
