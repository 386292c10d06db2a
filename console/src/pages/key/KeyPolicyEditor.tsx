import { GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { useEffect, useId, useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Load } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';
import { checkPolicyText } from '../../policy/document.js';

/** The key policy as JSON; its structure is checked in the browser before PutKeyPolicy, which has the last word. */
export function KeyPolicyEditor({ keyId }: { keyId: string }) {
  const aws = useAws();
  const id = useId();
  const action = useAction();
  const [policy, reload] = useLoad(() => aws.kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })), [aws, keyId]);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    if (policy.state === 'ok') setText(policy.data.Policy ?? '');
  }, [policy]);

  const save = () => {
    action.clear();
    const check = checkPolicyText(text);
    if (!check.ok) {
      setProblems(check.problems);
      return;
    }
    setProblems([]);
    void action.run(() => aws.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: text })), 'The key policy is saved.', reload);
  };

  return (
    <section aria-labelledby="policy-h">
      <h2 id="policy-h">Key policy</h2>
      <Load value={policy} what="the key policy" unavailable="GetKeyPolicy">
        {() => (
          <>
            <label htmlFor={`${id}-policy`}>Key policy (JSON)</label>
            <textarea
              id={`${id}-policy`}
              className="code"
              rows={18}
              value={text}
              spellCheck={false}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={problems.length > 0}
              aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
            />
            {problems.length > 0 ? (
              <div className="panel panel-error" role="alert" id={`${id}-problems`}>
                <h3>The policy was not saved: fix these first</h3>
                <ul>
                  {problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div className="actions">
              <button type="button" disabled={action.busy} onClick={save}>
                Save policy
              </button>
              <button type="button" className="secondary" disabled={action.busy} onClick={() => (setProblems([]), action.clear(), reload())}>
                Discard changes
              </button>
            </div>
            <ActionResult action={action} failed="KMS refused the policy" />
          </>
        )}
      </Load>
    </section>
  );
}
