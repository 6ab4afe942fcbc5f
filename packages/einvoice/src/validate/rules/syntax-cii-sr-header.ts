/**
 * CII-SR presence tables of the header trade agreement, delivery and settlement (EN 16931 CII
 * syntax binding, validation 1.3.15): one table per Schematron rule context.
 */
import * as X from './syntax-cii-contexts.js';
import {
  ADSCE,
  BTP,
  CARD,
  contact,
  PM,
  PTP,
  rows,
  STAC,
  STP,
  STR,
  STTP,
  TERMS,
  type Family,
} from './syntax-cii-sr-common.js';

export const HEADER_FAMILIES: Family[] = [
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
