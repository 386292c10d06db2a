import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CreateAliasCommand, CreateKeyCommand, ListAliasesCommand, type KMSClient } from '@aws-sdk/client-kms';
import { awsCli, awsCliSkipReason } from '../../helpers/awsCli.js';
import { devCreds } from '../../helpers/server.js';
import { PREDEFINED_ALIASES } from '../../../src/kms/managedKeys.js';
import { AWAY, aliasArnOf, keyArnOf, rejectsWith, startKms, type KmsTestEnv } from './regionalClients.js';

/** The AWS managed keys' aliases every account lists (none of their keys exists here). */
const predefined = [...PREDEFINED_ALIASES.keys()];
const own = (names: string[]) => names.filter((n) => !n.startsWith('alias/aws/'));

describe('ListAliases', () => {
  let env: KmsTestEnv;
  let kms: KMSClient;
  let keyA: string;
  let keyB: string;
  /** Created in shuffled order; listed by name. */
  const namesA = ['alias/c-three', 'alias/a-one', 'alias/e-five'];
  const namesB = ['alias/d-four', 'alias/b-two'];

  before(async () => {
    env = await startKms();
    kms = env.kms();
    keyA = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    keyB = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
    for (const n of namesA) await kms.send(new CreateAliasCommand({ AliasName: n, TargetKeyId: keyA }));
    for (const n of namesB) await kms.send(new CreateAliasCommand({ AliasName: n, TargetKeyId: keyB }));
  });
  after(() => env.dispose());

  describe('serialization', () => {
    test('lists every alias of the account and Region by name, with Truncated false and no marker', async () => {
      const out = await kms.send(new ListAliasesCommand({}));
      assert.deepEqual(
        out.Aliases!.map((a) => a.AliasName),
        [...namesA, ...namesB, ...predefined].sort(),
      );
      assert.equal(out.Truncated, false);
      assert.equal(out.NextMarker, undefined);
      const one = out.Aliases!.find((a) => a.AliasName === 'alias/b-two')!;
      assert.deepEqual(Object.keys(one).sort(), ['AliasArn', 'AliasName', 'CreationDate', 'LastUpdatedDate', 'TargetKeyId']);
      assert.equal(one.AliasArn, aliasArnOf('alias/b-two'));
      assert.equal(one.TargetKeyId, keyB);
    });
  });

  describe('validation', () => {
    test('returns InvalidMarkerException for a marker it did not issue', async () => {
      await rejectsWith(kms.send(new ListAliasesCommand({ Marker: 'bm90LWEtbWFya2Vy' })), 'InvalidMarkerException', 'Invalid marker');
    });

    test('returns NotFoundException for an unknown KeyId filter', async () => {
      const unknown = '99999999-9999-4999-8999-999999999999';
      await rejectsWith(kms.send(new ListAliasesCommand({ KeyId: unknown })), 'NotFoundException', `Key '${keyArnOf(unknown)}' does not exist`);
    });

  });

  describe('behaviour', () => {
    test('pages with Limit and Marker, without gaps or repeats', async () => {
      const seen: string[] = [];
      let marker: string | undefined;
      let pages = 0;
      do {
        const out = await kms.send(new ListAliasesCommand({ Limit: 2, Marker: marker }));
        pages++;
        assert.ok(out.Aliases!.length <= 2);
        seen.push(...out.Aliases!.map((a) => a.AliasName!));
        assert.equal(out.Truncated, out.NextMarker !== undefined);
        marker = out.NextMarker;
      } while (marker);
      assert.equal(pages, Math.ceil((namesA.length + namesB.length + predefined.length) / 2));
      assert.deepEqual(seen, [...namesA, ...namesB, ...predefined].sort());
    });

    test('the AWS CLI pages through every alias (Marker, NextMarker, Truncated)', { skip: awsCliSkipReason() }, async () => {
      const r = await awsCli(env.srv.url, devCreds, ['kms', 'list-aliases', '--page-size', '2', '--output', 'json']);
      assert.equal(r.code, 0, r.stderr);
      const names = (JSON.parse(r.stdout) as { Aliases: { AliasName: string }[] }).Aliases.map((a) => a.AliasName);
      assert.deepEqual(names, [...namesA, ...namesB, ...predefined].sort());
    });

    test('filters by KeyId given as key id or key ARN', async () => {
      for (const ref of [keyA, keyArnOf(keyA)]) {
        const out = await kms.send(new ListAliasesCommand({ KeyId: ref }));
        assert.deepEqual(out.Aliases!.map((a) => a.AliasName), [...namesA].sort());
        assert.ok(out.Aliases!.every((a) => a.TargetKeyId === keyA));
      }
    });

    test('returns at most 50 aliases by default and at most 100 whatever the Limit', async () => {
      const third = env.kms('ap-northeast-1');
      const k = (await third.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId;
      for (let i = 0; i < 101; i++) await third.send(new CreateAliasCommand({ AliasName: `alias/many-${String(i).padStart(3, '0')}`, TargetKeyId: k }));
      const byDefault = await third.send(new ListAliasesCommand({}));
      assert.equal(byDefault.Aliases!.length, 50);
      assert.equal(byDefault.Truncated, true);
      const large = await third.send(new ListAliasesCommand({ Limit: 1000 }));
      assert.equal(large.Aliases!.length, 100);
      const rest = await third.send(new ListAliasesCommand({ Limit: 1000, Marker: large.NextMarker }));
      // 16 predefined names sort before alias/many-…, so 84 of those are on the first page.
      const firstOwn = 100 - predefined.length;
      assert.deepEqual(
        rest.Aliases!.map((a) => a.AliasName),
        Array.from({ length: 101 - firstOwn }, (_, i) => `alias/many-${String(firstOwn + i).padStart(3, '0')}`),
      );
      assert.equal(rest.Truncated, false);
    });

    test('lists only the predefined AWS managed aliases, without TargetKeyId, in another Region', async () => {
      const out = await env.kms(AWAY).send(new ListAliasesCommand({}));
      assert.deepEqual(
        out.Aliases,
        predefined.map((name) => ({ AliasName: name, AliasArn: aliasArnOf(name, AWAY) })),
      );
      assert.equal(out.Truncated, false);
    });

    test("does not list another account's aliases", async () => {
      const { creds } = await env.otherAccount();
      const out = await env.kms(undefined, creds).send(new ListAliasesCommand({}));
      assert.deepEqual(own(out.Aliases!.map((a) => a.AliasName!)), []);
    });

    test('lists no predefined alias when filtering by KeyId', async () => {
      const out = await kms.send(new ListAliasesCommand({ KeyId: keyB }));
      assert.deepEqual(out.Aliases!.map((a) => a.AliasName), [...namesB].sort());
    });
  });
});
