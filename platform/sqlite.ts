// SQLite helpers shared by the stores' adapters (platform/mongodb.ts is MongoDB's).
import type Database from 'better-sqlite3';

import { hubTimeZone, monthOf } from './hub-calendar.js';
import type { ChangeKey, ListRead } from './pagination.js';

/**
 * A query over a list of keys, `... IN (?, ?, ...)`, prepared once per list length: DataLoader
 * batches come in many lengths, and preparing a statement costs more than running it. Parameters
 * the SQL has after the list are given after the keys.
 */
export function inListQuery<Row>(
  db: Database.Database,
  sql: (placeholders: string) => string,
): (keys: readonly string[], ...after: (string | number)[]) => Row[] {
  const prepared = new Map<number, Database.Statement<(string | number)[], Row>>();
  return (keys, ...after) => {
    if (keys.length === 0) return [];
    let stmt = prepared.get(keys.length);
    if (stmt === undefined) {
      stmt = db.prepare<(string | number)[], Row>(sql(Array.from({ length: keys.length }, () => '?').join(', ')));
      prepared.set(keys.length, stmt);
    }
    return stmt.all(...keys, ...after);
  };
}

type Value = string | number;
/** A condition and its parameter, or parameters for a row value such as (date, number) > (?, ?). */
export type Condition = readonly [sql: string, value: Value | readonly Value[] | undefined];

/** The WHERE clause of the conditions whose value is given, and their parameters in order. */
export function whereOf(conditions: readonly Condition[]): { where: string; params: Value[] } {
  const given = conditions.filter((c): c is readonly [string, Value | readonly Value[]] => c[1] !== undefined);
  return { where: given.length === 0 ? '' : `WHERE ${given.map(([sql]) => sql).join(' AND ')}`, params: given.flatMap(([, value]) => value) };
}

/** Prepares each distinct SQL text once: filtered pages and counts come in a few shapes. */
export function statementCache(db: Database.Database): <Row>(sql: string) => Database.Statement<(string | number)[], Row> {
  const prepared = new Map<string, Database.Statement<(string | number)[], unknown>>();
  return <Row>(sql: string) => {
    let stmt = prepared.get(sql);
    if (stmt === undefined) prepared.set(sql, (stmt = db.prepare<(string | number)[], unknown>(sql)));
    return stmt as Database.Statement<(string | number)[], Row>;
  };
}

/**
 * Keyset pages of a table in id order: the rows after the id `after` that match every condition
 * given, `limit` at most. Each shape of filter is prepared once.
 */
export function pagesById<Row>(db: Database.Database, table: string): (conditions: readonly Condition[], after: string | undefined, limit: number) => Row[] {
  const statement = statementCache(db);
  return (conditions, after, limit) => {
    const { where, params } = whereOf([...conditions, ['id > ?', after]]);
    return statement<Row>(`SELECT * FROM ${table} ${where} ORDER BY id LIMIT ?`).all(...params, limit);
  };
}

/**
 * Keyset pages of a table in change order (updated_at, then id): the rows changed at `since` or
 * later, after the change key `after`, that match every condition given; `limit` at most. The
 * table keeps `updated_at` as an ISO instant, indexed with id after the conditions' columns.
 */
export function pagesByChange<Row>(
  db: Database.Database,
  table: string,
): (conditions: readonly Condition[], since: string, after: ChangeKey | undefined, limit: number) => Row[] {
  const statement = statementCache(db);
  return (conditions, since, after, limit) => {
    const { where, params } = whereOf([
      ...conditions,
      ['updated_at >= ?', since],
      ['(updated_at, id) > (?, ?)', after === undefined ? undefined : [after.updatedAt, after.id]],
    ]);
    return statement<Row>(`SELECT * FROM ${table} ${where} ORDER BY updated_at, id LIMIT ?`).all(...params, limit);
  };
}

/** Counts the rows of a table matching every condition given: what its pages page through. */
export function countsOf(db: Database.Database): (table: string, conditions: readonly Condition[]) => number {
  const statement = statementCache(db);
  return (table, conditions) => {
    const { where, params } = whereOf(conditions);
    return statement<{ n: number }>(`SELECT count(*) AS n FROM ${table} ${where}`).get(...params)!.n;
  };
}

/** Pages of a table that can be synced, in the order read asks: pagesById or pagesByChange. */
export function listPages<Row>(db: Database.Database, table: string): (conditions: readonly Condition[], read: ListRead, limit: number) => Row[] {
  const byId = pagesById<Row>(db, table);
  const byChange = pagesByChange<Row>(db, table);
  return (conditions, read, limit) => (read.order === 'ID' ? byId(conditions, read.after, limit) : byChange(conditions, read.since, read.after, limit));
}

/** One row per key, in the order asked; undefined where none. */
export function inKeyOrder<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): (T | undefined)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => byKey.get(k));
}

/** The rows under each key, in the order asked and in the rows' order; [] where none. */
export function groupedByKey<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const byKey = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) byKey.get(keyOf(r))?.push(r);
  return keys.map((k) => byKey.get(k)!);
}

/**
 * Counters by month are kept in the hub's time zone (platform/hub-calendar.ts). Once per database
 * and zone, in the caller's transaction: when the zone they were counted in (UTC before there was
 * one) is not `zone`, `recount` counts them again from the rows.
 */
export function monthCountsInZone(db: Database.Database, counters: string, zone: string, recount: () => void): void {
  db.exec('CREATE TABLE IF NOT EXISTS month_count_zones (counters TEXT PRIMARY KEY, zone TEXT NOT NULL) WITHOUT ROWID');
  const was = db.prepare<[string], string>('SELECT zone FROM month_count_zones WHERE counters = ?').pluck().get(counters);
  if (was === zone) return;
  recount();
  db.prepare('INSERT INTO month_count_zones (counters, zone) VALUES (?, ?) ON CONFLICT DO UPDATE SET zone = excluded.zone').run(counters, zone);
}

/**
 * monthCountsInZone for a counter table of (month, n) counting rows by month: `instants` is a query
 * of one ISO 8601 instant a row, each counted in the month it falls in in the hub's time zone.
 */
export function monthCountsOfRows(db: Database.Database, counters: string, instants: string): void {
  monthCountsInZone(db, counters, hubTimeZone(), () => {
    const months = new Map<string, number>();
    for (const at of db.prepare<[], string>(instants).pluck().iterate()) {
      const month = monthOf(at);
      months.set(month, (months.get(month) ?? 0) + 1);
    }
    db.exec(`DELETE FROM ${counters}`);
    const add = db.prepare(`INSERT INTO ${counters} (month, n) VALUES (?, ?)`);
    for (const [month, n] of months) add.run(month, n);
  });
}

/** Whether `table` has `column`: what a migration asks before it adds one. */
export const hasColumn = (db: Database.Database, table: string, column: string): boolean =>
  db
    .prepare<[string], { name: string }>(`SELECT name FROM pragma_table_info(?)`)
    .all(table)
    .some((c) => c.name === column);

/**
 * A page of each owner's rows: `sql` takes the owner, the cursor and the limit (in that order) and
 * reads one owner's page along an index; each distinct owner is read once, in the order asked.
 */
export function pagesOf<Row>(db: Database.Database, sql: string): (owners: readonly string[], after: Value, limit: number) => Row[][] {
  const page = db.prepare<[string, Value, number], Row>(sql);
  return (owners, after, limit) => {
    if (limit <= 0) return owners.map(() => []);
    const pages = new Map([...new Set(owners)].map((owner) => [owner, page.all(owner, after, limit)]));
    return owners.map((owner) => pages.get(owner)!);
  };
}
