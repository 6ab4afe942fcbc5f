/**
 * Code list rules BR-CL-* with the lists exactly as the EN 16931 1.3.15 artefacts use them
 * (src/codelists). One pass over the tree collects the violations of every BR-CL rule; each rule
 * then reports its own share, so adding the family costs one traversal per document.
 */
import type { XElement } from '../../xml/parse.js';
import { codeListRule } from '../../codelists/index.js';
import { elementIndex, inDocumentOrder, rule } from '../helpers.js';
import { CII_CODE_ELEMENTS, collectCii, collectUbl, UBL_CODE_ELEMENTS } from './codelists-collect.js';
import type { Rule, RuleContext } from '../types.js';

const IDS = [
  'BR-CL-01',
  'BR-CL-03',
  'BR-CL-04',
  'BR-CL-05',
  'BR-CL-06',
  'BR-CL-07',
  'BR-CL-08',
  'BR-CL-10',
  'BR-CL-11',
  'BR-CL-13',
  'BR-CL-14',
  'BR-CL-15',
  'BR-CL-16',
  'BR-CL-17',
  'BR-CL-18',
  'BR-CL-19',
  'BR-CL-20',
  'BR-CL-21',
  'BR-CL-22',
  'BR-CL-23',
  'BR-CL-24',
  'BR-CL-25',
  'BR-CL-26',
] as const;

function violations(c: RuleContext): Map<string, XElement[]> {
  let m = c.memo.get('codelists') as Map<string, XElement[]> | undefined;
  if (!m) {
    m = new Map();
    // only the elements whose names the rules test, name by name; then back into document order
    const cii = c.syntax === 'cii';
    const byName = elementIndex(c).byName;
    for (const name of cii ? CII_CODE_ELEMENTS : UBL_CODE_ELEMENTS) {
      const els = byName.get(name);
      if (els) {
        (cii ? collectCii : collectUbl)(els, m);
      }
    }
    for (const l of m.values()) {
      inDocumentOrder(c, l);
    }
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
