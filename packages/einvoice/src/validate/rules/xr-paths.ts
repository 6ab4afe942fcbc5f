/**
 * Syntax-specific element access for the XRechnung rules, which are published per syntax and
 * test element presence (something the model cannot always tell).
 */
import type { XElement } from '../../xml/parse.js';
import { all, at, child, children } from '../../xml/tree.js';
import type { RuleContext } from '../types.js';

export function settlement(c: RuleContext): XElement | undefined {
  return at(c.root, 'SupplyChainTradeTransaction', 'ApplicableHeaderTradeSettlement');
}

export function agreement(c: RuleContext): XElement | undefined {
  return at(c.root, 'SupplyChainTradeTransaction', 'ApplicableHeaderTradeAgreement');
}

export function sellerParty(c: RuleContext): XElement | undefined {
  return c.syntax === 'cii' ? child(agreement(c), 'SellerTradeParty') : at(c.root, 'AccountingSupplierParty', 'Party');
}

export function buyerParty(c: RuleContext): XElement | undefined {
  return c.syntax === 'cii' ? child(agreement(c), 'BuyerTradeParty') : at(c.root, 'AccountingCustomerParty', 'Party');
}

export function paymentMeans(c: RuleContext): XElement[] {
  return c.syntax === 'cii'
    ? children(settlement(c), 'SpecifiedTradeSettlementPaymentMeans')
    : children(c.root, 'PaymentMeans');
}

export function lineElements(c: RuleContext): XElement[] {
  return c.syntax === 'cii'
    ? all(c.root, 'SupplyChainTradeTransaction', 'IncludedSupplyChainTradeLineItem')
    : [...children(c.root, 'InvoiceLine'), ...children(c.root, 'CreditNoteLine')];
}

/** UBL SubInvoiceLine / SubCreditNoteLine at any depth. */
export function subLineElements(root: XElement, out: XElement[] = []): XElement[] {
  for (const k of root.children) {
    if (k.name === 'SubInvoiceLine' || k.name === 'SubCreditNoteLine') {
      out.push(k);
    }
    if (
      k.name === 'InvoiceLine' ||
      k.name === 'CreditNoteLine' ||
      k.name === 'SubInvoiceLine' ||
      k.name === 'SubCreditNoteLine'
    ) {
      subLineElements(k, out);
    }
  }
  return out;
}

/** IBAN check exactly as BR-DE-19/20 compute it: format regex, then mod 97 on the digit string. */
export function ibanOk(raw: string | undefined): boolean {
  const s = (raw ?? '').replace(/\s/g, '');
  if (!/^[A-Z]{2}[0-9]{2}[a-zA-Z0-9]{0,30}$/.test(s)) {
    return false;
  }
  const re = s.slice(4) + s.slice(0, 2).toUpperCase() + s.slice(2, 4);
  // letters become cp - 55 (lower case ones too, as the rule computes it), digits stay; the
  // remainder of that digit string is computed group by group (ASCII only, see the regex above)
  let r = 0;
  for (let i = 0; i < re.length; i++) {
    const cp = re.charCodeAt(i);
    const v = cp > 64 ? cp - 55 : cp - 48;
    r = (r * (v < 10 ? 10 : 100) + v) % 97;
  }
  return r === 1;
}
