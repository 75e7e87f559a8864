/**
 * A record's own entry, never one inherited from Object.prototype: request-supplied keys
 * such as "__proto__" or "constructor" must look up nothing.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
