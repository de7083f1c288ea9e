import { XMLBuilder } from 'fast-xml-parser';

/**
 * GeoReport v2 answers in JSON or XML; the client picks by the extension of the path
 * (`services.xml`, `requests/NS-2026-000001.json`). The XML of a resource is a root element holding
 * one element per item; lists inside an item (attributes, values, endpoints, formats) nest the same
 * way, and the JSON is the same tree without the wrappers (the specification's "Spark convention").
 * Pure.
 */
export type Format = 'json' | 'xml';

/** Splits `services.json` or `urban-management.street-lights.xml` into its name and format. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = file.slice(dot + 1).toLowerCase();
  return format === 'json' || format === 'xml' ? { name: file.slice(0, dot), format } : null;
}

// fast-xml-parser escapes &, <, >, " and ' in text; element names are ours, never the client's.
const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/** How lists inside items are wrapped in XML: `attributes` holds `attribute` elements, and so on. */
const LIST_ITEMS: Record<string, string> = { attributes: 'attribute', values: 'value', endpoints: 'endpoint', formats: 'format' };

/**
 * Characters XML 1.0 cannot carry at all, not even escaped: C0 controls other than tab and the
 * line ends, lone surrogates, U+FFFE and U+FFFF. A description pasted from elsewhere can hold them.
 * (A parser would also turn a carriage return into a line feed, so that is done here, openly.)
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Text as XML can carry it: without those characters, and with line ends as every XML parser reads them (\n). */
export const xmlSafe = (text: string): string => text.replace(NOT_XML, '').replace(/\r\n?/g, '\n');

function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return xmlSafe(value);
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, Array.isArray(v) && LIST_ITEMS[key] ? { [LIST_ITEMS[key]!]: forXml(v) } : forXml(v)]),
    );
  }
  return value;
}

/** One resource in XML: `<root><item>…</item>…</root>` for a list, `<root>…</root>` for one object. */
export function toXml(root: string, item: string | null, body: unknown): string {
  const tree = item === null ? { [root]: forXml(body) } : { [root]: { [item]: forXml(body) } };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(tree)}`;
}

/** The body of an answer in either format. */
export const render = (format: Format, root: string, item: string | null, body: unknown): string => (format === 'xml' ? toXml(root, item, body) : JSON.stringify(body));

/**
 * The specification's error answer: a list of `{ code, description }`, `<errors><error>…` in XML.
 * The code is the HTTP status, as the specification's examples and most clients expect.
 */
export const renderErrors = (format: Format, status: number, descriptions: string[]): string =>
  render(
    format,
    'errors',
    'error',
    descriptions.map((description) => ({ code: status, description })),
  );

export const contentType = (format: Format) => (format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
