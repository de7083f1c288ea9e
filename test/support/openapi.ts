import type { FastifyInstance } from 'fastify';

/** The part of a JSON schema (as the OpenAPI document prints it) that the test generators read. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteSpec {
  method: Method;
  /** As the OpenAPI document writes it: /api/cases/{id} */
  path: string;
  /** `METHOD path`, the key of the authorization matrix. */
  key: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  requiredQuery: string[];
  body: JsonSchema | null;
}

interface Operation {
  parameters?: { in: string; name: string; schema: JsonSchema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

/** Every route the API serves, with its schemas, read from the OpenAPI document the app publishes. */
export async function routeTable(app: FastifyInstance): Promise<RouteSpec[]> {
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, Operation>> }>();
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, operation]) => {
      const method = m.toUpperCase() as Method;
      const parameters = operation.parameters ?? [];
      return {
        method,
        path,
        key: `${method} ${path}`,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        requiredQuery: parameters.filter((p) => p.in === 'query' && p.required).map((p) => p.name),
        body: operation.requestBody?.content?.['application/json']?.schema ?? null,
      };
    }),
  );
}

/** The routes under /api and /healthz: the ones with an access rule. */
export const isApiRoute = (route: RouteSpec): boolean => route.path.startsWith('/api') || route.path === '/healthz';

/** A path with its parameters filled in. A lone surrogate cannot travel in a URL, so it becomes U+FFFD first, as any client would send it. */
export const fillPath = (path: string, values: Record<string, string>): string =>
  path.replace(/\{([a-zA-Z]+)\}/g, (_, name: string) => encodeURIComponent(wellFormed(values[name] ?? '')));

const wellFormed = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A query string from a record, leaving out undefined values; arrays repeat the key. */
export function queryString(values: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(name, typeof item === 'string' ? item : JSON.stringify(item));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
