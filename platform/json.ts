// A JSON value, as the hub's records, histories and notifications carry them. (The ledger, which
// imports nothing outside itself, has its own: ledger/entry.ts; the two are the same type.)
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
