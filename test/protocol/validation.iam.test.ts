import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateUserCommand, IAMClient } from '@aws-sdk/client-iam';
import { decodeQueryInput, services } from '../../src/protocol/index.js';
import { clientConfig, devCreds, startTestServer, type TestServer } from '../helpers/server.js';
import { queryCall, xmlErrorCode, xmlErrorMessage } from '../helpers/sign.js';
import { ensureOperation, sdkError, thrown } from './helpers.js';

/** IAM answers constraint violations with ValidationError (HTTP 400, a Query XML ErrorResponse on the wire). */
function iamError(operation: string, params: Record<string, string>) {
  const e = thrown(() => decodeQueryInput(services.iam, operation, new URLSearchParams(params)));
  assert.equal(e.code, 'ValidationError');
  assert.equal(e.status, 400);
  return e.message;
}

const ONE = '1 validation error detected: ';
const NAME_PATTERN = 'Member must satisfy regular expression pattern: [\\w+=,.@-]+';
const POLICY = '{"Version":"2012-10-17","Statement":[]}';

describe('IAM request validation', () => {
  describe('decodeQueryInput', () => {
    it('reports a pattern violation with the model pattern', () => {
      assert.equal(iamError('CreateUser', { UserName: 'a/b' }), ONE + `Value 'a/b' at 'userName' failed to satisfy constraint: ${NAME_PATTERN}`);
    });

    // Recorded from AWS (the CreateRole error a tool logged for a generated role name).
    it('reports a value longer than the maximum length', () => {
      const name = 'EKS-AMP-ServiceAccount-us-west-2-demo-prometheusdeployment-prometheusdeploymentaccount';
      assert.equal(
        iamError('CreateRole', { RoleName: name, AssumeRolePolicyDocument: POLICY }),
        "1 validation error detected: Value 'EKS-AMP-ServiceAccount-us-west-2-demo-prometheusdeployment-prometheusdeploymentaccount' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64",
      );
    });

    it('reports an empty value against both its pattern and its minimum length', () => {
      assert.equal(
        iamError('CreateUser', { UserName: '' }),
        '2 validation errors detected: ' +
          `Value '' at 'userName' failed to satisfy constraint: ${NAME_PATTERN}; ` +
          "Value '' at 'userName' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    });

    it('reports numbers outside the modelled range', () => {
      assert.equal(iamError('ListUsers', { MaxItems: '0' }), ONE + "Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1");
      assert.equal(iamError('ListUsers', { MaxItems: '1001' }), ONE + "Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000");
    });

    it('reports a value outside an enum with the enum set', () => {
      assert.equal(
        iamError('ListVirtualMFADevices', { AssignmentStatus: 'Some' }),
        ONE + "Value 'Some' at 'assignmentStatus' failed to satisfy constraint: Member must satisfy enum value set: [Assigned, Unassigned, Any]",
      );
    });

    it('reports a missing required member as a null value', () => {
      assert.equal(iamError('CreateUser', {}), ONE + "Value null at 'userName' failed to satisfy constraint: Member must not be null");
    });

    it('names a member of Tags.member.N by its position, and reports several violations at once', () => {
      assert.equal(
        iamError('CreateUser', { UserName: 'a/b', 'Tags.member.1.Key': 'ok', 'Tags.member.1.Value': 'v', 'Tags.member.2.Key': 'k*', 'Tags.member.2.Value': 'v' }),
        '2 validation errors detected: ' +
          `Value 'a/b' at 'userName' failed to satisfy constraint: ${NAME_PATTERN}; ` +
          "Value 'k*' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+",
      );
      assert.equal(
        iamError('CreateUser', { UserName: 'u', 'Tags.member.1.Key': 'k' }),
        ONE + "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
      );
    });

    it('reports a bad item of a list of enums once, at the list, with the item constraints', () => {
      assert.equal(
        iamError('GetAccountAuthorizationDetails', { 'Filter.member.1': 'User', 'Filter.member.2': 'Nope' }),
        ONE +
          "Value '[User, Nope]' at 'filter' failed to satisfy constraint: Member must satisfy constraint: " +
          '[Member must satisfy enum value set: [User, Role, Group, LocalManagedPolicy, AWSManagedPolicy]]',
      );
    });
  });

  describe('end to end with the SDK v3 IAMClient', () => {
    let srv: TestServer;
    let iam: IAMClient;
    before(async () => {
      srv = await startTestServer();
      ensureOperation(srv, 'iam', 'CreateUser');
      iam = new IAMClient(clientConfig(srv.url));
    });
    after(async () => {
      iam.destroy();
      await srv.dispose();
    });

    it('returns ValidationError for a user name outside the pattern', async () => {
      const e = await sdkError(iam.send(new CreateUserCommand({ UserName: 'a/b' })));
      assert.deepEqual(e, { name: 'ValidationError', message: ONE + `Value 'a/b' at 'userName' failed to satisfy constraint: ${NAME_PATTERN}`, status: 400 });
    });

    it('sends the violation as a Sender ErrorResponse in the IAM namespace', async () => {
      const r = await queryCall(srv.url, 'iam', { Action: 'CreateUser', UserName: 'a b' }, devCreds);
      assert.equal(r.status, 400);
      assert.match(r.text, /^<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type>/);
      assert.equal(xmlErrorCode(r.text), 'ValidationError');
      assert.equal(xmlErrorMessage(r.text), ONE + `Value 'a b' at 'userName' failed to satisfy constraint: ${NAME_PATTERN}`);
    });
  });
});
