import type { RequestContext } from '../common/operation.js';
import type {
  DecryptRequest,
  DecryptResponse,
  DescribeKeyRequest,
  DescribeKeyResponse,
  EncryptRequest,
  EncryptResponse,
  GenerateDataKeyRequest,
  GenerateDataKeyResponse,
} from '../protocol/generated/kms.js';
import type { KmsCore } from './core.js';
import { kmsOps } from './index.js';

/**
 * KMS as other logseal services use it: the same operations, wire shapes and authorization as over the network,
 * called in-process. CloudWatch Logs calls these as the service principal `logs.<region>.amazonaws.com`.
 */
export interface KmsApi {
  describeKey(input: DescribeKeyRequest, ctx: RequestContext): Promise<DescribeKeyResponse>;
  encrypt(input: EncryptRequest, ctx: RequestContext): Promise<EncryptResponse>;
  decrypt(input: DecryptRequest, ctx: RequestContext): Promise<DecryptResponse>;
  generateDataKey(input: GenerateDataKeyRequest, ctx: RequestContext): Promise<GenerateDataKeyResponse>;
}

export function kmsApi(core: KmsCore): KmsApi {
  const call =
    <I, O>(name: string) =>
    async (input: I, ctx: RequestContext): Promise<O> => {
      const op = kmsOps[name];
      if (!op) throw new Error(`KMS operation ${name} is not available`);
      return (await op.run(core, input, ctx)) as O;
    };
  return {
    describeKey: call('DescribeKey'),
    encrypt: call('Encrypt'),
    decrypt: call('Decrypt'),
    generateDataKey: call('GenerateDataKey'),
  };
}
