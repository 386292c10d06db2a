import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { decodeQueryInput, encodeQueryError, encodeQueryOutput, iam, services, xmlEscape, type ServiceModel, type ShapeTable } from '../../src/protocol/index.js';
import { devCreds, startTestServer, type TestServer } from '../helpers/server.js';
import { queryCall, signedHeaders, xmlErrorCode, xmlErrorMessage } from '../helpers/sign.js';
import { thrown } from './helpers.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Drops the members a decoder leaves undefined, to compare decoded inputs with plain literals. */
function defined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(defined);
  if (v && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, defined(x)]));
  }
  return v;
}

const decodeIam = (operation: string, form: string) => defined(decodeQueryInput(services.iam, operation, new URLSearchParams(form)));

/**
 * The IAM and STS models take no map as input, so the map and flattened forms of the Query reader are checked on a
 * small model of their own whose decoder returns what the reader built.
 */
const readerShapes: ShapeTable = {
  PutThingRequest: {
    type: 'structure',
    members: { Attributes: { shape: 'AttrMap' }, Flat: { shape: 'NameList', flattened: true }, Named: { shape: 'NamedList' }, Size: { shape: 'Int' } },
  },
  AttrMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Str' } },
  NameList: { type: 'list', member: { shape: 'Str' } },
  NamedList: { type: 'list', member: { shape: 'Str', locationName: 'item' } },
  Str: { type: 'string' },
  Int: { type: 'integer' },
};
const readerService: ServiceModel = {
  ...services.iam,
  shapes: readerShapes,
  operations: new Map([['PutThing', { name: 'PutThing', input: 'PutThingRequest', errors: [], decode: (x: unknown) => x }]]),
};

describe('AWS Query', () => {
  describe('decodeQueryInput', () => {
    it('reads top-level members from the form and ignores Action and Version', () => {
      assert.deepEqual(decodeIam('CreateUser', 'Action=CreateUser&Version=2010-05-08&UserName=alice&Path=%2Fteam%2F'), { UserName: 'alice', Path: '/team/' });
    });

    it('reads lists of structures from Name.member.N.Field, in order', () => {
      assert.deepEqual(decodeIam('CreateUser', 'UserName=u&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.2.Key=b&Tags.member.2.Value='), {
        UserName: 'u',
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'b', Value: '' },
        ],
      });
    });

    it('reads lists of strings from Name.member.N, and a bare Name= as an empty list', () => {
      assert.deepEqual(decodeIam('GetAccountAuthorizationDetails', 'Filter.member.1=User&Filter.member.2=Role'), { Filter: ['User', 'Role'] });
      assert.deepEqual(decodeIam('GetAccountAuthorizationDetails', 'Filter='), { Filter: [] });
    });

    it('converts numbers and booleans', () => {
      assert.deepEqual(decodeIam('ListUsers', 'MaxItems=25'), { MaxItems: 25 });
      assert.deepEqual(decodeIam('UpdateAccountPasswordPolicy', 'RequireSymbols=true&RequireNumbers=false&MinimumPasswordLength=12'), {
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: false,
      });
    });

    it('reads maps from Name.entry.N.key and Name.entry.N.value', () => {
      const out = decodeQueryInput(readerService, 'PutThing', new URLSearchParams('Attributes.entry.1.key=a&Attributes.entry.1.value=1&Attributes.entry.2.key=b&Attributes.entry.2.value=2'));
      assert.deepEqual(out, { Attributes: { a: '1', b: '2' } });
    });

    it('reads flattened lists from Name.N and lists with a member locationName from Name.item.N', () => {
      const out = decodeQueryInput(readerService, 'PutThing', new URLSearchParams('Flat.1=x&Flat.2=y&Named.item.1=z&Size=3'));
      assert.deepEqual(out, { Flat: ['x', 'y'], Named: ['z'], Size: 3 });
    });

    it('answers an operation the model does not have with InvalidAction', () => {
      const e = thrown(() => decodeQueryInput(services.iam, 'NoSuchThing', new URLSearchParams()));
      assert.deepEqual(e, { code: 'InvalidAction', message: 'Could not find operation NoSuchThing for version 2010-05-08', status: 400 });
    });
  });

  describe('encodeQueryOutput', () => {
    it('wraps the result in <Operation>Response in the service namespace, with ResponseMetadata/RequestId', () => {
      const xml = encodeQueryOutput(services.sts, 'GetCallerIdentity', { UserId: 'AIDA1', Account: '000000000000', Arn: 'arn:aws:iam::000000000000:user/u' }, 'req-1');
      assert.equal(
        xml,
        `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult>` +
          '<UserId>AIDA1</UserId><Account>000000000000</Account><Arn>arn:aws:iam::000000000000:user/u</Arn>' +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });

    it('writes only ResponseMetadata for an operation without output', () => {
      assert.equal(
        encodeQueryOutput(services.iam, 'DeleteUser', undefined, 'req-2'),
        `<DeleteUserResponse xmlns="${IAM_NS}"><ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></DeleteUserResponse>`,
      );
    });

    it('writes lists as <member> items, timestamps as ISO-8601 and booleans as words', () => {
      const created = new Date(Date.UTC(2026, 0, 1));
      const out: iam.ListUsersResponse = {
        Users: [{ Path: '/', UserName: 'u', UserId: 'AIDA1', Arn: 'arn:aws:iam::000000000000:user/u', CreateDate: created }],
        IsTruncated: false,
      };
      assert.equal(
        encodeQueryOutput(services.iam, 'ListUsers', out, 'r'),
        `<ListUsersResponse xmlns="${IAM_NS}"><ListUsersResult><Users><member><Path>/</Path><UserName>u</UserName><UserId>AIDA1</UserId>` +
          '<Arn>arn:aws:iam::000000000000:user/u</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate></member></Users>' +
          '<IsTruncated>false</IsTruncated></ListUsersResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListUsersResponse>',
      );
      assert.match(encodeQueryOutput(services.iam, 'ListUsers', { Users: [], IsTruncated: false }, 'r'), /<ListUsersResult><Users\/><IsTruncated>/);
    });

    it('writes maps as <entry><key/><value/></entry>', () => {
      const xml = encodeQueryOutput(services.iam, 'GetMFADevice', { SerialNumber: 'sn', Certifications: { FIPS: 'L2' } }, 'r');
      assert.match(xml, /<GetMFADeviceResult><SerialNumber>sn<\/SerialNumber><Certifications><entry><key>FIPS<\/key><value>L2<\/value><\/entry><\/Certifications><\/GetMFADeviceResult>/);
    });

    it('escapes markup in values but leaves quotes as AWS does', () => {
      assert.equal(xmlEscape(`a&b<c>d'e"f\r`), `a&amp;b&lt;c&gt;d'e"f&#xD;`);
      const xml = encodeQueryOutput(services.sts, 'GetCallerIdentity', { UserId: '<u&1>', Account: '0', Arn: "x'y" }, 'r');
      assert.match(xml, /<UserId>&lt;u&amp;1&gt;<\/UserId><Account>0<\/Account><Arn>x'y<\/Arn>/);
    });
  });

  describe('encodeQueryError', () => {
    it('writes an ErrorResponse with Type Sender, Code, Message and RequestId', () => {
      assert.equal(
        encodeQueryError(services.iam, new iam.NoSuchEntityException('The user with name bob cannot be found.'), 'req-3'),
        `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>` +
          '<Message>The user with name bob cannot be found.</Message></Error><RequestId>req-3</RequestId></ErrorResponse>',
      );
    });

    it('writes Type Receiver for a server fault', () => {
      const xml = encodeQueryError(services.iam, new iam.ServiceFailureException('boom'), 'r');
      assert.match(xml, /<Error><Type>Receiver<\/Type><Code>ServiceFailure<\/Code><Message>boom<\/Message><\/Error>/);
    });

    it('escapes markup in the message', () => {
      const xml = encodeQueryError(services.sts, new iam.NoSuchEntityException('a <b> & c'), 'r');
      assert.ok(xml.includes('<Message>a &lt;b&gt; &amp; c</Message>'), xml);
    });
  });

  describe('end to end through a real server', () => {
    let srv: TestServer;
    before(async () => {
      srv = await startTestServer();
    });
    after(() => srv.dispose());

    it('answers GetCallerIdentity with the XML result and the request id of the x-amzn-RequestId header', async () => {
      const r = await queryCall(srv.url, 'sts', { Action: 'GetCallerIdentity' }, devCreds);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'text/xml');
      const id = r.headers.get('x-amzn-requestid');
      assert.ok(id);
      assert.equal(
        r.text,
        `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><UserId>000000000000</UserId><Account>000000000000</Account>` +
          `<Arn>arn:aws:iam::000000000000:root</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>${id}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    });

    it('answers an unknown Action with InvalidAction naming the version', async () => {
      for (const [service, version] of [
        ['sts', '2011-06-15'],
        ['iam', '2010-05-08'],
      ] as const) {
        const r = await queryCall(srv.url, service, { Action: 'NoSuchAction' }, devCreds);
        assert.equal(r.status, 400);
        assert.equal(xmlErrorCode(r.text), 'InvalidAction');
        assert.equal(xmlErrorMessage(r.text), `Could not find operation NoSuchAction for version ${version}`);
        assert.match(r.text, /<Type>Sender<\/Type>/);
      }
    });

    it('refuses a form body over the limit from its Content-Length, before reading it', async () => {
      const declared = 2 * 1024 * 1024;
      const headers = await signedHeaders({ url: srv.url, service: 'sts', creds: devCreds, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
      const u = new URL(srv.url);
      // Only the headers are sent: an answer proves the server did not wait for (or parse) the body.
      const res = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request({ host: u.hostname, port: u.port, method: 'POST', path: '/', headers: { ...headers, 'content-length': String(declared) } }, (r) => {
          let text = '';
          r.on('data', (c) => (text += c));
          r.on('end', () => {
            resolve({ status: r.statusCode ?? 0, text });
            req.destroy();
          });
        });
        req.on('error', reject);
        req.flushHeaders();
      });
      // As AWS's front end answers an oversized request: plain text, not the protocol's error shape.
      assert.equal(res.status, 413);
      assert.equal(res.text, 'HTTP content length exceeded 131072 bytes.');
    });
  });
});
