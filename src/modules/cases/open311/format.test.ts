import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { contentType, render, renderErrors, splitFormat, toXml, xmlSafe } from './format.js';

const parser = new XMLParser({ isArray: (name) => ['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'].includes(name), parseTagValue: false });

describe('the format of an answer', () => {
  it('comes from the extension of the path', () => {
    expect(splitFormat('services.json')).toEqual({ name: 'services', format: 'json' });
    expect(splitFormat('urban-management.street-lights.XML')).toEqual({ name: 'urban-management.street-lights', format: 'xml' });
    expect(splitFormat('NS-2026-000001.xml')).toEqual({ name: 'NS-2026-000001', format: 'xml' });
    for (const bad of ['services', 'services.html', '.json', '']) expect(splitFormat(bad), bad).toBeNull();
    expect(contentType('xml')).toBe('text/xml; charset=utf-8');
    expect(contentType('json')).toBe('application/json; charset=utf-8');
  });
});

describe('XML', () => {
  it('opens with the declaration and wraps lists of items and lists inside items', () => {
    const xml = toXml('service_definition', null, {
      service_code: 'water.supply',
      attributes: [{ code: 'urgency', required: false, datatype_description: null, values: [{ key: 'normal', name: 'Normal' }] }],
    });
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<service_definition>')).toBe(true);
    expect(XMLValidator.validate(xml)).toBe(true);
    const tree = parser.parse(xml);
    expect(tree.service_definition.attributes.attribute[0]).toEqual({ code: 'urgency', required: 'false', datatype_description: '', values: { value: [{ key: 'normal', name: 'Normal' }] } });
  });

  it('writes a list as its root with one element per item, and an empty list as an empty root', () => {
    expect(parser.parse(toXml('services', 'service', [{ service_code: 'a.b' }, { service_code: 'c.d' }])).services.service).toEqual([{ service_code: 'a.b' }, { service_code: 'c.d' }]);
    expect(toXml('service_requests', 'request', [])).toContain('<service_requests></service_requests>');
  });

  it('carries any text a resident may type, and gives it back the same (less what XML cannot hold)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const xml = toXml('service_requests', 'request', [{ description: text }]);
        expect(XMLValidator.validate(xml)).toBe(true);
        const back = new XMLParser({ trimValues: false, parseTagValue: false }).parse(xml).service_requests.request.description;
        // The pretty-printer's indentation is not the resident's; the words are.
        expect(String(back ?? '')).toBe(xmlSafe(text));
      }),
      { numRuns: 300 },
    );
  });

  it('escapes markup instead of running it', () => {
    const xml = toXml('errors', 'error', [{ code: 400, description: '<script>alert("x")</script> & ]]>' }]);
    expect(xml).not.toContain('<script>');
    expect(parser.parse(xml).errors.error[0].description).toBe('<script>alert("x")</script> & ]]>');
  });
});

describe('errors', () => {
  it('are a list of code and description in JSON and <errors><error> in XML', () => {
    expect(JSON.parse(renderErrors('json', 403, ['no key']))).toEqual([{ code: 403, description: 'no key' }]);
    expect(parser.parse(renderErrors('xml', 400, ['one', 'two'])).errors.error).toEqual([
      { code: '400', description: 'one' },
      { code: '400', description: 'two' },
    ]);
    expect(render('json', 'x', null, { a: null })).toBe('{"a":null}');
  });
});
