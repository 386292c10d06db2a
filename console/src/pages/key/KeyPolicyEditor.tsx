import { GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { lintKeyPolicy, type LintProblem } from '../../../../src/kms/policyLint/lint.js';
import { ActionResult } from '../../components/ActionResult.js';
import { PolicyLint } from '../../components/PolicyLint.js';
import { Load } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';

/** Problems KMS certainly refuses: the policy is not sent while one is there. */
const BLOCKING = new Set<LintProblem['code']>(['json-syntax', 'structure', 'unknown-element', 'effect', 'condition-operator', 'duplicate']);

/**
 * The key policy as JSON, checked as the person types by the same linter as `logseal policy lint`. Problems KMS
 * certainly refuses keep the policy from being sent; the others (the lockout check among them, which KMS decides with
 * the caller's IAM policies) are shown and the policy can still be sent. PutKeyPolicy has the last word, and its
 * answer is shown as KMS sent it.
 */
export function KeyPolicyEditor({ keyId, keyArn }: { keyId: string; keyArn?: string }) {
  const aws = useAws();
  const id = useId();
  const action = useAction();
  const area = useRef<HTMLTextAreaElement>(null);
  const [policy, reload] = useLoad(() => aws.kms.send(new GetKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default' })), [aws, keyId]);
  const [text, setText] = useState('');
  const [refused, setRefused] = useState(false);
  useEffect(() => {
    if (policy.state === 'ok') setText(policy.data.Policy ?? '');
  }, [policy]);
  const problems = useMemo(
    () => (text === '' ? [] : lintKeyPolicy(text, { keyArn, accountId: aws.session.accountId, caller: aws.session.arn })),
    [text, keyArn, aws],
  );
  const errors = problems.some((p) => BLOCKING.has(p.code));

  const save = () => {
    action.clear();
    if (errors) {
      setRefused(true);
      return;
    }
    setRefused(false);
    void action.run(() => aws.kms.send(new PutKeyPolicyCommand({ KeyId: keyId, PolicyName: 'default', Policy: text })), 'The key policy is saved.', reload);
  };

  const pick = (p: LintProblem) => {
    const el = area.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(p.offset, p.offset);
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
              ref={area}
              className="code"
              rows={18}
              value={text}
              spellCheck={false}
              onChange={(e) => (setText(e.target.value), setRefused(false))}
              aria-invalid={errors}
              aria-describedby={`${id}-lint`}
            />
            <PolicyLint id={`${id}-lint`} problems={problems} onPick={pick} />
            {refused ? (
              <div className="panel panel-error" role="alert">
                <h3>The policy was not saved: fix the problems KMS refuses first</h3>
              </div>
            ) : null}
            <div className="actions">
              <button type="button" disabled={action.busy} onClick={save}>
                Save policy
              </button>
              <button type="button" className="secondary" disabled={action.busy} onClick={() => (setRefused(false), action.clear(), reload())}>
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
