import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../workflow.js';
import {
  type AttributeDefinition,
  fullName,
  keywordsOf,
  listArgument,
  maskPersonalData,
  open311Status,
  parseServiceCode,
  parseW3cDateTime,
  placeForAddress,
  presentRequest,
  readAttributes,
  readStatusFilter,
  requestWindow,
  SERVICE_ATTRIBUTES,
  serviceCodeOf,
  statusesFor,
  WINDOW_DAYS,
} from './mapping.js';

const attribute = (over: Partial<AttributeDefinition> & Pick<AttributeDefinition, 'code' | 'datatype'>): AttributeDefinition => ({
  variable: true,
  required: false,
  datatype_description: null,
  order: 1,
  description: over.code,
  values: [],
  ...over,
});

describe('service codes', () => {
  it('name the department and the category, and read back', () => {
    const code = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}$/);
    fc.assert(fc.property(code, code, (department, category) => {
        expect(parseServiceCode(serviceCodeOf(department, category))).toEqual({ department, category });
      }),
    );
  });

  it('refuse anything that is not two catalog codes', () => {
    for (const bad of ['', 'water', 'a.b.c', '.b', 'a.', 'Water.Supply', 'a b.c', 'a.b/c']) expect(parseServiceCode(bad), bad).toBeNull();
  });

  it('keywords are one comma-separated string of both languages and what the department handles', () => {
    const keywords = keywordsOf({ nameZh: '路灯', nameEn: 'Street lights' }, { nameZh: '城管局', nameEn: 'Urban Management', handles: 'street lamps, pavements，占道经营' });
    expect(keywords).toBe('路灯, Street lights, 城管局, Urban Management, street lamps, pavements, 占道经营');
  });
});

describe('statuses', () => {
  it('are open until the case is resolved, closed or merged', () => {
    expect(CASE_STATUSES.filter((s) => open311Status(s) === 'closed').sort()).toEqual(['closed', 'merged', 'resolved']);
    expect([...statusesFor(['open']), ...statusesFor(['closed'])].sort()).toEqual([...CASE_STATUSES].sort());
    expect(statusesFor(['open', 'closed'])).toHaveLength(CASE_STATUSES.length);
  });

  it('filter by one, both (comma separated or repeated) or none, and nothing else', () => {
    expect(readStatusFilter(undefined)).toEqual({ statuses: null });
    expect(readStatusFilter('')).toEqual({ statuses: null });
    expect(readStatusFilter('open')).toEqual({ statuses: ['open'] });
    expect(readStatusFilter('open,closed')).toEqual({ statuses: ['open', 'closed'] });
    expect(readStatusFilter(['closed', 'open'])).toEqual({ statuses: ['closed', 'open'] });
    expect(readStatusFilter('pending')).toEqual({ code: 'open311_status_invalid' });
  });

  it('list arguments split on commas, drop blanks and repeats', () => {
    expect(listArgument(' a, b,,a ')).toEqual(['a', 'b']);
    expect(listArgument(['a,b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(listArgument(' , ')).toBeNull();
    expect(listArgument(undefined)).toBeNull();
  });
});

describe('attributes', () => {
  const definitions = [
    attribute({ code: 'kind', datatype: 'singlevaluelist', required: true, order: 1, values: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }] }),
    attribute({ code: 'sides', datatype: 'multivaluelist', order: 2, values: [{ key: 'n', name: 'N' }, { key: 's', name: 'S' }] }),
    attribute({ code: 'count', datatype: 'number', order: 3 }),
    attribute({ code: 'since', datatype: 'datetime', order: 4 }),
    attribute({ code: 'pole', datatype: 'string', order: 5 }),
    attribute({ code: 'notes', datatype: 'text', order: 6 }),
    attribute({ code: 'info', datatype: 'text', order: 7, variable: false }),
  ];

  it('read form fields, repeated multivalue fields and nested JSON alike', () => {
    expect(
      readAttributes(definitions, {
        'attribute[kind]': 'a',
        'attribute[sides][]': ['n', 's', 'n'],
        'attribute[count]': '3',
        'attribute[since]': '2026-11-20T08:00:00+08:00',
        'attribute[pole]': ' SZ-0042 ',
        'attribute[notes]': 'line one\nline two',
      }),
    ).toEqual({ values: { kind: 'a', sides: ['n', 's'], count: '3', since: '2026-11-20T00:00:00.000Z', pole: 'SZ-0042', notes: 'line one\nline two' } });
    expect(readAttributes(definitions, { attribute: { kind: 'b', sides: ['s'] } })).toEqual({ values: { kind: 'b', sides: ['s'] } });
    expect(readAttributes(definitions, { 'attribute[kind]': 'b', 'attribute[sides]': 's' })).toEqual({ values: { kind: 'b', sides: ['s'] } });
  });

  it('enforce required attributes; an empty value is not given', () => {
    expect(readAttributes(definitions, {})).toEqual({ problems: [{ code: 'open311_attribute_required', details: { attribute: 'kind' } }] });
    expect(readAttributes(definitions, { 'attribute[kind]': '  ' })).toEqual({ problems: [{ code: 'open311_attribute_required', details: { attribute: 'kind' } }] });
  });

  it('check each datatype and report every problem at once', () => {
    const result = readAttributes(definitions, {
      'attribute[kind]': 'c',
      'attribute[sides][]': ['n', 'w'],
      'attribute[count]': 'three',
      'attribute[since]': 'yesterday',
      'attribute[pole]': 'two\nlines',
      'attribute[info]': 'not an input',
      'attribute[colour]': 'red',
    });
    expect('problems' in result && result.problems.map((p) => [p.code, p.details?.attribute])).toEqual([
      ['open311_attribute_unknown', 'info'],
      ['open311_attribute_unknown', 'colour'],
      ['open311_attribute_value_unknown', 'kind'],
      ['open311_attribute_value_unknown', 'sides'],
      ['open311_attribute_not_number', 'count'],
      ['open311_attribute_not_datetime', 'since'],
      ['open311_attribute_line_break', 'pole'],
    ]);
    expect(readAttributes(definitions, { 'attribute[kind]': ['a', 'b'] })).toEqual({ problems: [{ code: 'open311_attribute_one_value', details: { attribute: 'kind' } }] });
    expect(readAttributes(definitions, { 'attribute[kind]': 'a', 'attribute[pole]': 'x'.repeat(501) })).toEqual({
      problems: [{ code: 'open311_attribute_too_long', details: { attribute: 'pole', max: 500 } }],
    });
  });

  it('every service’s own attributes are optional, so a client that reads no definition can post', () => {
    expect(SERVICE_ATTRIBUTES.every((a) => !a.required)).toBe(true);
    expect(readAttributes(SERVICE_ATTRIBUTES, {})).toEqual({ values: {} });
    expect(readAttributes(SERVICE_ATTRIBUTES, { 'attribute[urgency]': 'urgent', 'attribute[landmark]': '7-Eleven' })).toEqual({ values: { urgency: 'urgent', landmark: '7-Eleven' } });
    expect(new Set(SERVICE_ATTRIBUTES.map((a) => a.order)).size).toBe(SERVICE_ATTRIBUTES.length); // orders are unique, as the specification asks
  });
});

describe('W3C date-times', () => {
  it('take a day, or a time with its zone', () => {
    expect(parseW3cDateTime('2026-01-01')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseW3cDateTime('2026-01-01T08:00:00+08:00')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parseW3cDateTime('2026-01-01T08:00Z')?.toISOString()).toBe('2026-01-01T08:00:00.000Z');
    expect(parseW3cDateTime('2026-01-01T08:00:00.250-05:00')?.toISOString()).toBe('2026-01-01T13:00:00.250Z');
  });

  it('refuse times without a zone, impossible dates and other formats', () => {
    for (const bad of ['2026-01-01T08:00:00', '2026-02-30', '2026-13-01', '2026-01-01T24:00:00Z', '01/02/2026', 'now', '1767225600', '2026-01-01T08:00:00+25:00']) {
      expect(parseW3cDateTime(bad), bad).toBeNull();
    }
  });

  it('round-trip every instant the API writes', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        expect(parseW3cDateTime(d.toISOString())?.getTime()).toBe(d.getTime());
      }),
    );
  });
});

describe('the window of a request list', () => {
  const now = new Date('2026-11-23T00:00:00Z');
  const days = (n: number) => n * 86_400_000;

  it('is the last 90 days by default, and 90 days from the one date given', () => {
    expect(requestWindow(null, null, now)).toEqual({ start: new Date(now.getTime() - days(WINDOW_DAYS)), end: now });
    const start = new Date('2026-01-01T00:00:00Z');
    expect(requestWindow(start, null, now)).toEqual({ start, end: new Date(start.getTime() + days(90)) });
    expect(requestWindow(null, start, now)).toEqual({ start: new Date(start.getTime() - days(90)), end: start });
  });

  it('takes a range of at most 90 days, start first', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    expect(requestWindow(start, new Date(start.getTime() + days(90)), now)).toEqual({ start, end: new Date(start.getTime() + days(90)) });
    expect(requestWindow(start, new Date(start.getTime() + days(90) + 1), now)).toEqual({ code: 'open311_date_range_invalid' });
    expect(requestWindow(start, new Date(start.getTime() - 1), now)).toEqual({ code: 'open311_date_range_invalid' });
  });

  it('never spans more than 90 days', () => {
    const maybe = fc.option(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), { nil: null });
    fc.assert(
      fc.property(maybe, maybe, (start, end) => {
        const window = requestWindow(start, end, now);
        if ('start' in window) expect(window.end.getTime() - window.start.getTime()).toBeLessThanOrEqual(days(90));
      }),
    );
  });
});

describe('the place of an address', () => {
  const city = 'city';
  const places = [
    { id: 'district', nameZh: '南山区', nameEn: 'Nanshan District', depth: 3 },
    { id: 'subdistrict', nameZh: '招商街道', nameEn: 'Zhaoshang Subdistrict', depth: 4 },
    { id: 'community', nameZh: '水湾社区', nameEn: 'Shuiwan Community', depth: 5 },
    { id: 'other-community', nameZh: '湾厦社区', nameEn: 'Wanxia Community', depth: 5 },
    { id: 'short', nameZh: '湾', nameEn: 'Wan', depth: 6 },
  ];

  it('is the most specific place the address names', () => {
    expect(placeForAddress('深圳市南山区招商街道水湾社区 水湾路 8 号', places, city)).toBe('community');
    expect(placeForAddress('南山区招商街道某路', places, city)).toBe('subdistrict');
    expect(placeForAddress('8 Shuiwan Rd, shuiwan community, Nanshan', places, city)).toBe('community');
  });

  it('is the city when nothing is named, or no address is given; one-character names never match', () => {
    expect(placeForAddress('某某路 8 号', places, city)).toBe(city);
    expect(placeForAddress(null, places, city)).toBe(city);
    expect(placeForAddress('湾', places, city)).toBe(city);
  });
});

describe('the public view of a request', () => {
  const row = {
    number: 'NS-2026-000123',
    status: 'on_scene' as const,
    description: '路灯不亮，联系我 13800138000 或 wang@example.com，身份证 440305199001011234',
    address: '水湾路 8 号',
    placeId: 'a1b2',
    lat: 22.48,
    lng: 113.92,
    photos: ['https://example.org/1.jpg', 'https://example.org/2.jpg'],
    receivedAt: new Date('2026-11-20T01:00:00Z'),
    updatedAt: new Date('2026-11-21T01:00:00Z'),
    resolveBy: null,
    service: { code: 'urban-management.street-lights', name: '路灯' },
    agency: '城管局',
    statusNotes: '已派人，电话 139-1234-5678',
    // What the query must never hand over, and the presenter must not pass on if it did.
    contactName: '王小明',
    contactPhoneMasked: '138****8000',
  };

  it('carries exactly the specification’s fields', () => {
    expect(Object.keys(presentRequest(row))).toEqual([
      'service_request_id',
      'status',
      'status_notes',
      'service_name',
      'service_code',
      'description',
      'agency_responsible',
      'service_notice',
      'requested_datetime',
      'updated_datetime',
      'expected_datetime',
      'address',
      'address_id',
      'zipcode',
      'lat',
      'long',
      'media_url',
    ]);
  });

  it('masks personal data typed into its texts and uses null for what is unknown', () => {
    const shown = presentRequest(row);
    expect(shown).toMatchObject({ status: 'open', expected_datetime: null, zipcode: null, media_url: 'https://example.org/1.jpg', requested_datetime: '2026-11-20T01:00:00.000Z' });
    expect(shown.description).toBe('路灯不亮，联系我 138****8000 或 w***@example.com，身份证 4403**********1234');
    expect(shown.status_notes).toBe('已派人，电话 139****5678');
    expect(JSON.stringify(shown)).not.toMatch(/王小明|13800138000|wang@/);
    expect(presentRequest({ ...row, description: ' ', address: '', statusNotes: null, photos: [], service: null, agency: null })).toMatchObject({
      description: null,
      address: null,
      status_notes: null,
      media_url: null,
      service_code: null,
      agency_responsible: null,
    });
  });

  it('masks any mainland mobile number, however it is spaced', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), fc.constantFrom('', ' ', '-'), (phone, sep) => {
        const spaced = `${phone.slice(0, 3)}${sep}${phone.slice(3, 7)}${sep}${phone.slice(7)}`;
        expect(maskPersonalData(`电话${spaced}。`)).toBe(`电话${phone.slice(0, 3)}****${phone.slice(7)}。`);
      }),
    );
  });

  it('writes names as their language does', () => {
    expect(fullName('小明', '王')).toBe('王小明');
    expect(fullName('John', 'Smith')).toBe('John Smith');
    expect(fullName(null, 'Smith')).toBe('Smith');
    expect(fullName(null, null)).toBeNull();
  });
});
