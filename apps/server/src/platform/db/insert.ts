import { getTableColumns, getTableName, is, SQL, sql, type Column, type SQLWrapper } from 'drizzle-orm';
import { PgDialect, type PgInsertValue, type PgTable } from 'drizzle-orm/pg-core';
import { inlineParams, literal } from './inline.js';

/**
 * A statement already written out as text, values inlined as quoted literals (inlineParams). It
 * joins a batch (batch.ts) as it is: no Drizzle chunks to walk, no placeholders to find again.
 */
export class InlineStatement implements SQLWrapper {
  constructor(readonly text: string) {}

  getSQL(): SQL {
    return sql.raw(this.text);
  }
}

interface Plan {
  prefix: string;
  columns: [key: string, column: Column][];
}

const plans = new WeakMap<PgTable, Plan>();
// Only for SQL-valued fields (a to_tsvector(…) expression); no casing setting is in use.
const dialect = new PgDialect();

function planOf(table: PgTable): Plan {
  let plan = plans.get(table);
  if (plan === undefined) {
    // Generated columns take no value (the method is Drizzle's own, not in its type declarations).
    const columns = Object.entries(getTableColumns(table)).filter(
      ([, c]) => !(c as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert(),
    );
    const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
    plan = { prefix: `insert into "${getTableName(table)}" (${names}) values `, columns };
    plans.set(table, plan);
  }
  return plan;
}

/**
 * INSERT of `rows` into `table` as Drizzle's `tx.insert(table).values(rows)` writes it (every
 * insertable column in table order; an absent value takes the column's default function, else its
 * onUpdate function when it has no default, else DEFAULT; values through the column's own mapping),
 * but written straight to text: Drizzle's query building was a sixth of the Node CPU of a ticket
 * create, whose four inserts carry about eighty values. For hot writes; the rest of the code keeps
 * using Drizzle's builder. Falls back to that builder's SQL where a value cannot be inlined.
 */
export function insertRows<T extends PgTable>(table: T, rows: readonly PgInsertValue<T>[]): SQLWrapper {
  const plan = planOf(table);
  const tuples = rows.map((row) =>
    plan.columns.map(([key, col]) => valueOf((row as Record<string, unknown>)[key], col)),
  );
  let text = plan.prefix;
  for (let r = 0; r < tuples.length; r++) {
    const values = tuples[r]!;
    text += r === 0 ? '(' : ', (';
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      let lit: string | undefined;
      if (v === undefined) {
        lit = 'default';
      } else if (is(v, SQL)) {
        const q = dialect.sqlToQuery(v);
        lit = inlineParams(q.sql, q.params);
      } else {
        lit = literal(v === null ? null : plan.columns[i]![1].mapToDriverValue(v));
      }
      if (lit === undefined) {
        return withParams(plan, tuples);
      }
      text += i === 0 ? lit : `, ${lit}`;
    }
    text += ')';
  }
  return new InlineStatement(text);
}

/** A value as Drizzle's insert takes it: an absent one from the default function, else the onUpdate one, else DEFAULT (undefined). */
function valueOf(v: unknown, col: Column): unknown {
  if (v !== undefined) {
    return v;
  }
  if (col.defaultFn !== undefined) {
    return col.defaultFn();
  }
  return !col.default && col.onUpdateFn !== undefined ? col.onUpdateFn() : undefined;
}

/** The same statement with bound parameters, for values the simple protocol cannot carry. */
function withParams(plan: Plan, tuples: unknown[][]): SQL {
  const rows = tuples.map((values) => {
    const cells = values.map((v, i) =>
      v === undefined ? sql`default` : is(v, SQL) ? v : sql.param(v, plan.columns[i]![1]),
    );
    return sql`(${sql.join(cells, sql`, `)})`;
  });
  return sql`${sql.raw(plan.prefix)}${sql.join(rows, sql`, `)}`;
}
