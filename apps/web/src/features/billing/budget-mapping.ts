/**
 * The budget mapping form of a member (Doppik: product, account, cost centre; Kameralistik: budget
 * line) as plain functions: what the form starts with, what it sends, which fields are missing.
 */
export type BudgetSystem = 'doppik' | 'kameralistik';
export type ExpenseKind = 'consumptive' | 'investive';

export interface MappingValues {
  system: BudgetSystem;
  product: string;
  account: string;
  costCentre: string;
  budgetLine: string;
  expenseKind: ExpenseKind;
}

export interface StoredMapping {
  system: BudgetSystem | null;
  product: string | null;
  account: string | null;
  costCentre: string | null;
  budgetLine: string | null;
  expenseKind: ExpenseKind;
}

export interface MappingBody {
  system: BudgetSystem;
  product: string | null;
  account: string | null;
  costCentre: string | null;
  budgetLine: string | null;
  expenseKind: ExpenseKind;
}

/** The form's start: the stored mapping, or Doppik and consumptive for a member without one. */
export function mappingValues(m: StoredMapping): MappingValues {
  return {
    system: m.system ?? 'doppik',
    product: m.product ?? '',
    account: m.account ?? '',
    costCentre: m.costCentre ?? '',
    budgetLine: m.budgetLine ?? '',
    expenseKind: m.expenseKind,
  };
}

const MAX = 50;

/**
 * The request body, or the fields in error (`required` or `tooLong`). Only the fields of the
 * chosen system are sent; the others are cleared, so a switch from Doppik to Kameralistik leaves
 * no stale account behind.
 */
export function mappingBody(v: MappingValues): { ok: true; body: MappingBody } | { ok: false; errors: Partial<Record<keyof MappingValues, 'required' | 'tooLong'>> } {
  const t = (s: string) => s.trim();
  const fields: (keyof MappingValues)[] = v.system === 'doppik' ? ['product', 'account', 'costCentre'] : ['budgetLine'];
  const required: (keyof MappingValues)[] = v.system === 'doppik' ? ['product', 'account'] : ['budgetLine'];
  const errors: Partial<Record<keyof MappingValues, 'required' | 'tooLong'>> = {};
  for (const f of fields) {
    const value = t(v[f]);
    if (required.includes(f) && value === '') {
      errors[f] = 'required';
    } else if (value.length > MAX) {
      errors[f] = 'tooLong';
    }
  }
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors };
  }
  const keep = (f: 'product' | 'account' | 'costCentre' | 'budgetLine') => (fields.includes(f) && t(v[f]) !== '' ? t(v[f]) : null);
  return {
    ok: true,
    body: { system: v.system, product: keep('product'), account: keep('account'), costCentre: keep('costCentre'), budgetLine: keep('budgetLine'), expenseKind: v.expenseKind },
  };
}

/** One line for the table: "Produkt 1.1.1 · Konto 4411 · KSt 100" or the budget line; null when unmapped. */
export function mappingSummary(m: StoredMapping, labels: { product: string; account: string; costCentre: string; budgetLine: string }): string | null {
  if (m.system === 'doppik') {
    return [
      m.product ? `${labels.product} ${m.product}` : null,
      m.account ? `${labels.account} ${m.account}` : null,
      m.costCentre ? `${labels.costCentre} ${m.costCentre}` : null,
    ]
      .filter(Boolean)
      .join(' · ');
  }
  if (m.system === 'kameralistik') {
    return m.budgetLine ? `${labels.budgetLine} ${m.budgetLine}` : null;
  }
  return null;
}
