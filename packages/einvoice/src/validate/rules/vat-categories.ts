/**
 * The VAT categories of UNTDID 5305 as EN 16931 treats them: rule id prefix, name in the rule
 * texts, and the properties that differ between the otherwise identical rule families.
 */

export interface Cat {
  code: string;
  prefix: string;
  name: string;
  de: string;
  /** exactly one breakdown (else: at least one) */
  one: boolean;
  ids: 'seller-any' | 'seller-vat' | 'seller-and-buyer' | 'seller-vat-and-buyer-vat' | 'none';
  rate: 'positive' | 'zero' | 'none' | 'non-negative';
  /** tax amount computed from the rate (else must be zero) */
  computed: boolean;
  exemption: 'forbidden' | 'required';
}

export const CATS: Cat[] = [
  {
    code: 'S',
    prefix: 'BR-S',
    name: 'Standard rated',
    de: 'Normalsatz',
    one: false,
    ids: 'seller-any',
    rate: 'positive',
    computed: true,
    exemption: 'forbidden',
  },
  {
    code: 'Z',
    prefix: 'BR-Z',
    name: 'Zero rated',
    de: 'Nullsatz',
    one: true,
    ids: 'seller-any',
    rate: 'zero',
    computed: false,
    exemption: 'forbidden',
  },
  {
    code: 'E',
    prefix: 'BR-E',
    name: 'Exempt from VAT',
    de: 'steuerbefreit',
    one: true,
    ids: 'seller-any',
    rate: 'zero',
    computed: false,
    exemption: 'required',
  },
  {
    code: 'AE',
    prefix: 'BR-AE',
    name: 'Reverse charge',
    de: 'Steuerschuldnerschaft des Leistungsempfängers',
    one: true,
    ids: 'seller-and-buyer',
    rate: 'zero',
    computed: false,
    exemption: 'required',
  },
  {
    code: 'K',
    prefix: 'BR-IC',
    name: 'Intra-community supply',
    de: 'innergemeinschaftliche Lieferung',
    one: true,
    ids: 'seller-vat-and-buyer-vat',
    rate: 'zero',
    computed: false,
    exemption: 'required',
  },
  {
    code: 'G',
    prefix: 'BR-G',
    name: 'Export outside the EU',
    de: 'Ausfuhr außerhalb der EU',
    one: true,
    ids: 'seller-vat',
    rate: 'zero',
    computed: false,
    exemption: 'required',
  },
  {
    code: 'O',
    prefix: 'BR-O',
    name: 'Not subject to VAT',
    de: 'nicht steuerbar',
    one: true,
    ids: 'none',
    rate: 'none',
    computed: false,
    exemption: 'required',
  },
  {
    code: 'L',
    prefix: 'BR-AF',
    name: 'IGIC',
    de: 'IGIC (Kanarische Inseln)',
    one: false,
    ids: 'seller-any',
    rate: 'non-negative',
    computed: true,
    exemption: 'forbidden',
  },
  {
    code: 'M',
    prefix: 'BR-AG',
    name: 'IPSI',
    de: 'IPSI (Ceuta und Melilla)',
    one: false,
    ids: 'seller-any',
    rate: 'non-negative',
    computed: true,
    exemption: 'forbidden',
  },
];
