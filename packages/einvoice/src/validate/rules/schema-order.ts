/**
 * Element order inside the aggregates, as the schemas' xs:sequence defines it.
 *
 * UBL 2.1 (CommonAggregateComponents-2.1): the sequences of every aggregate type an EN 16931
 * invoice can contain, keyed by the element names that use the type (cac namespace).
 *
 * CII D16B (ReusableAggregateBusinessInformationEntity:100): the sequences of the aggregates of
 * the Factur-X/ZUGFeRD EXTENDED profile schema, which is a restriction of D16B that keeps the
 * relative order of the D16B elements. Elements not listed are not judged (D16B allows more); two
 * listed elements in the wrong order are always a D16B schema violation.
 */

import { intern } from '../../xml/intern.js';

type Order = ReadonlyMap<string, number>;

const seq = (names: string): Order =>
  new Map(
    names
      .split(/\s+/)
      .filter(Boolean)
      // canonical keys: a lookup by element name that hits then compares pointers
      .map((n, i) => [intern(n), i]),
  );

function byName(entries: [string, Order][]): Map<string, Order> {
  const m = new Map<string, Order>();
  for (const [names, order] of entries) {
    for (const n of names.split(/\s+/).filter(Boolean)) {
      m.set(intern(n), order);
    }
  }
  return m;
}

const U_ADDRESS = seq(`ID AddressTypeCode AddressFormatCode Postbox Floor Room StreetName AdditionalStreetName BlockName
  BuildingName BuildingNumber InhouseMail Department MarkAttention MarkCare PlotIdentification CitySubdivisionName CityName
  PostalZone CountrySubentity CountrySubentityCode Region District TimezoneOffset AddressLine Country LocationCoordinate`);
const U_PARTY =
  seq(`MarkCareIndicator MarkAttentionIndicator WebsiteURI LogoReferenceID EndpointID IndustryClassificationCode
  PartyIdentification PartyName Language PostalAddress PhysicalLocation PartyTaxScheme PartyLegalEntity Contact Person
  AgentParty ServiceProviderParty PowerOfAttorney FinancialAccount`);
const U_PERIOD = seq('StartDate StartTime EndDate EndTime DurationMeasure DescriptionCode Description');
const U_DOCREF =
  seq(`ID CopyIndicator UUID IssueDate IssueTime DocumentTypeCode DocumentType XPath LanguageID LocaleCode
  VersionID DocumentStatusCode DocumentDescription Attachment ValidityPeriod IssuerParty ResultOfVerification`);
const U_CONTACT = seq('ID Name Telephone Telefax ElectronicMail Note OtherCommunication');
const U_TAX_CATEGORY = seq(
  'ID Name Percent BaseUnitMeasure PerUnitAmount TaxExemptionReasonCode TaxExemptionReason TierRange TierRatePercent TaxScheme',
);
const U_FIN_ACCOUNT = seq(
  'ID Name AliasName AccountTypeCode AccountFormatCode CurrencyCode PaymentNote FinancialInstitutionBranch Country',
);
const U_LOCATION =
  seq(`ID Description Conditions CountrySubentity CountrySubentityCode LocationTypeCode InformationURI Name
  ValidityPeriod Address SubsidiaryLocation LocationCoordinate`);
const U_ITEM_ID = seq('ID ExtendedID BarcodeSymbologyID PhysicalAttribute MeasurementDimension IssuerParty');

/** UBL 2.1 aggregate sequences by element name (cac elements). */
export const UBL_ORDER = byName([
  ['PostalAddress Address RegistrationAddress JurisdictionRegionAddress OriginAddress DeliveryAddress', U_ADDRESS],
  [
    'Party PayeeParty TaxRepresentativeParty DeliveryParty IssuerParty AgentParty CarrierParty NotifyParty ManufacturerParty OriginatorParty PayerParty ServiceProviderParty InformationContentProviderParty HeadOfficeParty',
    U_PARTY,
  ],
  [
    'AccountingSupplierParty SellerSupplierParty',
    seq(
      'CustomerAssignedAccountID AdditionalAccountID DataSendingCapability Party DespatchContact AccountingContact SellerContact',
    ),
  ],
  [
    'AccountingCustomerParty BuyerCustomerParty',
    seq(
      'CustomerAssignedAccountID SupplierAssignedAccountID AdditionalAccountID Party DeliveryContact AccountingContact BuyerContact',
    ),
  ],
  [
    'PartyTaxScheme',
    seq('RegistrationName CompanyID TaxLevelCode ExemptionReasonCode ExemptionReason RegistrationAddress TaxScheme'),
  ],
  ['TaxScheme', seq('ID Name TaxTypeCode CurrencyCode JurisdictionRegionAddress')],
  [
    'PartyLegalEntity',
    seq(`RegistrationName CompanyID RegistrationDate RegistrationExpirationDate CompanyLegalFormCode CompanyLegalForm
      SoleProprietorshipIndicator CompanyLiquidationStatusCode CorporateStockAmount FullyPaidSharesIndicator RegistrationAddress
      CorporateRegistrationScheme HeadOfficeParty ShareholderParty`),
  ],
  ['Contact DeliveryContact AccountingContact BuyerContact SellerContact DespatchContact', U_CONTACT],
  ['Country OriginCountry', seq('IdentificationCode Name')],
  [
    'InvoicePeriod ValidityPeriod SettlementPeriod PenaltyPeriod RequestedDeliveryPeriod PromisedDeliveryPeriod EstimatedDeliveryPeriod PaymentReversalPeriod UsabilityPeriod',
    U_PERIOD,
  ],
  [
    'OrderReference',
    seq('ID SalesOrderID CopyIndicator UUID IssueDate IssueTime CustomerReference OrderTypeCode DocumentReference'),
  ],
  [
    'BillingReference',
    seq(`InvoiceDocumentReference SelfBilledInvoiceDocumentReference CreditNoteDocumentReference
      SelfBilledCreditNoteDocumentReference DebitNoteDocumentReference ReminderDocumentReference AdditionalDocumentReference
      BillingReferenceLine`),
  ],
  [
    `DocumentReference InvoiceDocumentReference SelfBilledInvoiceDocumentReference CreditNoteDocumentReference
    SelfBilledCreditNoteDocumentReference DebitNoteDocumentReference ReminderDocumentReference AdditionalDocumentReference
    DespatchDocumentReference ReceiptDocumentReference StatementDocumentReference OriginatorDocumentReference
    ContractDocumentReference CatalogueDocumentReference ItemSpecificationDocumentReference`,
    U_DOCREF,
  ],
  ['Attachment', seq('EmbeddedDocumentBinaryObject ExternalReference')],
  [
    'ExternalReference',
    seq(
      'URI DocumentHash HashAlgorithmMethod ExpiryDate ExpiryTime MimeCode FormatCode EncodingCode CharacterSetCode FileName Description',
    ),
  ],
  ['ProjectReference', seq('ID UUID IssueDate WorkPhaseReference')],
  [
    'Delivery',
    seq(`ID Quantity MinimumQuantity MaximumQuantity ActualDeliveryDate ActualDeliveryTime LatestDeliveryDate LatestDeliveryTime
      ReleaseID TrackingID DeliveryAddress DeliveryLocation AlternativeDeliveryLocation RequestedDeliveryPeriod
      PromisedDeliveryPeriod EstimatedDeliveryPeriod CarrierParty DeliveryParty NotifyParty Despatch DeliveryTerms
      MinimumDeliveryUnit MaximumDeliveryUnit Shipment`),
  ],
  ['DeliveryLocation PhysicalLocation AlternativeDeliveryLocation SubsidiaryLocation', U_LOCATION],
  [
    'PaymentMeans',
    seq(`ID PaymentMeansCode PaymentDueDate PaymentChannelCode InstructionID InstructionNote PaymentID CardAccount
      PayerFinancialAccount PayeeFinancialAccount CreditAccount PaymentMandate TradeFinancing`),
  ],
  [
    'CardAccount',
    seq(`PrimaryAccountNumberID NetworkID CardTypeCode ValidityStartDate ExpiryDate IssuerID IssueNumberID CV2ID CardChipCode
      ChipApplicationID HolderName`),
  ],
  ['PayeeFinancialAccount PayerFinancialAccount FinancialAccount', U_FIN_ACCOUNT],
  ['FinancialInstitutionBranch', seq('ID Name FinancialInstitution Address')],
  ['FinancialInstitution', seq('ID Name Address')],
  [
    'PaymentMandate',
    seq(`ID MandateTypeCode MaximumPaymentInstructionsNumeric MaximumPaidAmount SignatureID PayerParty PayerFinancialAccount
      ValidityPeriod PaymentReversalPeriod Clause`),
  ],
  [
    'PaymentTerms',
    seq(`ID PaymentMeansID PrepaidPaymentReferenceID Note ReferenceEventCode SettlementDiscountPercent PenaltySurchargePercent
      PaymentPercent Amount SettlementDiscountAmount PenaltyAmount PaymentTermsDetailsURI PaymentDueDate InstallmentDueDate
      InvoicingPartyReference SettlementPeriod PenaltyPeriod ExchangeRate ValidityPeriod`),
  ],
  [
    'AllowanceCharge',
    seq(`ID ChargeIndicator AllowanceChargeReasonCode AllowanceChargeReason MultiplierFactorNumeric PrepaidIndicator
      SequenceNumeric Amount BaseAmount AccountingCostCode AccountingCost PerUnitAmount TaxCategory TaxTotal PaymentMeans`),
  ],
  ['TaxCategory ClassifiedTaxCategory', U_TAX_CATEGORY],
  [
    'TaxTotal WithholdingTaxTotal',
    seq('TaxAmount RoundingAmount TaxEvidenceIndicator TaxIncludedIndicator TaxSubtotal'),
  ],
  [
    'TaxSubtotal',
    seq(`TaxableAmount TaxAmount CalculationSequenceNumeric TransactionCurrencyTaxAmount Percent BaseUnitMeasure PerUnitAmount
      TierRange TierRatePercent TaxCategory`),
  ],
  ['OrderLineReference', seq('LineID SalesOrderLineID UUID LineStatusCode OrderReference')],
  ['DespatchLineReference ReceiptLineReference', seq('LineID UUID LineStatusCode DocumentReference')],
  [
    'Item',
    seq(`Description PackQuantity PackSizeNumeric CatalogueIndicator Name HazardousRiskIndicator AdditionalInformation Keyword
      BrandName ModelName BuyersItemIdentification SellersItemIdentification ManufacturersItemIdentification
      StandardItemIdentification CatalogueItemIdentification AdditionalItemIdentification CatalogueDocumentReference
      ItemSpecificationDocumentReference OriginCountry CommodityClassification TransactionConditions HazardousItem
      ClassifiedTaxCategory AdditionalItemProperty ManufacturerParty InformationContentProviderParty OriginAddress ItemInstance
      Certificate Dimension`),
  ],
  [
    'BuyersItemIdentification SellersItemIdentification ManufacturersItemIdentification StandardItemIdentification CatalogueItemIdentification AdditionalItemIdentification',
    U_ITEM_ID,
  ],
  ['CommodityClassification', seq('NatureCode CargoTypeCode CommodityCode ItemClassificationCode')],
  [
    'AdditionalItemProperty',
    seq(`ID Name NameCode TestMethod Value ValueQuantity ValueQualifier ImportanceCode ListValue UsabilityPeriod
      ItemPropertyGroup RangeDimension ItemPropertyRange`),
  ],
  [
    'Price',
    seq(`PriceAmount BaseQuantity PriceChangeReason PriceTypeCode PriceType OrderableUnitFactorRate ValidityPeriod PriceList
      AllowanceCharge PricingExchangeRate`),
  ],
]);

const C_PARTY = seq(
  'ID GlobalID Name RoleCode Description SpecifiedLegalOrganization DefinedTradeContact PostalTradeAddress URIUniversalCommunication SpecifiedTaxRegistration',
);
const C_REFDOC = seq(
  'IssuerAssignedID URIID LineID TypeCode Name AttachmentBinaryObject ReferenceTypeCode FormattedIssueDateTime',
);
const C_TAX = seq(`CalculatedAmount TypeCode ExemptionReason BasisAmount LineTotalBasisAmount AllowanceChargeBasisAmount
  CategoryCode ExemptionReasonCode TaxPointDate DueDateTypeCode RateApplicablePercent`);
const C_CHARGE = seq(
  'ChargeIndicator SequenceNumeric CalculationPercent BasisAmount BasisQuantity ActualAmount ReasonCode Reason CategoryTradeTax',
);
const C_PERIOD = seq('Description StartDateTime EndDateTime CompleteDateTime');
const C_COMM = seq('URIID CompleteNumber');
const C_TERMS_AMOUNT = seq(
  'BasisDateTime BasisPeriodMeasure BasisAmount CalculationPercent ActualPenaltyAmount ActualDiscountAmount',
);

/** CII D16B aggregate sequences by element name (ram elements), as far as the EXTENDED profile lists them. */
export const CII_ORDER = byName([
  [
    'ExchangedDocumentContext',
    seq('TestIndicator BusinessProcessSpecifiedDocumentContextParameter GuidelineSpecifiedDocumentContextParameter'),
  ],
  [
    'ExchangedDocument',
    seq('ID Name TypeCode IssueDateTime CopyIndicator LanguageID IncludedNote EffectiveSpecifiedPeriod'),
  ],
  ['IncludedNote', seq('ContentCode Content SubjectCode')],
  [
    'SupplyChainTradeTransaction',
    seq(
      'IncludedSupplyChainTradeLineItem ApplicableHeaderTradeAgreement ApplicableHeaderTradeDelivery ApplicableHeaderTradeSettlement',
    ),
  ],
  [
    'IncludedSupplyChainTradeLineItem',
    seq(`AssociatedDocumentLineDocument SpecifiedTradeProduct SpecifiedLineTradeAgreement SpecifiedLineTradeDelivery
      SpecifiedLineTradeSettlement`),
  ],
  ['AssociatedDocumentLineDocument', seq('LineID ParentLineID LineStatusCode LineStatusReasonCode IncludedNote')],
  [
    'SpecifiedTradeProduct',
    seq(`ID GlobalID SellerAssignedID BuyerAssignedID IndustryAssignedID ModelID Name Description BatchID BrandName ModelName
      ApplicableProductCharacteristic DesignatedProductClassification IndividualTradeProductInstance OriginTradeCountry
      IncludedReferencedProduct`),
  ],
  ['ApplicableProductCharacteristic', seq('TypeCode Description ValueMeasure Value')],
  ['DesignatedProductClassification', seq('ClassCode ClassName')],
  ['IndividualTradeProductInstance', seq('BatchID SupplierAssignedSerialID')],
  [
    'IncludedReferencedProduct',
    seq('ID GlobalID SellerAssignedID BuyerAssignedID IndustryAssignedID Name Description UnitQuantity'),
  ],
  [
    'SpecifiedLineTradeAgreement',
    seq(`SellerOrderReferencedDocument BuyerOrderReferencedDocument QuotationReferencedDocument ContractReferencedDocument
      AdditionalReferencedDocument GrossPriceProductTradePrice NetPriceProductTradePrice UltimateCustomerOrderReferencedDocument`),
  ],
  [
    'GrossPriceProductTradePrice NetPriceProductTradePrice',
    seq('ChargeAmount BasisQuantity AppliedTradeAllowanceCharge IncludedTradeTax'),
  ],
  [
    'SpecifiedLineTradeDelivery',
    seq(`BilledQuantity ChargeFreeQuantity PackageQuantity ShipToTradeParty UltimateShipToTradeParty
      ActualDeliverySupplyChainEvent DespatchAdviceReferencedDocument ReceivingAdviceReferencedDocument
      DeliveryNoteReferencedDocument`),
  ],
  [
    'SpecifiedLineTradeSettlement',
    seq(`ApplicableTradeTax BillingSpecifiedPeriod SpecifiedTradeAllowanceCharge SpecifiedTradeSettlementLineMonetarySummation
      InvoiceReferencedDocument AdditionalReferencedDocument ReceivableSpecifiedTradeAccountingAccount`),
  ],
  [
    'ApplicableHeaderTradeAgreement',
    seq(`BuyerReference SellerTradeParty BuyerTradeParty SalesAgentTradeParty BuyerTaxRepresentativeTradeParty
      SellerTaxRepresentativeTradeParty ProductEndUserTradeParty ApplicableTradeDeliveryTerms SellerOrderReferencedDocument
      BuyerOrderReferencedDocument QuotationReferencedDocument ContractReferencedDocument AdditionalReferencedDocument
      BuyerAgentTradeParty SpecifiedProcuringProject UltimateCustomerOrderReferencedDocument`),
  ],
  [
    'ApplicableHeaderTradeDelivery',
    seq(`RelatedSupplyChainConsignment ShipToTradeParty UltimateShipToTradeParty ShipFromTradeParty
      ActualDeliverySupplyChainEvent DespatchAdviceReferencedDocument ReceivingAdviceReferencedDocument
      DeliveryNoteReferencedDocument`),
  ],
  [
    'ApplicableHeaderTradeSettlement',
    seq(`CreditorReferenceID PaymentReference TaxCurrencyCode InvoiceCurrencyCode InvoiceIssuerReference InvoicerTradeParty
      InvoiceeTradeParty PayeeTradeParty PayerTradeParty TaxApplicableTradeCurrencyExchange SpecifiedTradeSettlementPaymentMeans
      ApplicableTradeTax BillingSpecifiedPeriod SpecifiedTradeAllowanceCharge SpecifiedLogisticsServiceCharge
      SpecifiedTradePaymentTerms SpecifiedTradeSettlementHeaderMonetarySummation InvoiceReferencedDocument
      ReceivableSpecifiedTradeAccountingAccount SpecifiedAdvancePayment`),
  ],
  [
    `SellerTradeParty BuyerTradeParty SalesAgentTradeParty BuyerTaxRepresentativeTradeParty SellerTaxRepresentativeTradeParty
    ProductEndUserTradeParty BuyerAgentTradeParty ShipToTradeParty UltimateShipToTradeParty ShipFromTradeParty InvoicerTradeParty
    InvoiceeTradeParty PayeeTradeParty PayerTradeParty`,
    C_PARTY,
  ],
  ['SpecifiedLegalOrganization', seq('ID TradingBusinessName PostalTradeAddress')],
  [
    'DefinedTradeContact',
    seq(
      'PersonName DepartmentName TypeCode TelephoneUniversalCommunication FaxUniversalCommunication EmailURIUniversalCommunication',
    ),
  ],
  ['PostalTradeAddress', seq('PostcodeCode LineOne LineTwo LineThree CityName CountryID CountrySubDivisionName')],
  [
    'URIUniversalCommunication TelephoneUniversalCommunication FaxUniversalCommunication EmailURIUniversalCommunication',
    C_COMM,
  ],
  [
    `SellerOrderReferencedDocument BuyerOrderReferencedDocument QuotationReferencedDocument ContractReferencedDocument
    AdditionalReferencedDocument UltimateCustomerOrderReferencedDocument DespatchAdviceReferencedDocument
    ReceivingAdviceReferencedDocument DeliveryNoteReferencedDocument InvoiceReferencedDocument InvoiceSpecifiedReferencedDocument`,
    C_REFDOC,
  ],
  ['SpecifiedProcuringProject', seq('ID Name')],
  ['ActualDeliverySupplyChainEvent', seq('OccurrenceDateTime')],
  [
    'TaxApplicableTradeCurrencyExchange',
    seq('SourceCurrencyCode TargetCurrencyCode ConversionRate ConversionRateDateTime'),
  ],
  [
    'SpecifiedTradeSettlementPaymentMeans',
    seq(`TypeCode Information ApplicableTradeSettlementFinancialCard PayerPartyDebtorFinancialAccount
      PayeePartyCreditorFinancialAccount PayeeSpecifiedCreditorFinancialInstitution`),
  ],
  ['ApplicableTradeSettlementFinancialCard', seq('ID CardholderName')],
  ['PayeePartyCreditorFinancialAccount', seq('IBANID AccountName ProprietaryID')],
  ['ApplicableTradeTax CategoryTradeTax IncludedTradeTax AppliedTradeTax', C_TAX],
  ['SpecifiedTradeAllowanceCharge AppliedTradeAllowanceCharge', C_CHARGE],
  ['BillingSpecifiedPeriod EffectiveSpecifiedPeriod', C_PERIOD],
  ['SpecifiedLogisticsServiceCharge', seq('Description AppliedAmount AppliedTradeTax')],
  [
    'SpecifiedTradePaymentTerms',
    seq(`Description DueDateDateTime DirectDebitMandateID PartialPaymentAmount ApplicableTradePaymentPenaltyTerms
      ApplicableTradePaymentDiscountTerms PayeeTradeParty`),
  ],
  ['ApplicableTradePaymentPenaltyTerms ApplicableTradePaymentDiscountTerms', C_TERMS_AMOUNT],
  [
    'SpecifiedTradeSettlementHeaderMonetarySummation',
    seq(`LineTotalAmount ChargeTotalAmount AllowanceTotalAmount TaxBasisTotalAmount TaxTotalAmount RoundingAmount
      GrandTotalAmount TotalPrepaidAmount DuePayableAmount`),
  ],
  [
    'SpecifiedTradeSettlementLineMonetarySummation',
    seq(
      'LineTotalAmount ChargeTotalAmount AllowanceTotalAmount TaxTotalAmount GrandTotalAmount TotalAllowanceChargeAmount',
    ),
  ],
  ['ReceivableSpecifiedTradeAccountingAccount', seq('ID TypeCode')],
  [
    'SpecifiedAdvancePayment',
    seq('PaidAmount FormattedReceivedDateTime IncludedTradeTax InvoiceSpecifiedReferencedDocument'),
  ],
]);

/** Children out of order among the names the sequence lists (unlisted names are not judged). */
export function outOfOrder(parent: { children: readonly { name: string }[] }, order: Order): number {
  let last = -1;
  for (let i = 0; i < parent.children.length; i++) {
    const p = order.get(parent.children[i]!.name);
    if (p === undefined) {
      continue;
    }
    if (p < last) {
      return i;
    }
    last = p;
  }
  return -1;
}
