import { describe, expect, it } from 'vitest';
import * as fe from './fieldErrors.ts';
import { badRequestStatus, forbiddenStatus, invalidStatus, qualifiedKind } from './status.ts';

describe('field errors print as field.Error does', () => {
  it.each([
    [fe.required('spec.containers[0].image'), 'FieldValueRequired', 'Required value'],
    [
      fe.required('metadata.name', 'name or generateName is required'),
      'FieldValueRequired',
      'Required value: name or generateName is required',
    ],
    [fe.invalid('metadata.name', 'x', 'detail'), 'FieldValueInvalid', 'Invalid value: "x": detail'],
    [
      fe.invalid('spec.activeDeadlineSeconds', 0, 'must be between 1 and 2147483647, inclusive'),
      'FieldValueInvalid',
      'Invalid value: 0: must be between 1 and 2147483647, inclusive',
    ],
    [
      fe.invalid('spec.hostNetwork', true, 'nope'),
      'FieldValueInvalid',
      'Invalid value: true: nope',
    ],
    [fe.invalid('spec.x', null, 'nope'), 'FieldValueInvalid', 'Invalid value: "null": nope'],
    [
      fe.invalid('spec.x', fe.raw('core.Toleration{Key:""}'), 'nope'),
      'FieldValueInvalid',
      'Invalid value: core.Toleration{Key:""}: nope',
    ],
    [
      fe.notSupported('spec.restartPolicy', 'X', ['Always', 'OnFailure', 'Never']),
      'FieldValueNotSupported',
      'Unsupported value: "X": supported values: "Always", "OnFailure", "Never"',
    ],
    [
      fe.forbidden('spec', 'pod updates may not change fields'),
      'FieldValueForbidden',
      'Forbidden: pod updates may not change fields',
    ],
    [fe.duplicate('spec.volumes[1].name', 'v'), 'FieldValueDuplicate', 'Duplicate value: "v"'],
    [
      fe.notFound('spec.containers[0].volumeMounts[0].name', 'x'),
      'FieldValueNotFound',
      'Not found: "x"',
    ],
    [
      fe.tooLong('metadata.annotations', 262144),
      'FieldValueTooLong',
      'Too long: may not be more than 262144 bytes',
    ],
    [fe.tooLong('x', -1), 'FieldValueTooLong', 'Too long: value is too long'],
    [fe.tooMany('spec.x', 20, 16), 'FieldValueTooMany', 'Too many: 20: must have at most 16 items'],
    [fe.tooMany('spec.x', -1, 16), 'FieldValueTooMany', 'Too many: must have at most 16 items'],
    [fe.typeInvalid('spec.x', 'y', 'wrong'), 'FieldValueTypeInvalid', 'Invalid value: "y": wrong'],
    [fe.internalError('spec.x', 'boom'), 'InternalError', 'Internal error: boom'],
  ])('%o', (error, type, body) => {
    expect(error.type).toBe(type);
    expect(fe.errorBody(error)).toBe(body);
    expect(fe.errorString(error)).toBe(`${error.field}: ${body}`);
  });

  it('quotes like Go %q', () => {
    expect(fe.goQuote('a"b\\c\n\t')).toBe('"a\\"b\\\\c\\n\\t"');
    expect(fe.goQuote('\u0000\u007f')).toBe('"\\x00\\x7f"');
    expect(fe.goQuote('héllo ✓')).toBe('"héllo ✓"');
    expect(fe.goQuote('\u200b')).toBe('"\\u200b"');
  });

  it('prints numbers like Go %v', () => {
    expect(fe.goNumber(42)).toBe('42');
    expect(fe.goNumber(-1)).toBe('-1');
    expect(fe.goNumber(1.5)).toBe('1.5');
    expect(fe.goNumber(1e21)).toBe('1e+21');
    expect(fe.goNumber(1e-7)).toBe('1e-07');
  });

  it('aggregates one error bare, several bracketed, duplicates once', () => {
    const a = fe.required('spec.containers[0].image');
    const b = fe.notSupported('spec.restartPolicy', 'X', ['Always']);
    expect(fe.aggregateMessage([a])).toBe('spec.containers[0].image: Required value');
    expect(fe.aggregateMessage([a, b, a])).toBe(
      '[spec.containers[0].image: Required value, spec.restartPolicy: Unsupported value: "X": supported values: "Always"]',
    );
  });

  it('builds paths as field.Path', () => {
    const p = fe.FieldPath.root('spec')
      .child('containers')
      .index(0)
      .child('resources', 'limits')
      .key('cpu');
    expect(p.toString()).toBe('spec.containers[0].resources.limits[cpu]');
    expect(fe.FieldPath.root('metadata', 'labels').toString()).toBe('metadata.labels');
  });
});

describe('Status bodies', () => {
  it('422 Invalid with one cause, byte for byte', () => {
    const status = invalidStatus({ group: '', kind: 'Pod' }, 'web', [
      fe.required('spec.containers[0].image'),
    ]);
    expect(JSON.stringify(status)).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Pod \\"web\\" is invalid: spec.containers[0].image: Required value","reason":"Invalid","details":{"name":"web","kind":"Pod","causes":[{"reason":"FieldValueRequired","message":"Required value","field":"spec.containers[0].image"}]},"code":422}',
    );
  });

  it('422 with several causes aggregates the message and lists every cause', () => {
    const status = invalidStatus({ group: 'coordination.k8s.io', kind: 'Lease' }, 'l', [
      fe.invalid('spec.leaseDurationSeconds', 0, 'must be greater than 0'),
      fe.required('metadata.namespace'),
    ]);
    expect(status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message:
        'Lease.coordination.k8s.io "l" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, metadata.namespace: Required value]',
      reason: 'Invalid',
      details: {
        name: 'l',
        group: 'coordination.k8s.io',
        kind: 'Lease',
        causes: [
          {
            reason: 'FieldValueInvalid',
            message: 'Invalid value: 0: must be greater than 0',
            field: 'spec.leaseDurationSeconds',
          },
          { reason: 'FieldValueRequired', message: 'Required value', field: 'metadata.namespace' },
        ],
      },
      code: 422,
    });
  });

  it('422 for an unnamed object quotes the empty name and omits details.name', () => {
    const status = invalidStatus({ group: '', kind: 'Pod' }, '', [
      fe.required('metadata.name', 'name or generateName is required'),
    ]);
    expect(status.message).toBe(
      'Pod "" is invalid: metadata.name: Required value: name or generateName is required',
    );
    expect(status.details).toEqual({
      kind: 'Pod',
      causes: [
        {
          reason: 'FieldValueRequired',
          message: 'Required value: name or generateName is required',
          field: 'metadata.name',
        },
      ],
    });
  });

  it('400 BadRequest', () => {
    expect(JSON.stringify(badRequestStatus('bad'))).toBe(
      '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"bad","reason":"BadRequest","code":400}',
    );
  });

  it('403 Forbidden, with and without a name', () => {
    expect(forbiddenStatus({ group: '', resource: 'pods' }, 'web', 'no')).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "web" is forbidden: no',
      reason: 'Forbidden',
      details: { name: 'web', kind: 'pods' },
      code: 403,
    });
    expect(
      forbiddenStatus({ group: 'coordination.k8s.io', resource: 'leases' }, '', 'no').message,
    ).toBe('leases.coordination.k8s.io is forbidden: no');
  });

  it('qualifies kinds of named groups', () => {
    expect(qualifiedKind({ group: '', kind: 'Pod' })).toBe('Pod');
    expect(qualifiedKind({ group: 'coordination.k8s.io', kind: 'Lease' })).toBe(
      'Lease.coordination.k8s.io',
    );
  });
});
