/**
 * UBL-CR-001…682: elements of UBL 2.1 that EN 16931 does not use ("A UBL invoice should not
 * include the …", warnings). Implemented from the published rule list of the EN 16931 UBL syntax
 * binding (CEN/TC 434 validation artefacts 1.3.15, with the path corrections published in its
 * release notes: XPath, CorporateStockAmount, ValidityPeriod, EstimatedDeliveryPeriod,
 * IssueNumberID, BarcodeSymbologyID, JurisdictionRegionAddress, line Price paths).
 *
 * Every rule has the document root as context (one finding per document); paths starting with
 * `//` look anywhere in the document. Repeated blocks (document references, addresses, parties)
 * are numbered consecutively in the official list, so they are generated from one field list.
 */
import type { Rule } from '../types.js';
import { presenceFamily, type PresenceFamily, type PresenceSpec } from './syntax-engine.js';
import { UBL, ublRoot } from './syntax-ubl-contexts.js';

type Row = [num: number, path: string, words?: string];

const DOC_REF = [
  'CopyIndicator',
  'UUID',
  'IssueDate',
  'IssueTime',
  'DocumentTypeCode',
  'DocumentType',
  'XPath',
  'LanguageID',
  'LocaleCode',
  'VersionID',
  'DocumentStatusCode',
  'DocumentDescription',
  'Attachment',
  'ValidityPeriod',
  'IssuerParty',
  'ResultOfVerification',
];
const ADDRESS = [
  'ID',
  'AddressTypeCode',
  'AddressFormatCode',
  'Postbox',
  'Floor',
  'Room',
  'BlockName',
  'BuildingName',
  'BuildingNumber',
  'InhouseMail',
  'Department',
  'MarkAttention',
  'MarkCare',
  'PlotIdentification',
  'CitySubdivisionName',
  'CountrySubentityCode',
  'Region',
  'District',
  'TimezoneOffset',
  'Country/Name',
  'LocationCoordinate',
];
const PARTY_MARKS = ['MarkCareIndicator', 'MarkAttentionIndicator', 'WebsiteURI', 'LogoReferenceID'];
const TAX_SCHEME = ['Name', 'TaxTypeCode', 'CurrencyCode', 'JurisdictionRegionAddress'];
const PTS = ['RegistrationName', 'TaxLevelCode', 'ExemptionReasonCode', 'ExemptionReason', 'RegistrationAddress'];
const LEGAL_TAIL = [
  'SoleProprietorshipIndicator',
  'CompanyLiquidationStatusCode',
  'CorporateStockAmount',
  'FullyPaidSharesIndicator',
  'RegistrationAddress',
  'CorporateRegistrationScheme',
  'HeadOfficeParty',
  'ShareholderParty',
];
const PARTY_TAIL = ['Person', 'AgentParty', 'ServiceProviderParty', 'PowerOfAttorney', 'FinancialAccount'];
const ITEM_ID = ['ExtendedID', 'BarcodeSymbologyID', 'PhysicalAttribute', 'MeasurementDimension', 'IssuerParty'];
const TAX_CAT = [
  'Name',
  'BaseUnitMeasure',
  'PerUnitAmount',
  'TaxExemptionReasonCode',
  'TaxExemptionReason',
  'TierRange',
  'TierRatePercent',
];
const L = 'InvoiceLine|CreditNoteLine';

function block(start: number, base: string, fields: readonly string[], skip: readonly string[] = []): Row[] {
  return fields.filter((f) => !skip.includes(f)).map((f, i) => [start + i, `${base}/${f}`]);
}

function party(p: string, start: number, legal: readonly string[]): Row[] {
  // customer/supplier party blocks of the official list (UBL-CR-141…200 and 204…264)
  let n = start;
  const rows: Row[] = [];
  const add = (r: Row[]) => {
    rows.push(...r);
    n += r.length;
  };
  add(block(n, `${p}/Party`, [...PARTY_MARKS, 'IndustryClassificationCode', 'Language']));
  add(block(n, `${p}/Party/PostalAddress`, ADDRESS));
  add(block(n, `${p}/Party`, ['PhysicalLocation']));
  add(block(n, `${p}/Party/PartyTaxScheme`, PTS));
  add(block(n, `${p}/Party/PartyTaxScheme/TaxScheme`, TAX_SCHEME));
  add(block(n, `${p}/Party/PartyLegalEntity`, legal));
  add(block(n, `${p}/Party/Contact`, ['ID', 'Telefax', 'Note', 'OtherCommunication']));
  add(block(n, `${p}/Party`, PARTY_TAIL));
  return rows;
}

const ROWS: Row[] = [
  [1, 'UBLExtensions', '=-A UBL invoice should not include extensions'],
  ...block(3, '', ['ProfileExecutionID', 'CopyIndicator', 'UUID', 'IssueTime', 'PricingCurrencyCode']).map(
    ([n, p]): Row => [n, p.slice(1)],
  ),
  ...block(8, '', [
    'PaymentCurrencyCode',
    'PaymentAlternativeCurrencyCode',
    'AccountingCostCode',
    'LineCountNumeric',
  ]).map(([n, p]): Row => [n, p.slice(1)]),
  ...block(12, 'InvoicePeriod', ['StartTime', 'EndTime', 'DurationMeasure', 'Description']),
  ...block(16, 'OrderReference', [
    'CopyIndicator',
    'UUID',
    'IssueDate',
    'IssueTime',
    'CustomerReference',
    'OrderTypeCode',
    'DocumentReference',
  ]),
  ...block(23, 'BillingReference/InvoiceDocumentReference', DOC_REF, ['IssueDate']),
  ...block(38, 'BillingReference', [
    'SelfBilledInvoiceDocumentReference',
    'CreditNoteDocumentReference',
    'SelfBilledCreditNoteDocumentReference',
    'DebitNoteDocumentReference',
    'ReminderDocumentReference',
    'AdditionalDocumentReference',
    'BillingReferenceLine',
  ]),
  ...block(45, 'DespatchDocumentReference', DOC_REF),
  ...block(61, 'ReceiptDocumentReference', DOC_REF),
  [77, 'StatementDocumentReference'],
  ...block(78, 'OriginatorDocumentReference', DOC_REF),
  ...block(94, 'ContractDocumentReference', DOC_REF),
  ...block(110, 'AdditionalDocumentReference', DOC_REF.slice(0, 11), ['DocumentTypeCode', 'DocumentDescription']),
  ...block(121, 'AdditionalDocumentReference/Attachment/ExternalReference', [
    'DocumentHash',
    'HashAlgorithmMethod',
    'ExpiryDate',
    'ExpiryTime',
    'MimeCode',
    'FormatCode',
    'EncodingCode',
    'CharacterSetCode',
    'FileName',
    'Description',
  ]),
  ...block(131, 'AdditionalDocumentReference', ['ValidityPeriod', 'IssuerParty', 'ResultOfVerification']),
  ...block(134, 'ProjectReference', ['UUID', 'IssueDate', 'WorkPhaseReference']),
  [137, 'Signature'],
  ...block(138, 'AccountingSupplierParty', [
    'CustomerAssignedAccountID',
    'AdditionalAccountID',
    'DataSendingCapability',
  ]),
  ...party('AccountingSupplierParty', 141, [
    'RegistrationDate',
    'RegistrationExpirationDate',
    'CompanyLegalFormCode',
    ...LEGAL_TAIL,
  ]),
  ...block(198, 'AccountingSupplierParty', ['DespatchContact', 'AccountingContact', 'SellerContact']),
  ...block(201, 'AccountingCustomerParty', [
    'CustomerAssignedAccountID',
    'SupplierAssignedAccountID',
    'AdditionalAccountID',
  ]),
  ...party('AccountingCustomerParty', 204, [
    'RegistrationDate',
    'RegistrationExpirationDate',
    'CompanyLegalFormCode',
    'CompanyLegalForm',
    ...LEGAL_TAIL,
  ]),
  ...block(262, 'AccountingCustomerParty', ['DeliveryContact', 'AccountingContact', 'BuyerContact']),
  ...block(265, 'PayeeParty', [
    ...PARTY_MARKS,
    'EndpointID',
    'IndustryClassificationCode',
    'Language',
    'PostalAddress',
    'PhysicalLocation',
    'PartyTaxScheme',
  ]),
  ...block(275, 'PayeeParty/PartyLegalEntity', [
    'RegistrationName',
    'RegistrationDate',
    'RegistrationExpirationDate',
    'CompanyLegalFormCode',
    'CompanyLegalForm',
    ...LEGAL_TAIL,
  ]),
  ...block(288, 'PayeeParty', ['Contact', ...PARTY_TAIL]),
  [294, 'BuyerCustomerParty'],
  [295, 'SellerSupplierParty'],
  ...block(296, 'TaxRepresentativeParty', [
    ...PARTY_MARKS,
    'EndpointID',
    'IndustryClassificationCode',
    'PartyIdentification',
    'Language',
  ]),
  ...block(304, 'TaxRepresentativeParty/PostalAddress', ADDRESS),
  [325, 'TaxRepresentativeParty/PhysicalLocation'],
  ...block(326, 'TaxRepresentativeParty/PartyTaxScheme', PTS),
  ...block(331, 'TaxRepresentativeParty/PartyTaxScheme/TaxScheme', TAX_SCHEME),
  ...block(335, 'TaxRepresentativeParty', ['PartyLegalEntity', 'Contact', ...PARTY_TAIL]),
  ...block(342, 'Delivery', [
    'ID',
    'Quantity',
    'MinimumQuantity',
    'MaximumQuantity',
    'ActualDeliveryTime',
    'LatestDeliveryDate',
    'LatestDeliveryTime',
    'ReleaseID',
    'TrackingID',
  ]),
  ...block(351, 'Delivery/DeliveryLocation', [
    'Description',
    'Conditions',
    'CountrySubentity',
    'CountrySubentityCode',
    'LocationTypeCode',
    'InformationURI',
    'Name',
    'ValidityPeriod',
  ]),
  ...block(359, 'Delivery/DeliveryLocation/Address', ADDRESS),
  ...block(380, 'Delivery/DeliveryLocation', ['SubsidiaryLocation', 'LocationCoordinate']),
  ...block(382, 'Delivery', [
    'AlternativeDeliveryLocation',
    'RequestedDeliveryPeriod',
    'EstimatedDeliveryPeriod',
    'CarrierParty',
  ]),
  ...block(386, 'Delivery/DeliveryParty', [
    ...PARTY_MARKS,
    'EndpointID',
    'IndustryClassificationCode',
    'PartyIdentification',
    'Language',
    'PostalAddress',
    'PhysicalLocation',
    'PartyTaxScheme',
    'PartyLegalEntity',
    'Contact',
    ...PARTY_TAIL,
  ]),
  ...block(404, 'Delivery', [
    'NotifyParty',
    'Despatch',
    'DeliveryTerms',
    'MinimumDeliveryUnit',
    'MaximumDeliveryUnit',
    'Shipment',
  ]),
  [410, 'DeliveryTerms'],
  [411, 'PaymentMeans/ID'],
  [413, 'PaymentMeans/PaymentChannelCode'],
  [414, 'PaymentMeans/InstructionID'],
  ...block(415, 'PaymentMeans/CardAccount', [
    'CardTypeCode',
    'ValidityStartDate',
    'ExpiryDate',
    'IssuerID',
    'IssueNumberID',
    'CV2ID',
    'CardChipCode',
    'ChipApplicationID',
  ]),
  ...block(424, 'PaymentMeans/PayeeFinancialAccount', [
    'AliasName',
    'AccountTypeCode',
    'AccountFormatCode',
    'CurrencyCode',
    'PaymentNote',
  ]),
  [429, 'PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/Name'],
  [430, 'PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/FinancialInstitution/Name'],
  [431, 'PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/FinancialInstitution/Address'],
  [432, 'PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/Address'],
  [433, 'PaymentMeans/PayeeFinancialAccount/Country'],
  [434, 'PaymentMeans/CreditAccount'],
  ...block(435, 'PaymentMeans/PaymentMandate', [
    'MandateTypeCode',
    'MaximumPaymentInstructionsNumeric',
    'MaximumPaidAmount',
    'SignatureID',
    'PayerParty',
  ]),
  ...block(440, 'PaymentMeans/PaymentMandate/PayerFinancialAccount', [
    'Name',
    'AliasName',
    'AccountTypeCode',
    'AccountFormatCode',
    'CurrencyCode',
    'PaymentNote',
    'FinancialInstitutionBranch',
    'Country',
  ]),
  ...block(448, 'PaymentMeans/PaymentMandate', ['ValidityPeriod', 'PaymentReversalPeriod', 'Clause']),
  [451, 'PaymentMeans/TradeFinancing'],
  ...block(452, 'PaymentTerms', [
    'ID',
    'PaymentMeansID',
    'PrepaidPaymentReferenceID',
    'ReferenceEventCode',
    'SettlementDiscountPercent',
    'PenaltySurchargePercent',
    'PaymentPercent',
    'Amount',
    'SettlementDiscountAmount',
    'PenaltyAmount',
    'PaymentTermsDetailsURI',
    'PaymentDueDate',
    'InstallmentDueDate',
    'InvoicingPartyReference',
    'SettlementPeriod',
    'PenaltyPeriod',
    'ExchangeRate',
    'ValidityPeriod',
  ]),
  [470, 'PrepaidPayment'],
  ...block(471, 'AllowanceCharge', [
    'ID',
    'PrepaidIndicator',
    'SequenceNumeric',
    'AccountingCostCode',
    'AccountingCost',
    'PerUnitAmount',
  ]),
  ...block(477, 'AllowanceCharge/TaxCategory', TAX_CAT),
  ...block(484, 'AllowanceCharge/TaxCategory/TaxScheme', TAX_SCHEME),
  ...block(488, 'AllowanceCharge', ['TaxTotal', 'PaymentMeans']),
  ...block(490, '', [
    'TaxExchangeRate',
    'PricingExchangeRate',
    'PaymentExchangeRate',
    'PaymentAlternativeExchangeRate',
  ]).map(([n, p]): Row => [n, p.slice(1)]),
  ...block(494, 'TaxTotal', ['RoundingAmount', 'TaxEvidenceIndicator', 'TaxIncludedIndicator']),
  [497, 'TaxTotal/TaxSubtotal/CalculationSequenceNumeric', 'TaxTotal TaxSubtotal CalulationSequenceNumeric'],
  ...block(498, 'TaxTotal/TaxSubtotal', [
    'TransactionCurrencyTaxAmount',
    'Percent',
    'BaseUnitMeasure',
    'PerUnitAmount',
    'TierRange',
    'TierRatePercent',
  ]),
  ...block(504, 'TaxTotal/TaxSubtotal/TaxCategory', [
    'Name',
    'BaseUnitMeasure',
    'PerUnitAmount',
    'TierRange',
    'TierRatePercent',
  ]),
  ...block(509, 'TaxTotal/TaxSubtotal/TaxCategory/TaxScheme', TAX_SCHEME),
  [513, 'WithholdingTaxTotal'],
  [514, 'LegalMonetaryTotal/PayableAlternativeAmount'],
  ...block(515, L, ['UUID', 'TaxPointDate', 'AccountingCostCode', 'PaymentPurposeCode', 'FreeOfChargeIndicator']),
  ...block(520, `${L}/InvoicePeriod`, ['StartTime', 'EndTime', 'DurationMeasure', 'DescriptionCode', 'Description']),
  ...block(525, `${L}/OrderLineReference`, ['SalesOrderLineID', 'UUID', 'LineStatusCode', 'OrderReference']),
  ...block(529, L, ['DespatchLineReference', 'ReceiptLineReference', 'BillingReference']),
  ...block(532, `${L}/DocumentReference`, DOC_REF.slice(0, 4)),
  ...block(537, `${L}/DocumentReference`, DOC_REF.slice(5)),
  ...block(548, L, ['PricingReference', 'OriginatorParty', 'Delivery', 'PaymentTerms']),
  ...block(552, `${L}/AllowanceCharge`, [
    'ID',
    'PrepaidIndicator',
    'SequenceNumeric',
    'AccountingCostCode',
    'AccountingCost',
    'PerUnitAmount',
    'TaxCategory',
    'TaxTotal',
    'PaymentMeans',
  ]),
  ...block(561, L, ['TaxTotal', 'WithholdingTaxTotal']),
  ...block(563, `${L}/Item`, [
    'PackQuantity',
    'PackSizeNumeric',
    'CatalogueIndicator',
    'HazardousRiskIndicator',
    'AdditionalInformation',
    'Keyword',
    'BrandName',
    'ModelName',
  ]),
  ...block(571, `${L}/Item/BuyersItemIdentification`, ITEM_ID),
  ...block(576, `${L}/Item/SellersItemIdentification`, ITEM_ID),
  [581, `${L}/Item/ManufacturersItemIdentification`],
  ...block(582, `${L}/Item/StandardItemIdentification`, ITEM_ID),
  ...block(587, `${L}/Item`, [
    'CatalogueItemIdentification',
    'AdditionalItemIdentification',
    'CatalogueDocumentReference',
    'ItemSpecificationDocumentReference',
    'OriginCountry/Name',
  ]),
  ...block(592, `${L}/Item/CommodityClassification`, ['NatureCode', 'CargoTypeCode', 'CommodityCode']),
  ...block(595, `${L}/Item`, ['TransactionConditions', 'HazardousItem']),
  ...block(597, `${L}/Item/ClassifiedTaxCategory`, TAX_CAT),
  ...block(604, `${L}/Item/ClassifiedTaxCategory/TaxScheme`, TAX_SCHEME),
  ...block(608, `${L}/Item/AdditionalItemProperty`, [
    'ID',
    'NameCode',
    'TestMethod',
    'ValueQuantity',
    'ValueQualifier',
    'ImportanceCode',
    'ListValue',
    'UsabilityPeriod',
    'ItemPropertyGroup',
    'RangeDimension',
    'ItemPropertyRange',
  ]),
  ...block(619, `${L}/Item`, [
    'ManufacturerParty',
    'InformationContentProviderParty',
    'OriginAddress',
    'ItemInstance',
    'Certificate',
    'Dimension',
  ]),
  ...block(625, `${L}/Price`, [
    'PriceChangeReason',
    'PriceTypeCode',
    'PriceType',
    'OrderableUnitFactorRate',
    'ValidityPeriod',
    'PriceList',
    'OrderableUnitFactorRate',
  ]),
  ...block(632, `${L}/Price/AllowanceCharge`, [
    'ID',
    'AllowanceChargeReasonCode',
    'AllowanceChargeReason',
    'MultiplierFactorNumeric',
    'PrepaidIndicator',
    'SequenceNumeric',
    'AccountingCostCode',
    'AccountingCost',
    'PerUnitAmount',
    'TaxCategory',
    'TaxTotal',
    'PaymentMeans',
  ]),
  [644, `${L}/Price/PricingExchangeRate`],
  [645, `${L}/DeliveryTerms`],
  [647, `${L}/ItemPriceExtension`],
  [648, 'CustomizationID/@schemeID', '=-A UBL invoice should not include the CustomizationID scheme identifier'],
  [649, 'ProfileID/@schemeID', '=-A UBL invoice should not include the ProfileID scheme identifier'],
  [650, 'ID/@schemeID', '=-A UBL invoice shall not include the Invoice ID scheme identifier'],
  [651, 'SalesOrderID/@schemeID', '=-A UBL invoice should not include the SalesOrderID scheme identifier'],
  [
    652,
    '//PartyTaxScheme/CompanyID/@schemeID',
    '=-A UBL invoice should not include the PartyTaxScheme CompanyID scheme identifier',
  ],
  [653, 'PaymentMeans/PaymentID/@schemeID', '=-A UBL invoice should not include the PaymentID scheme identifier'],
  [
    654,
    'PaymentMeans/PayeeFinancialAccount/ID/@schemeID',
    '=-A UBL invoice should not include the PayeeFinancialAccount scheme identifier',
  ],
  [
    655,
    'PaymentMeans/PayeeFinancialAccount/FinancialInstitutionBranch/ID/@schemeID',
    '=-A UBL invoice shall not include the FinancialInstitutionBranch ID scheme identifier',
  ],
  [656, 'InvoiceTypeCode/@listID', '=-A UBL invoice should not include the InvoiceTypeCode listID'],
  [657, 'DocumentCurrencyCode/@listID', '=-A UBL invoice should not include the DocumentCurrencyCode listID'],
  [658, 'TaxCurrencyCode/@listID', '=-A UBL invoice should not include the TaxCurrencyCode listID'],
  [
    659,
    'AdditionalDocumentReference/DocumentTypeCode/@listID',
    '=-A UBL invoice shall not include the AdditionalDocumentReference DocumentTypeCode listID',
  ],
  [
    660,
    '//Country/IdentificationCode/@listID',
    '=-A UBL invoice should not include the Country Identification code listID',
  ],
  [661, 'PaymentMeans/PaymentMeansCode/@listID', '=-A UBL invoice should not include the PaymentMeansCode listID'],
  [
    662,
    '//AllowanceChargeReasonCode/@listID',
    '=-A UBL invoice should not include the AllowanceChargeReasonCode listID',
  ],
  [
    664,
    '//FinancialInstitution',
    '=-A UBL invoice should not include the FinancialInstitutionBranch FinancialInstitution',
  ],
  [
    667,
    '//BuyersItemIdentification/ID/@schemeID',
    '=-A UBL invoice should not include a Buyer Item Identification schemeID',
  ],
  [
    668,
    '//SellersItemIdentification/ID/@schemeID',
    '=-A UBL invoice should not include a Sellers Item Identification schemeID',
  ],
  [
    669,
    '//Price/AllowanceCharge/AllowanceChargeReasonCode',
    '=-A UBL invoice should not include a Price Allowance Reason Code',
  ],
  [670, '//Price/AllowanceCharge/AllowanceChargeReason', '=-A UBL invoice should not include a Price Allowance Reason'],
  [
    671,
    '//Price/AllowanceCharge/MultiplierFactorNumeric',
    '=-A UBL invoice should not include a Price Allowance Multiplier Factor',
  ],
  [672, 'CreditNoteTypeCode/@listID', '=-A UBL credit note should not include the CreditNoteTypeCode listID'],
  [674, '//PrimaryAccountNumber/@schemeID', '=-A UBL invoice should not include the PrimaryAccountNumber schemeID'],
  [675, '//CardAccount/NetworkID/@schemeID', '=-A UBL invoice should not include the NetworkID schemeID'],
  [676, '//PaymentMandate/ID/@schemeID', '=-A UBL invoice should not include the PaymentMandate/ID schemeID'],
  [
    677,
    '//PaymentMandate/PayerFinancialAccount/ID/@schemeID',
    '=-A UBL invoice should not include the PayerFinancialAccount/ID schemeID',
  ],
  [678, '//TaxCategory/ID/@schemeID', '=-A UBL invoice should not include the TaxCategory/ID schemeID'],
  [
    679,
    '//ClassifiedTaxCategory/ID/@schemeID',
    '=-A UBL invoice should not include the ClassifiedTaxCategory/ID schemeID',
  ],
  [
    680,
    '//PaymentMeans/PayerFinancialAccount',
    '=-A UBL invoice should not include the PaymentMeans/PayerFinancialAccount',
  ],
  [681, 'PaymentMeans/InstructionNote'],
  [682, 'Delivery/DeliveryAddress'],
];

/** Official wording of the element list in "A UBL invoice should not include the …". */
const WORDS: Record<number, string> = {
  33: 'BillingReference DocumenDescription',
  130: 'AdditionalDocumentReference Attachment External Descriprion',
};

export function crWords(path: string): string {
  return path
    .replace(/^\/\//, '')
    .replace('BillingReference/InvoiceDocumentReference/', 'BillingReference/')
    .replace('ExternalReference', 'External')
    .replace('Delivery/DeliveryParty', 'DeliveryParty')
    .replace(`${L}/Price`, 'InvoiceLine/Item/Price')
    .replace(L, 'InvoiceLine')
    .replace('XPath', 'Xpath')
    .split('/')
    .join(' ');
}

function spec([num, path, words]: Row): PresenceSpec {
  const id = `UBL-CR-${String(num).padStart(3, '0')}`;
  // the words of the message, computed once (both texts use them for most rules)
  const cw = crWords(path);
  const w = words !== undefined && !words.startsWith('=') ? words : (WORDS[num] ?? cw);
  const text = words?.startsWith('=')
    ? `[${id}]${words.slice(1)}`
    : `[${id}]-A UBL invoice should not include the ${w}`;
  return {
    id,
    flag: 'warning',
    text,
    path,
    de: `Die Rechnung enthält „${cw}“. Dieses UBL-Element ist in EN 16931 nicht vorgesehen und sollte weggelassen werden; der Empfänger wertet es nicht aus.`,
  };
}

export const UBL_CR_SPECS: readonly PresenceSpec[] = ROWS.map(spec);

export const UBL_CR_FAMILY: PresenceFamily = {
  key: 'ubl-cr',
  syntaxes: UBL,
  contexts: ublRoot,
  specs: UBL_CR_SPECS,
};

/** The group the engine runs (one trie walk per document for all 679 rules). */
export const UBL_CR_GROUP: Rule = presenceFamily(UBL_CR_FAMILY);

export const ublCrRules: Rule[] = [...UBL_CR_GROUP.members!];
