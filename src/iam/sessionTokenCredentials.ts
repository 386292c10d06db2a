/**
 * IAM refuses the temporary credentials of GetSessionToken: "You cannot call any IAM API operations unless MFA
 * authentication information is included in the request" (STS API reference, GetSessionToken). GetSessionToken here
 * takes no MFA, so its credentials never reach IAM; IAM answers as for an unknown token (InvalidClientTokenId, as
 * real responses show: aws/aws-sdk-js#460, 99designs/aws-vault#15). Role sessions (AssumeRole) may call IAM.
 */
import type { Principal } from '../auth/identity.js';
import type { OperationDef, OperationTable } from '../common/operation.js';
import { InvalidClientTokenId } from './errors.js';
import { messages } from './messages.js';

/** Credentials from GetSessionToken: temporary (`ASIA…`) credentials of the account root or of a user. */
export function isSessionTokenPrincipal(p: Principal): boolean {
  return (p.type === 'root' || p.type === 'user') && p.accessKeyId?.startsWith('ASIA') === true;
}

/** Throws IAM's InvalidClientTokenId for GetSessionToken credentials. */
export function refuseSessionTokenCredentials(p: Principal): void {
  if (isSessionTokenPrincipal(p)) throw new InvalidClientTokenId(messages.sessionTokenCredentials);
}

/**
 * IAM's operations, each refusing GetSessionToken credentials before anything else. (The permission rules refuse
 * them too, so that the refusal comes before authorization; the account root's requests skip the rules.)
 */
export function refusingSessionTokenCredentials(table: OperationTable): OperationTable {
  const out: Record<string, OperationDef> = {};
  for (const [name, def] of Object.entries(table)) {
    out[name] = {
      ...def,
      handler: (input, ctx) => {
        refuseSessionTokenCredentials(ctx.principal);
        return def.handler(input, ctx);
      },
    };
  }
  return out;
}
