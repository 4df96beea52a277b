/**
 * Records keyed by ids users choose (component, stream and edge ids): an id is an ordinary key,
 * even one that names a property every object inherits (`constructor`, `toString`, `valueOf`,
 * `hasOwnProperty`) or the prototype itself (`__proto__`). Snapshots stay plain objects (they
 * cross structured clone to the page), so they are built without a prototype and read with
 * {@link own}.
 */

/** An empty record without a prototype: `r[id] = v` stores `v` under `id`, whatever `id` is. */
export function idRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/**
 * `record[id]` when `id` is the record's own key, else undefined (never an inherited property:
 * `own({}, 'constructor')` is undefined where `({})['constructor']` is `Object`).
 *
 * @example
 * own(snapshot.lastErrors, component.id) ?? null
 */
export function own<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}
