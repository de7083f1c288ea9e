import { Type, type TSchema } from 'typebox';

/** Building blocks shared by the route schemas of every module. */
export const Uuid = Type.String({ format: 'uuid' });
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
export const DateTime = Type.String({ format: 'date-time' });

/**
 * Free text that people type: length limits keep one field from filling a page, and the NUL
 * character, which PostgreSQL cannot store in text, is refused here rather than by a failed query.
 */
export const Text = (maxLength: number, minLength = 1) => Type.String({ minLength, maxLength, pattern: '^[^\\u0000]*$' });

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const Limit = (max = 200, dflt = 50) => Type.Integer({ minimum: 1, maximum: max, default: dflt });

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable code for programs, e.g. place_code_taken' }),
      message: Type.String({ description: 'For people, in the language of Accept-Language' }),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  },
  { $id: 'Error' },
);

/** The error answers a route can give, for the OpenAPI document. */
export const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((s) => [s, Type.Ref('Error')]));

export const Ok = Type.Object({ ok: Type.Literal(true) });
