/**
 * CII-SR presence tables of the document context, the document and the invoice lines (EN 16931
 * CII syntax binding, validation 1.3.15): one table per Schematron rule context.
 */
import * as X from './syntax-cii-contexts.js';
import { ATAC, de, GP, NP, rows, STAC, TERMS, type Family } from './syntax-cii-sr-common.js';

export const LINE_FAMILIES: Family[] = [
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
];
