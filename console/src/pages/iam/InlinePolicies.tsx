import {
  DeleteRolePolicyCommand,
  DeleteUserPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListRolePoliciesCommand,
  ListUserPoliciesCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { useState, type FormEvent } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Field, Load } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import type { Aws } from '../../lib/aws.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';

const EXAMPLE = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' }] },
  null,
  2,
);

/** IAM returns policy documents URL-encoded (RFC 3986), as the AWS CLI shows them decoded. */
function decodeDocument(doc: string | undefined): string {
  if (!doc) return '';
  try {
    const text = decodeURIComponent(doc);
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return doc;
  }
}

async function loadPolicies(aws: Aws, kind: 'user' | 'role', name: string): Promise<{ name: string; document: string }[]> {
  const names =
    kind === 'user'
      ? ((await aws.iam.send(new ListUserPoliciesCommand({ UserName: name }))).PolicyNames ?? [])
      : ((await aws.iam.send(new ListRolePoliciesCommand({ RoleName: name }))).PolicyNames ?? []);
  return Promise.all(
    names.map(async (policyName) => {
      const out =
        kind === 'user'
          ? await aws.iam.send(new GetUserPolicyCommand({ UserName: name, PolicyName: policyName }))
          : await aws.iam.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName }));
      return { name: policyName, document: decodeDocument(out.PolicyDocument) };
    }),
  );
}

/** Inline policies of a user or role: read, add or replace (PutUserPolicy/PutRolePolicy), delete. */
export function InlinePolicies({ kind, name }: { kind: 'user' | 'role'; name: string }) {
  const aws = useAws();
  const action = useAction();
  const [policies, reload] = useLoad(() => loadPolicies(aws, kind, name), [aws, kind, name]);
  const [policyName, setPolicyName] = useState('');
  const [document, setDocument] = useState(EXAMPLE);
  const [jsonError, setJsonError] = useState<string | null>(null);

  const put = (e: FormEvent) => {
    e.preventDefault();
    try {
      JSON.parse(document);
    } catch (err) {
      setJsonError(`This is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    setJsonError(null);
    const n = policyName.trim();
    void action.run(
      () =>
        kind === 'user'
          ? aws.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: n, PolicyDocument: document }))
          : aws.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: n, PolicyDocument: document })),
      `The policy ${n} is saved.`,
      reload,
    );
  };
  const remove = (p: string) =>
    action.run(
      () =>
        kind === 'user'
          ? aws.iam.send(new DeleteUserPolicyCommand({ UserName: name, PolicyName: p }))
          : aws.iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: p })),
      `The policy ${p} is deleted.`,
      reload,
    );

  return (
    <section aria-labelledby="inline-h">
      <h2 id="inline-h">Inline policies</h2>
      <Load value={policies} what="inline policies" unavailable="IAM inline policies">
        {(list) =>
          list.length === 0 ? (
            <p>No inline policies.</p>
          ) : (
            <>
              {list.map((p) => (
                <details key={p.name}>
                  <summary>{p.name}</summary>
                  <pre className="code" tabIndex={0}>
                    {p.document}
                  </pre>
                  <div className="actions">
                    <button type="button" className="secondary" onClick={() => (setPolicyName(p.name), setDocument(p.document))}>
                      Edit {p.name}
                    </button>
                    <button type="button" className="danger" disabled={action.busy} onClick={() => remove(p.name)}>
                      Delete {p.name}
                    </button>
                  </div>
                </details>
              ))}
            </>
          )
        }
      </Load>
      <form onSubmit={put} className="form wide">
        <h3>Add or replace an inline policy</h3>
        <Field label="Policy name">{(p) => <input {...p} value={policyName} onChange={(e) => setPolicyName(e.target.value)} required spellCheck={false} />}</Field>
        <Field label="Policy document (JSON)" hint={jsonError ?? undefined}>
          {(p) => <textarea {...p} className="code" rows={10} value={document} onChange={(e) => setDocument(e.target.value)} spellCheck={false} aria-invalid={jsonError !== null} />}
        </Field>
        <button type="submit" disabled={action.busy || policyName.trim() === ''}>
          Save policy
        </button>
      </form>
      <ActionResult action={action} failed="IAM refused the policy" />
    </section>
  );
}
