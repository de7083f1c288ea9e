import { XMLBuilder } from 'fast-xml-parser';

/**
 * GeoReport v2 answers in JSON or XML (the client picks by the file extension of the path). The
 * XML of each resource is a root element holding one element per item; lists inside an item
 * (attributes, values, formats) nest the same way. Pure.
 */
export type Format = 'json' | 'xml';

/** Splits `services.json` or `urban-management.street-lights.xml` into its name and format. */
export function splitFormat(file: string): { name: string; format: Format } | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const format = file.slice(dot + 1).toLowerCase();
  return format === 'json' || format === 'xml' ? { name: file.slice(0, dot), format } : null;
}

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/** How lists inside items are wrapped in XML: `attributes` holds `attribute` elements, and so on. */
const LIST_ITEMS: Record<string, string> = { attributes: 'attribute', values: 'value', endpoints: 'endpoint', formats: 'format' };

function forXml(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(forXml);
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, Array.isArray(v) && LIST_ITEMS[key] ? { [LIST_ITEMS[key]!]: forXml(v) } : forXml(v)]),
    );
  }
  return value;
}

/** One resource in XML: `<root><item>…</item>…</root>`, or `<root>…</root>` for a single object. */
export function toXml(root: string, item: string | null, body: unknown): string {
  const tree = item === null ? { [root]: forXml(body) } : { [root]: { [item]: forXml(body) } };
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build(tree)}`;
}

export const contentType = (format: Format) => (format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8');
