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
  let text = plan.prefix;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>;
    text += r === 0 ? '(' : ', (';
    for (let i = 0; i < plan.columns.length; i++) {
      const [key, col] = plan.columns[i]!;
      let v = row[key];
      if (v === undefined) {
        if (col.defaultFn !== undefined) {
          v = col.defaultFn();
        } else if (!col.default && col.onUpdateFn !== undefined) {
          v = col.onUpdateFn();
        }
      }
      let lit: string | undefined;
      if (v === undefined) {
        lit = 'default';
      } else if (is(v, SQL)) {
        const q = dialect.sqlToQuery(v);
        lit = inlineParams(q.sql, q.params);
      } else {
        lit = literal(v === null ? null : col.mapToDriverValue(v));
      }
      if (lit === undefined) {
        return fallback(table, rows);
      }
      text += i === 0 ? lit : `, ${lit}`;
    }
    text += ')';
  }
  return new InlineStatement(text);
}

/** The same statement with bound parameters, for values the simple protocol cannot carry. */
function fallback<T extends PgTable>(table: T, rows: readonly PgInsertValue<T>[]): SQL {
  const plan = planOf(table);
  const tuples = rows.map((row) => {
    const values = plan.columns.map(([key, col]) => {
      let v = (row as Record<string, unknown>)[key];
      if (v === undefined) {
        v =
          col.defaultFn !== undefined
            ? col.defaultFn()
            : !col.default && col.onUpdateFn !== undefined
              ? col.onUpdateFn()
              : undefined;
      }
      return v === undefined ? sql`default` : is(v, SQL) ? v : sql.param(v, col);
    });
    return sql`(${sql.join(values, sql`, `)})`;
  });
  return sql`${sql.raw(plan.prefix)}${sql.join(tuples, sql`, `)}`;
}
