/**
 * EN 16931 parties (BG-4, BG-7, BG-10, BG-11) with their addresses and contacts.
 */

/** An identifier with optional scheme (e.g. BT-29 with BT-29-1) */
export interface Identifier {
  value: string;
  schemeId?: string;
  schemeVersion?: string;
}

/** BG-5 / BG-8 / BG-12 / BG-15 postal address */
export interface Address {
  /** BT-35 / BT-50 / BT-64 / BT-75 */
  line1?: string;
  /** BT-36 / BT-51 / BT-65 / BT-76 */
  line2?: string;
  /** BT-162 / BT-163 / BT-164 / BT-165 */
  line3?: string;
  /** BT-37 / BT-52 / BT-66 / BT-77 */
  city?: string;
  /** BT-38 / BT-53 / BT-67 / BT-78 */
  postCode?: string;
  /** BT-39 / BT-54 / BT-68 / BT-79 */
  countrySubdivision?: string;
  /** BT-40 / BT-55 / BT-69 / BT-80 (ISO 3166-1 alpha-2) */
  countryCode?: string;
}

/** BG-6 / BG-9 contact */
export interface Contact {
  /** BT-41 / BT-56 */
  name?: string;
  /** BT-42 / BT-57 */
  phone?: string;
  /** BT-43 / BT-58 */
  email?: string;
}

/** BG-4 seller, BG-7 buyer, BG-10 payee, BG-11 tax representative */
export interface Party {
  /** BT-27 / BT-44 / BT-59 / BT-62 */
  name?: string;
  /** BT-28 / BT-45 trading name */
  tradingName?: string;
  /** BT-29 / BT-46 / BT-60 party identifiers */
  identifiers: Identifier[];
  /** BT-30 / BT-47 / BT-61 legal registration identifier */
  legalRegistrationId?: Identifier;
  /** BT-31 / BT-48 / BT-63 VAT identifier */
  vatId?: string;
  /** BT-32 tax registration identifier (local) */
  taxRegistrationId?: string;
  /** BT-33 additional legal information */
  additionalLegalInfo?: string;
  /** BT-34 / BT-49 electronic address with scheme (BT-34-1 / BT-49-1) */
  electronicAddress?: Identifier;
  address?: Address;
  contact?: Contact;
}
