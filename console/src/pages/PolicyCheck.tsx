import { GetKeyPolicyCommand, PutKeyPolicyCommand, type KeyMetadata } from '@aws-sdk/client-kms';
import { useState, type FormEvent } from 'react';
import { ErrorPanel, Field, Load, PageTitle, Success } from '../components/ui.js';
import { useAction } from '../lib/action.js';
import type { Aws } from '../lib/aws.js';
import { useAws } from '../lib/context.js';
import { isUnknownOperation } from '../lib/errors.js';
import { describeKey, keyLabel, listKeyRows, stateText } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { listDetectors, listLogGroups, logGroupArn, withoutStar } from '../lib/logs.js';
import { Link, navigate, withQuery } from '../lib/router.js';
import { checkPolicyText, policyText } from '../policy/document.js';
import { logsServicePrincipal } from '../policy/keyPolicy.js';
import { applyFix, checkLogsAccess, type LogsAccessAnswer, type LogsAccessQuestion, type LogsTarget } from '../policy/logsAccess.js';

interface Targets {
  /** Log group and detector ARNs the server knows; null when it does not serve the list operation yet. */
  groups: string[] | null;
  detectors: string[] | null;
}

async function orNull<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (isUnknownOperation(err)) return null;
    throw err;
  }
}

async function loadTargets(aws: Aws): Promise<Targets> {
  const [groups, detectors] = await Promise.all([orNull(listLogGroups(aws)), orNull(listDetectors(aws))]);
  return {
    groups: groups && groups.map((g) => withoutStar(g.arn ?? logGroupArn(aws.session.region, aws.session.accountId, g.logGroupName!))),
    detectors: detectors && detectors.map((d) => d.anomalyDetectorArn!),
  };
}

/** A log group name, or a log group or anomaly detector ARN, as the target CloudWatch Logs encrypts for. */
export function targetOf(text: string, region: string, accountId: string): LogsTarget | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^arn:aws[a-z-]*:logs:[^:]*:\d{12}:anomaly-detector:.+/.test(t)) return { kind: 'anomaly-detector', arn: t };
  if (/^arn:aws[a-z-]*:logs:[^:]*:\d{12}:log-group:.+/.test(t)) return { kind: 'log-group', arn: withoutStar(t) };
  if (t.startsWith('arn:')) return null;
  return { kind: 'log-group', arn: logGroupArn(region, accountId, t) };
}

interface Result {
  question: LogsAccessQuestion;
  key: KeyMetadata;
  policy: string;
  answer: LogsAccessAnswer;
}

export function PolicyCheckPage({ keyId, target }: { keyId: string; target: string }) {
  const aws = useAws();
  const { region, accountId } = aws.session;
  const [keys] = useLoad(() => listKeyRows(aws), [aws]);
  const [targets] = useLoad(() => loadTargets(aws), [aws]);
  const [key, setKey] = useState(keyId);
  const [targetText, setTargetText] = useState(target);
  const parsedTarget = targetOf(targetText, region, accountId);
  const [checked, reCheck] = useLoad(
    async (): Promise<Result | null> => (keyId && target ? runCheck(aws, keyId, target) : null),
    [aws, keyId, target],
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!key || !parsedTarget) return;
    navigate(withQuery('/policy-check', { key, target: parsedTarget.arn }), { replace: true });
  };

  return (
    <>
      <PageTitle>Can CloudWatch Logs use this key here?</PageTitle>
      <p>
        To encrypt a log group or an anomaly detector with a key, CloudWatch Logs (the service principal{' '}
        <code>{logsServicePrincipal(region)}</code>) must be allowed to use the key by the key's policy. Without that,
        associating the key or creating the log group fails with AccessDeniedException. This check reads the key policy
        and answers before you try.
      </p>
      <form onSubmit={submit} className="form">
        <Load value={keys} what="keys" unavailable="AWS KMS">
          {(rows) => (
            <Field label="Key">
              {(p) => (
                <select {...p} value={key} onChange={(e) => setKey(e.target.value)} required>
                  <option value="">Choose a key</option>
                  {rows.map((r) => (
                    <option key={r.metadata.KeyId} value={r.metadata.KeyId}>
                      {keyLabel(r)} ({stateText(r.metadata.KeyState)})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
        </Load>
        <Field
          label="Log group or anomaly detector"
          hint={parsedTarget || targetText.trim() === '' ? 'A log group name, or a log group or anomaly detector ARN.' : 'This is not a log group name or a CloudWatch Logs ARN.'}
        >
          {(p) => <input {...p} value={targetText} onChange={(e) => setTargetText(e.target.value)} list="policy-check-targets" required spellCheck={false} aria-invalid={!parsedTarget && targetText.trim() !== ''} />}
        </Field>
        <datalist id="policy-check-targets">
          {targets.state === 'ok' ? [...(targets.data.groups ?? []), ...(targets.data.detectors ?? [])].map((a) => <option key={a} value={a} />) : null}
        </datalist>
        <button type="submit" disabled={!key || !parsedTarget}>
          Check
        </button>
      </form>
      {keyId && target ? (
        <Load value={checked} what="the key policy" unavailable="GetKeyPolicy">
          {(r) => (r ? <Answer result={r} onFixed={reCheck} /> : null)}
        </Load>
      ) : null}
    </>
  );
}

async function runCheck(aws: Aws, keyId: string, targetText: string): Promise<Result> {
  const { region, accountId } = aws.session;
  const target = targetOf(targetText, region, accountId);
  if (!target) throw new Error(`"${targetText}" is not a log group name or a CloudWatch Logs ARN.`);
  const key = await describeKey(aws, keyId);
  const out = await aws.kms.send(new GetKeyPolicyCommand({ KeyId: key.KeyId, PolicyName: 'default' }));
  const policy = out.Policy ?? '';
  const parsed = checkPolicyText(policy);
  if (!parsed.ok) throw new Error(`The key policy could not be read: ${parsed.problems.join(' ')}`);
  const question: LogsAccessQuestion = { region, accountId, keyArn: key.Arn!, target };
  return { question, key, policy, answer: checkLogsAccess(parsed.document, question) };
}

function Answer({ result, onFixed }: { result: Result; onFixed: () => void }) {
  const { answer, question, key } = result;
  const what = question.target.kind === 'log-group' ? 'log group' : 'anomaly detector';
  const keyName = key.KeyId!;
  return (
    <section aria-labelledby="answer-h" aria-live="polite">
      <h2 id="answer-h">{answer.allowed ? 'Yes' : 'No'}</h2>
      {answer.allowed ? (
        <Success>
          <p>
            Yes: the policy of key <code>{keyName}</code> lets CloudWatch Logs in {question.region} use it for the {what}{' '}
            <code>{question.target.arn}</code>.
          </p>
        </Success>
      ) : (
        <div className="panel panel-error">
          <p>
            No: the policy of key <code>{keyName}</code> does not let CloudWatch Logs in {question.region} use it for the {what}{' '}
            <code>{question.target.arn}</code>.
          </p>
          {answer.missing.length > 0 ? <p>No statement allows: {answer.missing.join(', ')}.</p> : null}
        </div>
      )}
      {key.KeyState !== 'Enabled' ? (
        <p className="panel panel-warn">
          The key is {stateText(key.KeyState).toLowerCase()}: whatever its policy says, nobody can use it until it is enabled.
        </p>
      ) : null}
      <Explanations answer={answer} />
      {answer.fix ? <Fix result={result} onFixed={onFixed} /> : null}
      <p>
        <Link to={`/keys/${keyName}`}>Open the key</Link>
      </p>
    </section>
  );
}

function statementName(s: { index: number; sid?: string }): string {
  return s.sid ? `Statement ${s.index + 1} ("${s.sid}")` : `Statement ${s.index + 1}`;
}

function Explanations({ answer }: { answer: LogsAccessAnswer }) {
  return (
    <>
      {answer.deniedBy.length > 0 ? (
        <div className="panel panel-warn">
          <p>These Deny statements apply to CloudWatch Logs here, and a Deny always wins. Edit the key policy to narrow or remove them:</p>
          <ul>
            {answer.deniedBy.map((d) => (
              <li key={d.index}>{statementName(d)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {answer.nearMisses.length > 0 ? (
        <div>
          <p>Statements that name CloudWatch Logs but do not cover this request:</p>
          <ul>
            {answer.nearMisses.map((n) => (
              <li key={n.index}>
                {statementName(n)}: {n.reasons.join('; ')}.
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {answer.unsupported.length > 0 ? <p className="hint">This check does not evaluate the condition operators {answer.unsupported.join(', ')}; statements using them were counted as not applying.</p> : null}
    </>
  );
}

function Fix({ result, onFixed }: { result: Result; onFixed: () => void }) {
  const aws = useAws();
  const action = useAction();
  const fixed = () => {
    const parsed = checkPolicyText(result.policy);
    if (!parsed.ok) throw new Error(parsed.problems.join(' '));
    return policyText(applyFix(parsed.document, result.question));
  };
  return (
    <div className="fix">
      <h3>The missing statement</h3>
      <p>Adding this statement to the key policy answers yes. It is the statement the CloudWatch Logs user guide gives:</p>
      <pre className="code" tabIndex={0} aria-label="Statement to add">
        {JSON.stringify(result.answer.fix, null, 2)}
      </pre>
      <button
        type="button"
        disabled={action.busy}
        onClick={() => action.run(() => aws.kms.send(new PutKeyPolicyCommand({ KeyId: result.key.KeyId, PolicyName: 'default', Policy: fixed() })), 'The statement was added.', onFixed)}
      >
        Add this statement to the key policy
      </button>
      {action.error ? <ErrorPanel error={action.error} title="The key policy was not changed" /> : null}
    </div>
  );
}
