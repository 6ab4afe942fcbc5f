/**
 * CII-SR-001…466: elements of CII D16B that EN 16931 does not use ("… should not be present",
 * mostly warnings) and the cardinalities it restricts. Implemented from the published rule list
 * of the EN 16931 CII syntax binding (validation 1.3.15): each table is one Schematron rule
 * context; a rule fires once per context node, located at the first offending element. The rules
 * CII-SR-452…454 and 461/462/465/466 are in syntax-cii.ts.
 */
import type { XElement } from '../../xml/parse.js';
import { all, child, children, stringValue } from '../../xml/tree.js';
import type { Flag, Rule } from '../types.js';
import {
  countPath,
  countRule,
  groupOf,
  presenceFamily,
  table,
  type PresenceFamily,
  type PresenceSpec,
} from './syntax-engine.js';
import * as X from './syntax-cii-contexts.js';

const words = (path: string) => path.split('/').pop()!;
const de = (w: string) =>
  `Die Rechnung enthält „${w.replace(/^@/, '')}“. Dieses CII-Element ist in EN 16931 nicht vorgesehen und sollte weggelassen werden; der Empfänger wertet es nicht aus.`;

function rows(src: string, flag: Flag = 'warning'): PresenceSpec[] {
  return table({ prefix: 'CII-SR-', flag, words, text: (w, id) => `[${id}] - ${w} should not be present`, de }, src);
}

const GP = 'GrossPriceProductTradePrice';
const NP = 'NetPriceProductTradePrice';
const ATAC = `${GP}/AppliedTradeAllowanceCharge`;
const STP = 'SellerTradeParty';
const BTP = 'BuyerTradeParty';
const STR = 'SellerTaxRepresentativeTradeParty';
const STTP = 'ShipToTradeParty';
const ADSCE = 'ActualDeliverySupplyChainEvent';
const PTP = 'PayeeTradeParty';
const PM = 'SpecifiedTradeSettlementPaymentMeans';
const CARD = `${PM}/ApplicableTradeSettlementFinancialCard`;
const TERMS = 'SpecifiedTradePaymentTerms';
const STAC = 'SpecifiedTradeAllowanceCharge';

function contact(party: string, first: number): string {
  const n = (k: number) => String(first + k).padStart(3, '0');
  const dtc = `${party}/DefinedTradeContact`;
  return [
    'ID',
    'TypeCode',
    'JobTitle',
    'Responsibility',
    'PersonID',
    'TelephoneUniversalCommunication/URIID',
    'TelephoneUniversalCommunication/ChannelCode',
    'DirectTelephoneUniversalCommunication',
    'MobileTelephoneUniversalCommunication',
    'FaxUniversalCommunication',
    'EmailURIUniversalCommunication/ChannelCode',
    'EmailURIUniversalCommunication/CompleteNumber',
    'TelexUniversalCommunication',
    'VOIPUniversalCommunication',
    'InstantMessagingUniversalCommunication',
    'SpecifiedNote',
    'SpecifiedContactPerson',
  ]
    .map((p, k) => `${n(k)} ${dtc}/${p}`)
    .join('\n');
}

const families: [string, (c: Parameters<typeof X.ciiRoot>[0]) => readonly XElement[], PresenceSpec[]][] = [
  [
    'cii-sr-docctx',
    X.docContext,
    rows(`001 SpecifiedTransactionID
      002 TestIndicator
      006 BIMSpecifiedDocumentContextParameter
      007 ScenarioSpecifiedDocumentContextParameter
      008 ApplicationSpecifiedDocumentContextParameter
      011 SubsetSpecifiedDocumentContextParameter
      012 MessageStandardSpecifiedDocumentContextParameter`),
  ],
  [
    'cii-sr-ctxparam',
    X.contextParameters,
    [
      {
        id: 'CII-SR-04',
        flag: 'warning',
        text: '[CII-SR-004] - Value should not be present',
        path: 'Value',
        de: de('Value'),
      },
      {
        id: 'CII-SR-05',
        flag: 'warning',
        text: '[CII-SR-005] - SpecifiedDocumentVersion should not be present',
        path: 'SpecifiedDocumentVersion',
        de: de('SpecifiedDocumentVersion'),
      },
    ],
  ],
  [
    'cii-sr-doc',
    X.exchangedDocument,
    rows(`013 Name
      015 IssueDateTime/DateTime
      016 CopyIndicator
      017 Purpose
      018 ControlRequirementIndicator
      019 LanguageID
      020 PurposeCode
      021 RevisionDateTime
      022 VersionID
      023 GlobalID
      024 RevisionID
      025 PreviousRevisionID
      026 CategoryCode
      027 IncludedNote/Subject
      028 IncludedNote/ContentCode
      032 IncludedNote/ID
      033 EffectiveSpecifiedPeriod
      034 IssuerTradeParty`),
  ],
  [
    'cii-sr-line',
    X.ciiLines,
    rows(`035 DescriptionCode
      036 ParentLineID
      037 LineStatusCode
      038 LineStatusReasonCode
      221 IncludedSubordinateTradeLineItem`),
  ],
  [
    'cii-sr-linedoc',
    X.lineDocument,
    rows(`041 IncludedNote/SubjectCode
      042 IncludedNote/ID
      043 IncludedNote/Subject
      044 IncludedNote/ContentCode`),
  ],
  [
    'cii-sr-product',
    X.lineProduct,
    rows(`045 ID
      048 ManufacturerAssignedID
      049 TradeName
      050 TypeCode
      051 NetWeightMeasure
      052 GrossWeightMeasure
      053 ProductGroupID
      054 EndItemTypeCode
      055 EndItemName
      056 AreaDensityMeasure
      057 UseDescription
      058 BrandName
      059 SubBrandName
      060 DrainedNetWeightMeasure
      061 VariableMeasureIndicator
      062 ColourCode
      063 ColourDescription
      064 Designation
      065 FormattedCancellationAnnouncedLaunchDateTime
      066 FormattedLatestProductDataChangeDateTime
      067 ApplicableProductCharacteristic/ID
      068 ApplicableProductCharacteristic/TypeCode
      070 ApplicableProductCharacteristic/ValueMeasure
      071 ApplicableProductCharacteristic/MeasurementMethodCode
      073 ApplicableProductCharacteristic/ValueCode
      074 ApplicableProductCharacteristic/ValueDateTime
      075 ApplicableProductCharacteristic/ValueIndicator
      076 ApplicableProductCharacteristic/ContentTypeCode
      077 ApplicableProductCharacteristic/ValueSpecifiedBinaryFile
      078 ApplicableProductCharacteristic/ApplicableProductCharacteristicCondition
      079 ApplicableProductCharacteristic/ApplicableReferencedStandard
      080 ApplicableMaterialGoodsCharacteristic
      081 DesignatedProductClassification/SystemID
      082 DesignatedProductClassification/SystemName
      083 DesignatedProductClassification/ClassName
      084 DesignatedProductClassification/SubClassCode
      085 DesignatedProductClassification/ClassProductCharacteristic
      086 DesignatedProductClassification/ApplicableReferencedStandard
      087 IndividualTradeProductInstance
      088 CertificationEvidenceReferenceReferencedDocument
      089 InspectionReferenceReferencedDocument
      091 OriginTradeCountry/Name
      092 OriginTradeCountry/SubordinateTradeCountrySubDivision
      093 LinearSpatialDimension
      094 MinimumLinearSpatialDimension
      095 MaximumLinearSpatialDimension
      096 ManufacturerTradeParty
      097 PresentationSpecifiedBinaryFile
      098 MSDSReferenceReferencedDocument
      099 AdditionalReferenceReferencedDocument
      100 LegalRightsOwnerTradeParty
      101 BrandOwnerTradeParty ==  -BrandOwnerTradeParty should not be present
      102 IncludedReferencedProduct ==  -IncludedReferencedProduct should not be present
      103 InformationNote ==  - InformationNoteshould not be present`),
  ],
  [
    'cii-sr-lineagreement',
    X.lineAgreement,
    rows(`104 BuyerReference
      105 BuyerRequisitionerTradeParty
      106 ApplicableTradeDeliveryTerms
      107 SellerOrderReferencedDocument
      108 BuyerOrderReferencedDocument/IssuerAssignedID
      109 QuotationReferencedDocument
      110 ContractReferencedDocument
      111 DemandForecastReferencedDocument
      112 PromotionalDealReferencedDocument
      113 AdditionalReferencedDocument
      114 ${GP}/TypeCode
      115 ${GP}/MinimumQuantity
      116 ${GP}/MaximumQuantity
      117 ${GP}/ChangeReason
      118 ${GP}/OrderUnitConversionFactorNumeric
      120 ${ATAC}/ID
      121 ${ATAC}/SequenceNumeric
      122 ${ATAC}/CalculationPercent
      123 ${ATAC}/BasisAmount
      124 ${ATAC}/BasisQuantity
      125 ${ATAC}/PrepaidIndicator
      126 ${ATAC}/UnitBasisAmount
      127 ${ATAC}/ReasonCode
      128 ${ATAC}/Reason
      129 ${ATAC}/TypeCode
      130 ${ATAC}/CategoryTradeTax
      131 ${ATAC}/ActualTradeCurrencyExchange
      445 ${GP}/IncludedTradeTax
      132 ${GP}/ValiditySpecifiedPeriod
      133 ${GP}/DeliveryTradeLocation
      134 ${GP}/TradeComparisonReferencePrice
      135 ${GP}/AssociatedReferencedDocument
      136 ${NP}/TypeCode
      138 ${NP}/MinimumQuantity
      139 ${NP}/MaximumQuantity
      140 ${NP}/ChangeReason
      141 ${NP}/OrderUnitConversionFactorNumeric
      142 ${NP}/AppliedTradeAllowanceCharge
      446 ${NP}/IncludedTradeTax
      143 ${NP}/ValiditySpecifiedPeriod
      144 ${NP}/DeliveryTradeLocation
      145 ${NP}/TradeComparisonReferencePrice
      146 ${NP}/AssociatedReferencedDocument
      147 RequisitionerReferencedDocument
      148 ItemSellerTradeParty
      149 ItemBuyerTradeParty
      150 IncludedSpecifiedMarketplace
      447 UltimateCustomerOrderReferencedDocument`),
  ],
  [
    'cii-sr-linedelivery',
    X.lineDelivery,
    rows(
      [
        'RequestedQuantity',
        'ReceivedQuantity',
        'ChargeFreeQuantity',
        'PackageQuantity',
        'ProductUnitQuantity',
        'PerPackageUnitQuantity',
        'NetWeightMeasure',
        'GrossWeightMeasure',
        'TheoreticalWeightMeasure',
        'DespatchedQuantity',
        'SpecifiedDeliveryAdjustment',
        'IncludedSupplyChainPackaging',
        'RelatedSupplyChainConsignment',
        'ShipToTradeParty',
        'UltimateShipToTradeParty',
        'ShipFromTradeParty',
        'ActualDespatchSupplyChainEvent',
        'ActualPickUpSupplyChainEvent',
        'RequestedDeliverySupplyChainEvent',
        'ActualDeliverySupplyChainEvent',
        'ActualReceiptSupplyChainEvent',
        'AdditionalReferencedDocument',
        'DespatchAdviceReferencedDocument',
        'ReceivingAdviceReferencedDocument',
        'DeliveryNoteReferencedDocument',
        'ConsumptionReportReferencedDocument',
        // the official text of CII-SR-177 names RequestedQuantity
        'PackingListReferencedDocument = RequestedQuantity',
      ]
        .map((p, i) => `${151 + i} ${p}`)
        .join('\n'),
    ),
  ],
  [
    'cii-sr-linesettlement',
    X.lineSettlement,
    rows(`178 PaymentReference
      179 InvoiceIssuerReference
      180 TotalAdjustmentAmount
      181 DiscountIndicator
      182 ApplicableTradeTax/CalculatedAmount
      183 ${STAC}/ChargeIndicator/IndicatorString
      184 ${STAC}/ID
      185 ${STAC}/SequenceNumeric
      186 ${STAC}/CalculationPercent/@format
      187 ${STAC}/BasisQuantity
      188 ${STAC}/PrepaidIndicator
      189 ${STAC}/UnitBasisAmount
      190 ${STAC}/TypeCode
      191 ${STAC}/CategoryTradeTax
      192 ${STAC}/ActualTradeCurrencyExchange
      193 ${STAC}/ID
      194 SubtotalCalculatedTradeTax
      195 SpecifiedLogisticsServiceCharge
      196 ${TERMS}
      197 SpecifiedTradeSettlementLineMonetarySummation/ChargeTotalAmount
      198 SpecifiedTradeSettlementLineMonetarySummation/AllowanceTotalAmount
      199 SpecifiedTradeSettlementLineMonetarySummation/TaxBasisTotalAmount
      200 SpecifiedTradeSettlementLineMonetarySummation/TaxTotalAmount
      201 SpecifiedTradeSettlementLineMonetarySummation/GrandTotalAmount
      202 SpecifiedTradeSettlementLineMonetarySummation/InformationAmount
      203 SpecifiedTradeSettlementLineMonetarySummation/TotalAllowanceChargeAmount
      204 SpecifiedTradeSettlementLineMonetarySummation/TotalRetailValueInformationAmount
      205 SpecifiedTradeSettlementLineMonetarySummation/GrossLineTotalAmount
      206 SpecifiedTradeSettlementLineMonetarySummation/NetLineTotalAmount
      207 SpecifiedTradeSettlementLineMonetarySummation/NetIncludingTaxesLineTotalAmount
      208 SpecifiedTradeSettlementLineMonetarySummation/ProductWeightLossInformationAmount
      209 SpecifiedFinancialAdjustment
      210 InvoiceReferencedDocument
      212 PayableSpecifiedTradeAccountingAccount
      213 ReceivableSpecifiedTradeAccountingAccount/SetTriggerCode
      214 ReceivableSpecifiedTradeAccountingAccount/TypeCode
      215 ReceivableSpecifiedTradeAccountingAccount/AmountTypeCode
      216 ReceivableSpecifiedTradeAccountingAccount/Name
      217 ReceivableSpecifiedTradeAccountingAccount/CostReferenceDimensionPattern
      218 PurchaseSpecifiedTradeAccountingAccount
      219 SalesSpecifiedTradeAccountingAccount
      220 SpecifiedTradeSettlementFinancialCard`),
  ],
  [
    'cii-sr-agreement',
    X.headerAgreement,
    rows(`442 Reference
      222 ${STP}/RoleCode
      223 ${STP}/SpecifiedLegalOrganization/LegalClassificationCode
      224 ${STP}/SpecifiedLegalOrganization/Name
      225 ${STP}/SpecifiedLegalOrganization/PostalTradeAddress
      226 ${STP}/SpecifiedLegalOrganization/AuthorizedLegalRegistration = RoleCode
      ${contact(STP, 227)}
      244 ${STP}/URIUniversalCommunication/ChannelCode
      245 ${STP}/URIUniversalCommunication/CompleteNumber
      246 ${STP}/SpecifiedTaxRegistration/AssociatedRegisteredTax
      247 ${STP}/EndPointURIUniversalCommunication
      248 ${STP}/LogoAssociatedSpecifiedBinaryFile
      249 ${BTP}/RoleCode
      250 ${BTP}/Description
      251 ${BTP}/SpecifiedLegalOrganization/LegalClassificationCode
      252 ${BTP}/SpecifiedLegalOrganization/Name
      254 ${BTP}/SpecifiedLegalOrganization/PostalTradeAddress
      255 ${BTP}/SpecifiedLegalOrganization/AuthorizedLegalRegistration
      ${contact(BTP, 256)}
      273 ${BTP}/URIUniversalCommunication/ChannelCode
      274 ${BTP}/URIUniversalCommunication/CompleteNumber
      275 ${BTP}/SpecifiedTaxRegistration/AssociatedRegisteredTax
      276 ${BTP}/EndPointURIUniversalCommunication
      277 ${BTP}/LogoAssociatedSpecifiedBinaryFile
      278 SalesAgentTradeParty
      279 BuyerRequisitionerTradeParty
      280 BuyerAssignedAccountantTradeParty
      281 SellerAssignedAccountantTradeParty
      282 BuyerTaxRepresentativeTradeParty
      283 ${STR}/GlobalID
      284 ${STR}/RoleCode
      285 ${STR}/Description
      286 ${STR}/SpecifiedLegalOrganization
      287 ${STR}/DefinedTradeContact
      288 ${STR}/URIUniversalCommunication
      289 ${STR}/SpecifiedTaxRegistration/AssociatedRegisteredTax
      290 ${STR}/EndPointURIUniversalCommunication
      291 ${STR}/LogoAssociatedSpecifiedBinaryFile
      292 ProductEndUserTradeParty
      293 ApplicableTradeDeliveryTerms
      294 SellerOrderReferencedDocument/LineID
      295 BuyerOrderReferencedDocument/LineID
      296 QuotationReferencedDocument
      297 OrderResponseReferencedDocument
      298 ContractReferencedDocument/LineID
      299 DemandForecastReferencedDocument
      300 SupplyInstructionReferencedDocument
      301 PromotionalDealReferencedDocument
      302 PriceListReferencedDocument
      303 AdditionalReferencedDocument/LineID
      304 RequisitionerReferencedDocument
      305 BuyerAgentTradeParty
      306 PurchaseConditionsReferencedDocument
      307 SpecifiedProcuringProject/Description
      448 UltimateCustomerOrderReferencedDocument`),
  ],
  [
    'cii-sr-delivery',
    X.headerDelivery,
    rows(`308 RelatedSupplyChainConsignment
      309 ${STTP}/RoleCode
      310 ${STTP}/Description
      311 ${STTP}/SpecifiedLegalOrganization
      312 ${STTP}/DefinedTradeContact
      313 ${STTP}/URIUniversalCommunication
      314 ${STTP}/SpecifiedTaxRegistration
      315 ${STTP}/EndPointURIUniversalCommunication
      316 ${STTP}/LogoAssociatedSpecifiedBinaryFile
      317 UltimateShipToTradeParty
      318 ShipFromTradeParty
      319 ActualDespatchSupplyChainEvent
      320 ActualPickUpSupplyChainEvent
      321 ${ADSCE}/ID
      322 ${ADSCE}/OccurrenceDateTime/DateTime
      323 ${ADSCE}/TypeCode
      324 ${ADSCE}/Description
      325 ${ADSCE}/DescriptionBinaryObject
      326 ${ADSCE}/UnitQuantity
      327 ${ADSCE}/LatestOccurrenceDateTime
      328 ${ADSCE}/EarliestOccurrenceDateTime
      329 ${ADSCE}/OccurrenceSpecifiedPeriod
      330 ${ADSCE}/OccurrenceLogisticsLocation
      331 ActualReceiptSupplyChainEvent
      332 AdditionalReferencedDocument
      333 DespatchAdviceReferencedDocument/LineID
      334 DespatchAdviceReferencedDocument/LineID
      335 DeliveryNoteReferencedDocument
      336 ConsumptionReportReferencedDocument
      337 PreviousDeliverySupplyChainEvent
      338 PackingListReferencedDocument`),
  ],
  [
    'cii-sr-settlement',
    X.headerSettlement,
    rows(`339 DuePayableAmount
      340 CreditorReferenceTypeCode
      341 CreditorReferenceType
      342 CreditorReferenceIssuerID
      344 PaymentCurrencyCode
      345 InvoiceIssuerReference
      346 InvoiceDateTime
      347 NextInvoiceDateTime
      348 CreditReasonCode
      349 CreditReason
      350 InvoicerTradeParty
      351 InvoiceeTradeParty
      352 ${PTP}/RoleCode
      353 ${PTP}/Description
      354 ${PTP}/SpecifiedLegalOrganization/LegalClassificationCode
      355 ${PTP}/SpecifiedLegalOrganization/Name
      356 ${PTP}/SpecifiedLegalOrganization/TradingBusinessName
      357 ${PTP}/SpecifiedLegalOrganization/PostalTradeAddress
      358 ${PTP}/SpecifiedLegalOrganization/AuthorizedLegalRegistration
      359 ${PTP}/DefinedTradeContact
      360 ${PTP}/PostalTradeAddress
      361 ${PTP}/URIUniversalCommunication
      362 ${PTP}/SpecifiedTaxRegistration
      363 ${PTP}/EndPointURIUniversalCommunication
      364 ${PTP}/LogoAssociatedSpecifiedBinaryFile
      365 PayerTradeParty
      366 TaxApplicableTradeCurrencyExchange
      367 InvoiceApplicableTradeCurrencyExchange
      368 PaymentApplicableTradeCurrencyExchange
      369 ${PM}/PaymentChannelCode
      370 ${PM}/GuaranteeMethodCode
      371 ${PM}/PaymentMethodCode
      443 ${PM}/ID
      372 ${CARD}/MicrochipIndicator
      373 ${CARD}/TypeCode
      375 ${CARD}/ExpiryDate
      376 ${CARD}/VerificationNumeric
      377 ${CARD}/ValidFromDateTime
      378 ${CARD}/CreditLimitAmount ==  - CreditLimitAmountshould not be present
      379 ${CARD}/CreditAvailableAmount
      380 ${CARD}/InterestRatePercent
      381 ${CARD}/Description
      382 ${PM}/PayerPartyDebtorFinancialAccount/AccountName
      444 ${PM}/PayerPartyDebtorFinancialAccount/ProprietaryID
      384 ${PM}/PayerSpecifiedDebtorFinancialInstitution/ClearingSystemName
      385 ${PM}/PayerSpecifiedDebtorFinancialInstitution/Name
      386 ${PM}/PayerSpecifiedDebtorFinancialInstitution/LocationFinancialInstitutionAddress
      388 ${STAC}/ID
      389 ${STAC}/SequenceNumeric
      390 ${STAC}/BasisQuantity
      391 ${STAC}/PrepaidIndicator
      392 ${STAC}/UnitBasisAmount
      393 ${STAC}/TypeCode
      394 ${STAC}/ActualTradeCurrencyExchange
      395 SubtotalCalculatedTradeTax
      396 SpecifiedLogisticsServiceCharge
      397 ${TERMS}/ID
      398 ${TERMS}/FromEventCode
      399 ${TERMS}/SettlementPeriodMeasure
      400 ${TERMS}/DueDateDateTime/DateTime
      401 ${TERMS}/TypeCode
      402 ${TERMS}/InstructionTypeCode
      404 ${TERMS}/PartialPaymentPercent
      405 ${TERMS}/PaymentMeansID
      406 ${TERMS}/PartialPaymentAmount
      407 ${TERMS}/ApplicableTradePaymentPenaltyTerms
      408 ${TERMS}/ApplicableTradePaymentDiscountTerms
      409 ${TERMS}/PayeeTradeParty
      421 SpecifiedFinancialAdjustment
      422 InvoiceReferencedDocument/LineID
      423 ProFormaInvoiceReferencedDocument
      424 LetterOfCreditReferencedDocument
      425 FactoringAgreementReferencedDocument
      426 FactoringListReferencedDocument
      427 PayableSpecifiedTradeAccountingAccount
      428 ReceivableSpecifiedTradeAccountingAccount/SetTriggerCode
      429 ReceivableSpecifiedTradeAccountingAccount/TypeCode
      430 ReceivableSpecifiedTradeAccountingAccount/AmountTypeCode
      431 ReceivableSpecifiedTradeAccountingAccount/Name
      432 ReceivableSpecifiedTradeAccountingAccount/CostReferenceDimensionPattern
      433 PurchaseSpecifiedTradeAccountingAccount
      434 SalesSpecifiedTradeAccountingAccount
      435 SpecifiedTradeSettlementFinancialCard
      436 SpecifiedAdvancePayment
      437 UltimatePayeeTradeParty`),
  ],
  [
    'cii-sr-summation',
    X.monetarySummation,
    rows(`411 InformationAmount
      412 TotalDiscountAmount
      413 TotalAllowanceChargeAmount
      414 RetailValueExcludingTaxInformationAmount
      415 TotalDepositFeeInformationAmount
      416 ProductValueExcludingTobaccoTaxInformationAmount
      417 TotalRetailValueInformationAmount
      418 GrossLineTotalAmount
      419 NetLineTotalAmount
      420 NetIncludingTaxesLineTotalAmount`),
  ],
];

type Ctx = (typeof families)[number][1];

function cardinality(
  id: string,
  flag: Flag,
  text: string,
  contexts: Ctx,
  count: (e: XElement) => number,
  ok: (n: number) => boolean,
  deText: string,
): Rule {
  return countRule(id, flag, `[${id}] - ${text}`, contexts, count, ok, { syntaxes: X.CII, de: deText });
}

function path(...names: string[]): (e: XElement) => number {
  return (e) => countPath(e, ...names);
}

/** `(not(P/ID) and P/GlobalID) or (P/ID and not(P/GlobalID)) or (neither)`: never both. */
function oneIdentifier(party: string): (e: XElement) => number {
  return (e) => {
    const p = children(e, party);
    const hasId = p.some((x) => child(x, 'ID'));
    const hasGlobal = p.some((x) => child(x, 'GlobalID'));
    return hasId && hasGlobal ? 2 : 1;
  };
}

/** xs:boolean cast of a udt:Indicator value */
function isFalse(e: XElement): boolean {
  const v = stringValue(e).trim();
  return v === 'false' || v === '0';
}

export const CII_SR_FAMILIES: PresenceFamily[] = families.map(([key, contexts, specs]) => ({
  key,
  syntaxes: X.CII,
  contexts,
  specs,
}));

const PRESENCE_GROUPS = CII_SR_FAMILIES.map(presenceFamily);

const COUNT_RULES: Rule[] = [
  cardinality(
    'CII-SR-003',
    'warning',
    'BusinessProcessSpecifiedDocumentContextParameter should exist maximum once',
    X.docContext,
    path('BusinessProcessSpecifiedDocumentContextParameter'),
    (n) => n <= 1,
    'Die Prozesskennung (BT-23) darf höchstens einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-009',
    'fatal',
    'GuidelineSpecifiedDocumentContextParameter must exist exactly once',
    X.docContext,
    path('GuidelineSpecifiedDocumentContextParameter'),
    (n) => n === 1,
    'Die Spezifikationskennung (BT-24) muss genau einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-010',
    'fatal',
    'ID must exist exactly once',
    X.docContext,
    path('GuidelineSpecifiedDocumentContextParameter', 'ID'),
    (n) => n === 1,
    'Die Spezifikationskennung (BT-24) muss genau einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-014',
    'fatal',
    'TypeCode must exist exactly once',
    X.exchangedDocument,
    path('TypeCode'),
    (n) => n === 1,
    'Der Rechnungstyp (BT-3) muss genau einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-030',
    'warning',
    'Content should exist maximum once',
    X.exchangedNote,
    path('Content'),
    (n) => n <= 1,
    'Eine Bemerkung zur Rechnung (BT-22) darf nur einen Text haben.',
  ),
  cardinality(
    'CII-SR-039',
    'warning',
    'IncludedNote should exist maximum once',
    X.lineDocument,
    path('IncludedNote'),
    (n) => n <= 1,
    'Eine Rechnungsposition darf höchstens eine Notiz (BT-127) haben.',
  ),
  cardinality(
    'CII-SR-040',
    'warning',
    'Content should exist maximum once',
    X.lineDocument,
    path('IncludedNote', 'Content'),
    (n) => n <= 1,
    'Die Positionsnotiz (BT-127) darf nur einen Text haben.',
  ),
  cardinality(
    'CII-SR-046',
    'fatal',
    'schemeID must be present if GlobalID is present',
    X.lineProduct,
    (p) => {
      const g = children(p, 'GlobalID');
      return g.length === 0 || g.some((e) => e.attrs.schemeID !== undefined) ? 1 : 0;
    },
    (n) => n === 1,
    'Zur Standard-Artikelkennung (BT-157) muss das Kennungsschema (schemeID) angegeben sein.',
  ),
  cardinality(
    'CII-SR-069',
    'fatal',
    'Description should exist maximum once.',
    X.productCharacteristics,
    path('Description'),
    (n) => n === 1,
    'Ein Artikelmerkmal (BG-32) braucht genau einen Namen (BT-160).',
  ),
  cardinality(
    'CII-SR-072',
    'fatal',
    'Value should exist maximum once.',
    X.productCharacteristics,
    path('Value'),
    (n) => n === 1,
    'Ein Artikelmerkmal (BG-32) braucht genau einen Wert (BT-161).',
  ),
  cardinality(
    'CII-SR-090',
    'fatal',
    'ID should exist maximum once.',
    X.lineProduct,
    (p) => {
      const o = children(p, 'OriginTradeCountry');
      return o.length === 0 ? 1 : countPath(p, 'OriginTradeCountry', 'ID');
    },
    (n) => n === 1,
    'Das Herkunftsland des Artikels (BT-159) muss genau einen Ländercode haben.',
  ),
  cardinality(
    'CII-SR-439',
    'fatal',
    'ChargeAmount should exist maximum once',
    X.lineAgreement,
    path(NP, 'ChargeAmount'),
    (n) => n === 1,
    'Der Nettopreis (BT-146) muss genau einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-441',
    'fatal',
    'ChargeAmount should exist maximum once',
    X.lineAgreement,
    path(NP, 'ChargeAmount'),
    (n) => n <= 1,
    'Der Nettopreis (BT-146) darf höchstens einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-119',
    'warning',
    'Only allowances on price a price should be present',
    X.lineAgreement,
    (a) => {
      const atac = all(a, GP, 'AppliedTradeAllowanceCharge');
      const indicators = atac.flatMap((x) => children(x, 'ChargeIndicator'));
      const amounts = atac.flatMap((x) => children(x, 'ActualAmount'));
      const allowance = indicators.some((i) => children(i, 'Indicator').some(isFalse));
      return (allowance && amounts.length > 0) || (indicators.length === 0 && amounts.length === 0) ? 1 : 0;
    },
    (n) => n === 1,
    'Am Bruttopreis sind nur Nachlässe (ChargeIndicator false) mit Betrag erlaubt.',
  ),
  cardinality(
    'CII-SR-440',
    'fatal',
    'ActualAmount should exist maximum once',
    X.grossPriceAllowances,
    path('ActualAmount'),
    (n) => n <= 1,
    'Der Preisnachlass (BT-147) darf höchstens einmal angegeben sein.',
  ),
  countRule(
    'CII-SR-463',
    'fatal',
    '[CII-SR-463]-Each Specified Trade Allowance Charge (BG-20)(BG-21) shall contain a Charge Indicator.',
    X.tradeAllowanceCharges,
    path('ChargeIndicator'),
    (n) => n > 0,
    {
      syntaxes: X.CII,
      de: 'Jeder Nachlass und Zuschlag (BG-20, BG-21) braucht die Angabe, ob es ein Zuschlag ist (ChargeIndicator).',
    },
  ),
  // As published the test is a tautology (A or B) or (not A and not B); it cannot fire.
  cardinality(
    'CII-SR-464',
    'warning',
    'Only one BT-86 element is allowed on an invoice.',
    X.paymentMeansCii,
    (m) => {
      const a = child(m, 'PayeeSpecifiedCreditorFinancialInstitution') !== undefined;
      const b = child(m, 'PayerSpecifiedDebtorFinancialInstitution') !== undefined;
      return a || b || (!a && !b) ? 1 : 0;
    },
    (n) => n === 1,
    'Die Kennung des Zahlungsdienstleisters (BT-86) darf nur einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-449',
    'warning',
    'Only one delivery to location identifier should be present (either the ID or the Global ID)',
    X.headerDelivery,
    oneIdentifier(STTP),
    (n) => n === 1,
    'Der Lieferort (BT-71) sollte nur eine Kennung haben (ID oder GlobalID).',
  ),
  cardinality(
    'CII-SR-450',
    'warning',
    'Only one  buyer identifier should be present (either the ID or the Global ID)',
    X.headerAgreement,
    oneIdentifier(BTP),
    (n) => n === 1,
    'Der Käufer (BT-46) sollte nur eine Kennung haben (ID oder GlobalID).',
  ),
  cardinality(
    'CII-SR-451',
    'warning',
    'Only one payee identifier should be present (either the ID or the Global ID)',
    X.headerSettlement,
    oneIdentifier(PTP),
    (n) => n === 1,
    'Der Zahlungsempfänger (BT-60) sollte nur eine Kennung haben (ID oder GlobalID).',
  ),
  cardinality(
    'CII-SR-455',
    'fatal',
    'DefinedTradeContact of SellerTradeParty shall exist maximum once',
    X.headerAgreement,
    path(STP, 'DefinedTradeContact'),
    (n) => n <= 1,
    'Der Verkäufer darf nur einen Kontakt (BG-6) haben.',
  ),
  cardinality(
    'CII-SR-456',
    'fatal',
    'DefinedTradeContact of BuyerTradeParty shall exist maximum once',
    X.headerAgreement,
    path(BTP, 'DefinedTradeContact'),
    (n) => n <= 1,
    'Der Käufer darf nur einen Kontakt (BG-9) haben.',
  ),
  cardinality(
    'CII-SR-457',
    'warning',
    'IssuerAssignedID with TypeCode 50 should exist maximum once',
    X.headerAgreement,
    (a) =>
      children(a, 'AdditionalReferencedDocument').filter((d) =>
        children(d, 'TypeCode').some((t) => stringValue(t) === '50'),
      ).length,
    (n) => n <= 1,
    'Die Kennung der Ausschreibung oder des Loses (BT-17) darf höchstens einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-458',
    'warning',
    'IssuerAssignedID with TypeCode 130 should exist maximum once',
    X.headerAgreement,
    (a) =>
      children(a, 'AdditionalReferencedDocument').filter((d) =>
        children(d, 'TypeCode').some((t) => stringValue(t) === '130'),
      ).length,
    (n) => n <= 1,
    'Die Objektkennung (BT-18) darf höchstens einmal angegeben sein.',
  ),
  cardinality(
    'CII-SR-459',
    'fatal',
    'SellerTradeParty URIUniversalCommunication should exist maximum once',
    X.headerAgreement,
    path(STP, 'URIUniversalCommunication'),
    (n) => n <= 1,
    'Der Verkäufer darf nur eine elektronische Adresse (BT-34) haben.',
  ),
  cardinality(
    'CII-SR-460',
    'fatal',
    'BuyerTradeParty URIUniversalCommunication should exist maximum once',
    X.headerAgreement,
    path(BTP, 'URIUniversalCommunication'),
    (n) => n <= 1,
    'Der Käufer darf nur eine elektronische Adresse (BT-49) haben.',
  ),
  // root context: ram:ValuationBreakdownStatement (a ram element directly below the rsm root)
  countRule(
    'CII-SR-438',
    'warning',
    '[CII-SR-438] - ValuationBreakdownStatement should not be present',
    X.ciiRoot,
    (r) => children(r, 'ValuationBreakdownStatement').filter((e) => e.ns === X.RAM).length,
    (n) => n === 0,
    { syntaxes: X.CII, de: de('ValuationBreakdownStatement') },
  ),
];

export const ciiSrRules: Rule[] = [...PRESENCE_GROUPS.flatMap((g) => g.members!), ...COUNT_RULES];

/** The groups the engine runs: one per rule context plus one for the counts and conditions. */
export const ciiSrGroups: Rule[] = [...PRESENCE_GROUPS, groupOf('CII-SR', X.CII, COUNT_RULES)];
