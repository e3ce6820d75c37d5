// SQLite helpers shared by the subgraphs' repositories.
import type Database from 'better-sqlite3';

/**
 * A query over a list of keys, `... IN (?, ?, ...)`, prepared once per list length: DataLoader
 * batches come in many lengths, and preparing a statement costs more than running it.
 */
export function inListQuery<Row>(db: Database.Database, sql: (placeholders: string) => string): (keys: readonly string[]) => Row[] {
  const prepared = new Map<number, Database.Statement<string[], Row>>();
  return (keys) => {
    if (keys.length === 0) return [];
    let stmt = prepared.get(keys.length);
    if (stmt === undefined) {
      stmt = db.prepare<string[], Row>(sql(Array.from({ length: keys.length }, () => '?').join(', ')));
      prepared.set(keys.length, stmt);
    }
    return stmt.all(...keys);
  };
}
