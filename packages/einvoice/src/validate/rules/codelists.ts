/**
 * Code list rules BR-CL-* with the lists exactly as the EN 16931 1.3.15 artefacts use them
 * (src/codelists). One pass over the tree collects the violations of every BR-CL rule; each rule
 * then reports its own share, so adding the family costs one traversal per document.
 */
import type { XElement } from '../../xml/parse.js';
import { normalizeSpace, stringValue } from '../../xml/tree.js';
import { codeList, codeListRule } from '../../codelists/index.js';
import { rule } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';

type Syn = 'ubl' | 'cii';
const IDS = ['BR-CL-01', 'BR-CL-03', 'BR-CL-04', 'BR-CL-05', 'BR-CL-06', 'BR-CL-07', 'BR-CL-08', 'BR-CL-10', 'BR-CL-11', 'BR-CL-13', 'BR-CL-14', 'BR-CL-15', 'BR-CL-16', 'BR-CL-17', 'BR-CL-18', 'BR-CL-19', 'BR-CL-20', 'BR-CL-21', 'BR-CL-22', 'BR-CL-23', 'BR-CL-24', 'BR-CL-25', 'BR-CL-26'] as const;

const lists = new Map<string, Set<string>>();
function list(id: string, syn: Syn, index?: number): Set<string> {
  const key = `${id}/${syn}/${index ?? ''}`;
  let l = lists.get(key);
  if (!l) {
    l = codeList(id, syn, index);
    lists.set(key, l);
  }
  return l;
}

/** The published test: no inner blank and a member of the space-separated list. */
function member(value: string | undefined, set: Set<string>): boolean {
  const v = normalizeSpace(value);
  return !v.includes(' ') && set.has(v);
}

const AMOUNTS = new Set(['Amount', 'BaseAmount', 'PriceAmount', 'TaxAmount', 'TaxableAmount', 'LineExtensionAmount', 'TaxExclusiveAmount', 'TaxInclusiveAmount', 'AllowanceTotalAmount', 'ChargeTotalAmount', 'PrepaidAmount', 'PayableRoundingAmount', 'PayableAmount']);

function hasAncestor(el: XElement, name: string): boolean {
  for (let p = el.parent; p; p = p.parent) {
    if (p.name === name) {
      return true;
    }
  }
  return false;
}

function chargeIndicator(ac: XElement | undefined, syn: Syn): boolean | undefined {
  if (!ac) {
    return undefined;
  }
  for (const k of ac.children) {
    if (k.name === 'ChargeIndicator') {
      const t = normalizeSpace(syn === 'cii' ? (k.children.find((x) => x.name === 'Indicator') ? stringValue(k.children.find((x) => x.name === 'Indicator')!) : '') : stringValue(k));
      return t === 'true' ? true : t === 'false' ? false : undefined;
    }
  }
  return undefined;
}

function collectUbl(root: XElement, out: Map<string, XElement[]>): void {
  const bad = (id: string, el: XElement) => {
    out.get(id)!.push(el);
  };
  const walk = (el: XElement) => {
    const n = el.name;
    const p = el.parent?.name;
    const a = el.attrs;
    if (n === 'InvoiceTypeCode' && !member(stringValue(el), list('BR-CL-01', 'ubl', 0))) {
      bad('BR-CL-01', el);
    } else if (n === 'CreditNoteTypeCode' && !member(stringValue(el), list('BR-CL-01', 'ubl', 1))) {
      bad('BR-CL-01', el);
    } else if (AMOUNTS.has(n) && !member(a.currencyID, list('BR-CL-03', 'ubl'))) {
      bad('BR-CL-03', el);
    } else if (n === 'DocumentCurrencyCode' && !member(stringValue(el), list('BR-CL-04', 'ubl'))) {
      bad('BR-CL-04', el);
    } else if (n === 'TaxCurrencyCode' && !member(stringValue(el), list('BR-CL-05', 'ubl'))) {
      bad('BR-CL-05', el);
    } else if (n === 'DescriptionCode' && p === 'InvoicePeriod' && !member(stringValue(el), list('BR-CL-06', 'ubl'))) {
      bad('BR-CL-06', el);
    } else if (n === 'ID' && a.schemeID !== undefined && (p === 'AdditionalDocumentReference' || p === 'DocumentReference') && normalizeSpace(el.parent!.children.find((k) => k.name === 'DocumentTypeCode')?.text) === '130') {
      if (!member(a.schemeID, list('BR-CL-07', 'ubl'))) {
        bad('BR-CL-07', el);
      }
    } else if (n === 'ID' && a.schemeID !== undefined && p === 'PartyIdentification') {
      const sellerOrPayee = hasAncestor(el, 'AccountingSupplierParty') || hasAncestor(el, 'PayeeParty');
      if (!member(a.schemeID, list('BR-CL-10', 'ubl', 0)) && !(member(a.schemeID, list('BR-CL-10', 'ubl', 1)) && sellerOrPayee)) {
        bad('BR-CL-10', el);
      }
    } else if (n === 'CompanyID' && a.schemeID !== undefined && p === 'PartyLegalEntity' && !member(a.schemeID, list('BR-CL-11', 'ubl'))) {
      bad('BR-CL-11', el);
    } else if (n === 'ItemClassificationCode' && a.listID !== undefined && p === 'CommodityClassification' && !member(a.listID, list('BR-CL-13', 'ubl'))) {
      bad('BR-CL-13', el);
    } else if (n === 'IdentificationCode' && p === 'Country' && !member(stringValue(el), list('BR-CL-14', 'ubl'))) {
      bad('BR-CL-14', el);
    } else if (n === 'IdentificationCode' && p === 'OriginCountry' && !member(stringValue(el), list('BR-CL-15', 'ubl'))) {
      bad('BR-CL-15', el);
    } else if (n === 'PaymentMeansCode' && p === 'PaymentMeans' && !member(stringValue(el), list('BR-CL-16', 'ubl'))) {
      bad('BR-CL-16', el);
    } else if (n === 'ID' && p === 'TaxCategory' && !member(stringValue(el), list('BR-CL-17', 'ubl'))) {
      bad('BR-CL-17', el);
    } else if (n === 'ID' && p === 'ClassifiedTaxCategory' && !member(stringValue(el), list('BR-CL-18', 'ubl'))) {
      bad('BR-CL-18', el);
    } else if (n === 'AllowanceChargeReasonCode' && p === 'AllowanceCharge') {
      const ci = chargeIndicator(el.parent, 'ubl');
      if (ci === false && !member(stringValue(el), list('BR-CL-19', 'ubl'))) {
        bad('BR-CL-19', el);
      } else if (ci === true && !member(stringValue(el), list('BR-CL-20', 'ubl'))) {
        bad('BR-CL-20', el);
      }
    } else if (n === 'ID' && a.schemeID !== undefined && p === 'StandardItemIdentification' && !member(a.schemeID, list('BR-CL-21', 'ubl'))) {
      bad('BR-CL-21', el);
    } else if (n === 'TaxExemptionReasonCode' && !member(stringValue(el).toUpperCase(), list('BR-CL-22', 'ubl'))) {
      bad('BR-CL-22', el);
    } else if ((n === 'InvoicedQuantity' || n === 'BaseQuantity' || n === 'CreditedQuantity') && a.unitCode !== undefined && !member(a.unitCode, list('BR-CL-23', 'ubl'))) {
      bad('BR-CL-23', el);
    } else if (n === 'EmbeddedDocumentBinaryObject' && a.mimeCode !== undefined && !member(a.mimeCode, list('BR-CL-24', 'ubl'))) {
      bad('BR-CL-24', el);
    } else if (n === 'EndpointID' && a.schemeID !== undefined && !member(a.schemeID, list('BR-CL-25', 'ubl'))) {
      bad('BR-CL-25', el);
    } else if (n === 'ID' && a.schemeID !== undefined && p === 'DeliveryLocation' && !member(a.schemeID, list('BR-CL-26', 'ubl'))) {
      bad('BR-CL-26', el);
    }
    for (const k of el.children) {
      walk(k);
    }
  };
  walk(root);
}

function collectCii(root: XElement, out: Map<string, XElement[]>): void {
  const bad = (id: string, el: XElement) => {
    out.get(id)!.push(el);
  };
  const walk = (el: XElement) => {
    const n = el.name;
    const p = el.parent?.name;
    const a = el.attrs;
    const v = () => stringValue(el);
    if (n === 'TypeCode' && p === 'ExchangedDocument' && !member(v(), list('BR-CL-01', 'cii'))) {
      bad('BR-CL-01', el);
    } else if (n === 'TaxTotalAmount' && a.currencyID !== undefined && !member(a.currencyID, list('BR-CL-03', 'cii'))) {
      bad('BR-CL-03', el);
    } else if (n === 'InvoiceCurrencyCode' && !member(v(), list('BR-CL-04', 'cii'))) {
      bad('BR-CL-04', el);
    } else if (n === 'TaxCurrencyCode' && !member(v(), list('BR-CL-05', 'cii'))) {
      bad('BR-CL-05', el);
    } else if (n === 'DueDateTypeCode' && !member(v(), list('BR-CL-06', 'cii'))) {
      bad('BR-CL-06', el);
    } else if (n === 'ReferenceTypeCode' && !member(v(), list('BR-CL-07', 'cii'))) {
      bad('BR-CL-07', el);
    } else if (n === 'SubjectCode' && !member(v(), list('BR-CL-08', 'cii'))) {
      bad('BR-CL-08', el);
    } else if (n === 'GlobalID' && a.schemeID !== undefined && !hasAncestor(el, 'SpecifiedTradeProduct') && !hasAncestor(el, 'ShipToTradeParty')) {
      if (!member(a.schemeID, list('BR-CL-10', 'cii'))) {
        bad('BR-CL-10', el);
      }
    } else if (n === 'ID' && a.schemeID !== undefined && !hasAncestor(el, 'SpecifiedTaxRegistration')) {
      if (!member(a.schemeID, list('BR-CL-11', 'cii'))) {
        bad('BR-CL-11', el);
      }
    } else if (n === 'ClassCode' && a.listID !== undefined && !member(a.listID, list('BR-CL-13', 'cii'))) {
      bad('BR-CL-13', el);
    } else if (n === 'CountryID' && !member(v(), list('BR-CL-14', 'cii'))) {
      bad('BR-CL-14', el);
    } else if (n === 'ID' && p === 'OriginTradeCountry' && !member(v(), list('BR-CL-15', 'cii'))) {
      bad('BR-CL-15', el);
    } else if (n === 'TypeCode' && p === 'SpecifiedTradeSettlementPaymentMeans' && !member(v(), list('BR-CL-16', 'cii'))) {
      bad('BR-CL-16', el);
    } else if (n === 'CategoryCode' && p === 'CategoryTradeTax' && !member(v(), list('BR-CL-17', 'cii'))) {
      bad('BR-CL-17', el);
    } else if (n === 'CategoryCode' && p === 'ApplicableTradeTax' && !member(v(), list('BR-CL-18', 'cii'))) {
      bad('BR-CL-18', el);
    } else if (n === 'ReasonCode' && p === 'SpecifiedTradeAllowanceCharge') {
      const ci = chargeIndicator(el.parent, 'cii');
      if (ci === false && !member(v(), list('BR-CL-19', 'cii'))) {
        bad('BR-CL-19', el);
      } else if (ci === true && !member(v(), list('BR-CL-20', 'cii'))) {
        bad('BR-CL-20', el);
      }
    } else if (n === 'ExemptionReasonCode' && !member(v().toUpperCase(), list('BR-CL-22', 'cii'))) {
      bad('BR-CL-22', el);
    } else if ((n === 'BasisQuantity' || n === 'BilledQuantity') && a.unitCode !== undefined && !member(a.unitCode, list('BR-CL-23', 'cii'))) {
      bad('BR-CL-23', el);
    } else if (n === 'AttachmentBinaryObject' && a.mimeCode !== undefined && !member(a.mimeCode, list('BR-CL-24', 'cii'))) {
      bad('BR-CL-24', el);
    } else if (n === 'URIID' && p === 'URIUniversalCommunication' && a.schemeID !== undefined && !member(a.schemeID, list('BR-CL-25', 'cii'))) {
      bad('BR-CL-25', el);
    }
    // BR-CL-21 and BR-CL-26 are separate patterns in the CII artefacts: a GlobalID may fire both
    if (n === 'GlobalID' && a.schemeID !== undefined && p === 'SpecifiedTradeProduct' && !member(a.schemeID, list('BR-CL-21', 'cii'))) {
      bad('BR-CL-21', el);
    }
    if (n === 'GlobalID' && a.schemeID !== undefined && p === 'ShipToTradeParty' && !member(a.schemeID, list('BR-CL-26', 'cii'))) {
      bad('BR-CL-26', el);
    }
    for (const k of el.children) {
      walk(k);
    }
  };
  walk(root);
}

function violations(c: RuleContext): Map<string, XElement[]> {
  let m = c.memo.get('codelists') as Map<string, XElement[]> | undefined;
  if (!m) {
    m = new Map(IDS.map((id) => [id, []]));
    (c.syntax === 'cii' ? collectCii : collectUbl)(c.root, m);
    c.memo.set('codelists', m);
  }
  return m;
}

const DE: Record<string, string> = {
  'BR-CL-01': 'Der Rechnungstyp-Code (BT-3) ist nicht in der Codeliste UNTDID 1001 enthalten.',
  'BR-CL-03': 'Eine Währungsangabe (currencyID) ist kein ISO-4217-Code.',
  'BR-CL-04': 'Der Rechnungswährungscode (BT-5) ist kein ISO-4217-Code.',
  'BR-CL-05': 'Der Steuerwährungscode (BT-6) ist kein ISO-4217-Code.',
  'BR-CL-06': 'Der Code für das Steuerpunktdatum (BT-8) ist nicht zulässig.',
  'BR-CL-07': 'Die Schemakennung der Objektkennung ist nicht in UNTDID 1153 enthalten.',
  'BR-CL-08': 'Der Code des Rechnungsbemerkungsbetreffs (BT-21) ist nicht in UNTDID 4451 enthalten.',
  'BR-CL-10': 'Die Schemakennung einer Kennung ist nicht in der ISO-6523-ICD-Liste enthalten.',
  'BR-CL-11': 'Die Schemakennung einer Registernummer ist nicht in der ISO-6523-ICD-Liste enthalten.',
  'BR-CL-13': 'Die Schemakennung der Artikelklassifizierung ist nicht in UNTDID 7143 enthalten.',
  'BR-CL-14': 'Ein Ländercode ist kein ISO-3166-1-Code.',
  'BR-CL-15': 'Der Ursprungsländercode ist kein ISO-3166-1-Code.',
  'BR-CL-16': 'Der Zahlungsart-Code (BT-81) ist nicht in UNTDID 4461 enthalten.',
  'BR-CL-17': 'Ein Umsatzsteuer-Kategoriecode ist nicht in UNTDID 5305 enthalten.',
  'BR-CL-18': 'Ein Umsatzsteuer-Kategoriecode einer Position ist nicht in UNTDID 5305 enthalten.',
  'BR-CL-19': 'Ein Nachlass-Grund-Code ist nicht in UNTDID 5189 enthalten.',
  'BR-CL-20': 'Ein Zuschlag-Grund-Code ist nicht in UNTDID 7161 enthalten.',
  'BR-CL-21': 'Die Schemakennung der Standard-Artikelkennung ist nicht in der ISO-6523-ICD-Liste enthalten.',
  'BR-CL-22': 'Der Befreiungsgrund-Code (BT-121) ist nicht in der VATEX-Liste enthalten.',
  'BR-CL-23': 'Der Einheitencode ist nicht in UN/ECE Rec 20/21 enthalten.',
  'BR-CL-24': 'Der MIME-Code eines Anhangs ist nicht zulässig.',
  'BR-CL-25': 'Die Schemakennung einer elektronischen Adresse ist nicht in der CEF-EAS-Liste enthalten.',
  'BR-CL-26': 'Die Schemakennung der Lieferortkennung ist nicht in der ISO-6523-ICD-Liste enthalten.',
};

export const codelistRules: Rule[] = IDS.map((id) => {
  const meta = codeListRule(id, 'ubl') ?? codeListRule(id, 'cii');
  return rule(
    id,
    'fatal',
    (meta?.text ?? `[${id}]`).replace(/\s+/g, ' '),
    (c, f) => {
      for (const el of violations(c).get(id) ?? []) {
        f(el);
      }
    },
    { de: DE[id], syntaxes: id === 'BR-CL-08' ? ['cii'] : undefined },
  );
});
