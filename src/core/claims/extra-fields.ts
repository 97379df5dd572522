// Fields this version does not know, kept so that saving never drops what a teammate's newer
// Consistency Checker wrote. They ride on the parsed objects under a symbol key: enumerable, so
// `{ ...claim, text }` in a mutate callback carries them along; a symbol, so JSON.stringify,
// LSP messages and Object.keys never see them, and only fields that came from the file (not
// properties a caller tacks on at runtime) are ever written back.

const EXTRA_FIELDS = Symbol('consistency-checker.extraFields');

type WithExtras = { [EXTRA_FIELDS]?: Readonly<Record<string, unknown>> };

/** Attaches unknown fields (in file order) to a parsed object; does nothing when there are none. */
export function setExtraFields(target: object, fields: Record<string, unknown>): void {
  if (Object.keys(fields).length === 0) return;
  Object.defineProperty(target, EXTRA_FIELDS, {
    value: Object.freeze({ ...fields }),
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

export function getExtraFields(source: object): Readonly<Record<string, unknown>> {
  return (source as WithExtras)[EXTRA_FIELDS] ?? {};
}

/** Returns the known fields, then the extras that do not collide with them, as one plain object. */
export function withExtraFields(source: object, known: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...known };
  for (const [key, value] of Object.entries(getExtraFields(source))) {
    if (!Object.hasOwn(out, key))
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
