// A small checker of JSON values against a hand-written shape: report files and tag records are untrusted input.

/**
 * What a JSON value must look like. Objects list their fields (other fields are allowed: newer
 * writers may add some); `dict` is an object whose keys are data (any name, `__proto__` included).
 */
export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'any'
  | { nullable: Shape }
  | { optional: Shape }
  | { oneOf: readonly string[] }
  | { list: Shape }
  | { dict: Shape }
  | { fields: Readonly<Record<string, Shape>> };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

function expected(shape: Shape): string {
  if (typeof shape === 'string') return shape === 'any' ? 'a value' : `a ${shape}`;
  if ('nullable' in shape) return `${expected(shape.nullable)} or null`;
  if ('optional' in shape) return expected(shape.optional);
  if ('oneOf' in shape) return `one of ${shape.oneOf.map((s) => JSON.stringify(s)).join(', ')}`;
  if ('list' in shape) return 'a list';
  return 'an object';
}

/** A field's path for messages: `groupings[0].rows[3].health`; keys that are not plain names are quoted. */
function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
  return path ? (name.startsWith('"') ? `${path}[${name}]` : `${path}.${name}`) : name;
}

/**
 * The first place where `value` does not fit `shape`, as `field <path>: expected …, not …`, or null when it
 * fits. Walks the shape, not the value, so a value nested 100,000 deep costs as much as the shape is deep.
 */
export function shapeError(value: unknown, shape: Shape, path = ''): string | null {
  const fail = (): string => `${path ? `field ${path}` : 'the value'}: expected ${expected(shape)}, not ${describe(value)}`;
  if (shape === 'any') return null;
  if (shape === 'string' || shape === 'boolean') return typeof value === shape ? null : fail();
  if (shape === 'number') return typeof value === 'number' && Number.isFinite(value) ? null : fail();
  if ('nullable' in shape) {
    if (value === null) return null;
    const inner = shape.nullable;
    // A scalar that does not fit is named with the whole expectation ("a number or null"); a structure by its field.
    const scalar = typeof inner === 'string' || 'oneOf' in inner;
    return scalar ? (shapeError(value, inner, path) === null ? null : fail()) : shapeError(value, inner, path);
  }
  if ('optional' in shape) return value === undefined ? null : shapeError(value, shape.optional, path);
  if ('oneOf' in shape) return typeof value === 'string' && shape.oneOf.includes(value) ? null : fail();
  if ('list' in shape) {
    if (!Array.isArray(value)) return fail();
    for (let i = 0; i < value.length; i++) {
      const error = shapeError(value[i], shape.list, join(path, i));
      if (error) return error;
    }
    return null;
  }
  if (!isObject(value)) return fail();
  if ('dict' in shape) {
    for (const key of Object.keys(value)) {
      const error = shapeError(value[key], shape.dict, join(path, key));
      if (error) return error;
    }
    return null;
  }
  for (const [key, field] of Object.entries(shape.fields)) {
    const v = Object.hasOwn(value, key) ? value[key] : undefined;
    if (v === undefined && !(typeof field === 'object' && 'optional' in field)) return `field ${join(path, key)}: missing (expected ${expected(field)})`;
    const error = shapeError(v, field, join(path, key));
    if (error) return error;
  }
  return null;
}
