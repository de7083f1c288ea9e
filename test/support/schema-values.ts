import fc from 'fast-check';
import type { JsonSchema } from './openapi.js';

/**
 * Values for a route's JSON schema, for the route-wide tests: the smallest valid value (to get
 * a request past validation and into the use case), arbitrary valid ones and hostile ones (for
 * fuzzing). Read from the OpenAPI document, so a new route is covered without a line here.
 */

const UUID = '01900000-0000-7000-8000-000000000000';

/** The first branch of a union that is not null (TypeBox's Nullable prints as anyOf/nullable). */
function concrete(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) return concrete(branches.find((b) => !(b.enum?.length === 1 && b.enum[0] === null) && b.type !== 'null') ?? branches[0]!);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map(concrete)) as JsonSchema;
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  if (Array.isArray(schema.type)) return schema.type.find((t) => t !== 'null');
  if (schema.type) return schema.type;
  if (schema.properties) return 'object';
  return undefined;
}

function stringFor(schema: JsonSchema): string {
  switch (schema.format) {
    case 'uuid':
      return UUID;
    case 'date-time':
      return '2026-11-01T00:00:00.000Z';
    case 'date':
      return '2026-11-01';
    case 'email':
      return 'someone@example.org';
    case 'uri':
      return 'https://example.org/';
  }
  if (schema.pattern) {
    const sample = fc.sample(fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= (schema.minLength ?? 0) && s.length <= (schema.maxLength ?? Infinity)), { numRuns: 1, seed: 7 })[0];
    if (sample !== undefined && (schema.minLength ?? 0) <= sample.length) return sample;
  }
  return '测试'.padEnd(Math.max(schema.minLength ?? 1, 4), '测').slice(0, Math.max(schema.maxLength ?? 8, 1));
}

/**
 * The smallest value the schema accepts: required properties only. `fill` may answer for a
 * property by name (a real place id for `placeId`, say); it is asked before the schema is.
 */
export function minimalValue(schema: JsonSchema, fill: (name: string) => unknown = () => undefined): unknown {
  const s = concrete(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum.find((v) => v !== null) ?? null;
  if (s.default !== undefined) return s.default;
  switch (typeOf(s)) {
    case 'object': {
      const value: Record<string, unknown> = {};
      const names = new Set(s.required ?? []);
      // A change with no field is refused: give the first property when nothing is required.
      if (names.size === 0 && (s.minProperties ?? 0) > 0) names.add(Object.keys(s.properties ?? {})[0]!);
      for (const name of names) {
        const given = fill(name);
        value[name] = given !== undefined ? given : minimalValue(s.properties?.[name] ?? {}, fill);
      }
      return value;
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => minimalValue(s.items ?? {}, fill));
    case 'string':
      return stringFor(s);
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    default:
      return null;
  }
}

/** Text meant to break something: injections, markup, control and odd Unicode characters, sizes. */
export const HOSTILE_TEXT = [
  "'); drop table places; --",
  "' or '1'='1",
  '%',
  '_%\\',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}',
  '../../../../etc/passwd',
  'a\u0000b',
  '\u202eevil\u202c',
  '\ud800',
  '𠮷野家🙂',
  ' ',
  '',
  'x'.repeat(5000),
  '1e309',
  '-0',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '9'.repeat(40),
  '2026-13-45T25:61:61Z',
  UUID.replace(/0/g, 'f'),
];

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_TEXT),
  fc.constantFrom<unknown>(null, true, false, 0, -1, 2 ** 31, -(2 ** 53), Number.MAX_SAFE_INTEGER, 1e308, 0.1, -0),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
);

/** Any JSON value at all, biased towards the hostile. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  hostileScalar,
  fc.array(hostileScalar, { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'placeId', 'a'), hostileScalar, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Values that the schema accepts (as far as fast-check's generators can follow it). */
export function validValue(schema: JsonSchema, fill: (name: string) => fc.Arbitrary<unknown> | undefined = () => undefined): fc.Arbitrary<unknown> {
  const s = concrete(schema);
  const orNull = (a: fc.Arbitrary<unknown>) => (schema.nullable || s.nullable ? fc.option(a, { nil: null, freq: 5 }) : a);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (typeOf(s)) {
    case 'object': {
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties ?? {}).map(([name, property]) => [name, fill(name) ?? validValue(property, fill)] as const);
      const record = fc.record(Object.fromEntries(entries), { requiredKeys: [...required].filter((n) => s.properties?.[n]) });
      return orNull(s.minProperties ? record.filter((r) => Object.keys(r).length >= s.minProperties!) : record);
    }
    case 'array':
      return orNull(
        fc.array(validValue(s.items ?? {}, fill), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 5, 5) }).map((items) =>
          s.uniqueItems ? [...new Map(items.map((i) => [JSON.stringify(i), i])).values()] : items,
        ),
      );
    case 'string': {
      const bounds = { minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 60, 60) };
      if (s.format === 'uuid') return orNull(fc.uuid());
      if (s.format === 'date-time') return orNull(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()));
      if (s.pattern) return orNull(fc.stringMatching(new RegExp(s.pattern)).filter((t) => t.length >= bounds.minLength && t.length <= (s.maxLength ?? Infinity)));
      return orNull(fc.string({ ...bounds, unit: fc.constantFrom('a', 'Z', '9', ' ', '社', '区', '-', "'", '"', '<', '%', '🙂') }));
    }
    case 'integer':
      return orNull(fc.integer({ min: s.minimum ?? -(2 ** 31), max: s.maximum ?? 2 ** 31 }));
    case 'number':
      return orNull(fc.double({ min: s.minimum ?? -1e9, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return orNull(fc.boolean());
    default:
      return hostileValue;
  }
}

/**
 * Bodies for fuzzing one route: valid ones, valid ones with one field spoiled or one field too
 * many, and anything at all.
 */
export function fuzzBody(schema: JsonSchema, fill?: (name: string) => fc.Arbitrary<unknown> | undefined): fc.Arbitrary<unknown> {
  const valid = validValue(schema, fill);
  const spoiled = fc
    .tuple(valid, fc.constantFrom(...Object.keys(concrete(schema).properties ?? { extra: {} }), 'extra', '__proto__'), hostileValue)
    .map(([value, field, bad]) => (value && typeof value === 'object' && !Array.isArray(value) ? { ...value, [field]: bad } : bad));
  return fc.oneof(valid, spoiled, hostileValue);
}
