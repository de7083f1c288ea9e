import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import localizeEnModule from 'ajv-i18n/localize/en/index.js';
import localizeZhModule from 'ajv-i18n/localize/zh/index.js';
import type { FastifySchemaCompiler } from 'fastify';
import type { Locale } from '../../config.js';

/**
 * Bodies are checked as sent: no type coercion and no silent dropping of unknown fields, so a
 * client that sends "5" for 5 or a misspelt field hears about it. Query strings and path
 * parameters arrive as text and are coerced to the declared types.
 */
function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, removeAdditional: false, useDefaults: true, strict: false });
  addFormats.default(ajv);
  return ajv;
}

// CommonJS modules whose typings claim an ES default export: take whichever shape arrives.
type Localize = (errors: ErrorObject[]) => void;
const callable = (m: unknown): Localize => ((m as { default?: Localize }).default ?? (m as Localize));
const localizeZh = callable(localizeZhModule);
const localizeEn = callable(localizeEnModule);

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);

export interface FieldError {
  in: string;
  path: string;
  rule: string;
  message: string;
}

/** Ajv's errors as the API reports them: where, which rule, and a message in the caller's language. */
export function describeValidation(errors: ErrorObject[], part: string, locale: Locale): FieldError[] {
  const copy = errors.map((e) => ({ ...e }));
  (locale === 'zh-CN' ? localizeZh : localizeEn)(copy);
  return copy.map((e) => {
    const extra = e.keyword === 'additionalProperties' ? `/${String((e.params as { additionalProperty?: string }).additionalProperty)}` : '';
    const missing = e.keyword === 'required' ? `/${String((e.params as { missingProperty?: string }).missingProperty)}` : '';
    return { in: part, path: (e.instancePath || '') + extra + missing || '/', rule: e.keyword, message: e.message ?? e.keyword };
  });
}
