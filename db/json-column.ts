/** A json column or json subquery's value: parsed by one driver, still text from another. */
export function parsedJson<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
