import type pg from 'pg';
import { inlineParams } from './inline.js';

type QueryConfig = { text: string; values?: unknown[]; name?: string; rowMode?: string; types?: unknown };

/**
 * A pooled connection that holds back statements whose answer nobody waits for (BEGIN and the
 * tenant setting, the writes of a finished batch) and sends them in one simple-protocol message
 * with the next statement, whose parameters are then inlined as literals (inlineParams). Each
 * round trip saved is a write and a wake-up on both sides; a ticket create goes from four to two.
 *
 * PostgreSQL runs the statements of one message in order and stops at the first error, which then
 * answers the message: a held-back statement's error surfaces at the next statement, and the
 * transaction rolls back as for any error. Where the next statement cannot be inlined (a NUL
 * character, binary data, a named statement), the held-back ones go first as a message of their
 * own, queued on the connection right before it.
 */
export class Piggyback {
  private head: string[] = [];
  /** How many results the held-back statements answer with (BEGIN; SELECT … is two). */
  private headResults = 0;
  private sent = false;

  constructor(private readonly inner: pg.PoolClient) {}

  defer(text: string, results: number): void {
    this.head.push(text);
    this.headResults += results;
  }

  /** Drops what is held back; true when something has reached the database (so a rollback is due). */
  discard(): boolean {
    this.head = [];
    this.headResults = 0;
    return this.sent;
  }

  query(config: string | QueryConfig, values?: unknown[]): Promise<unknown> {
    this.sent = true;
    if (this.head.length === 0) {
      return this.inner.query(config as never, values as never);
    }
    const cfg: QueryConfig = typeof config === 'string' ? { text: config } : config;
    const params = values ?? cfg.values;
    const inlined = cfg.name === undefined ? inlineParams(cfg.text, params) : undefined;
    const head = this.head.join('; ');
    const skip = this.headResults;
    this.head = [];
    this.headResults = 0;
    if (inlined === undefined) {
      const first = this.inner.query(head);
      const then = this.inner.query(config as never, values as never);
      return first.then(
        () => then,
        (e: unknown) => {
          then.catch(() => undefined);
          throw e;
        },
      );
    }
    const { values: _v, name: _n, ...rest } = cfg;
    return (this.inner.query({ ...rest, text: `${head}; ${inlined}` } as never) as Promise<unknown>).then((res) => {
      const all = res as pg.QueryResult[];
      const own = all.slice(skip);
      return own.length === 1 ? own[0] : own;
    });
  }
}
