import { useState, type FormEvent } from 'react';
import { ErrorPanel, Field, PageTitle } from '../components/ui.js';
import { whoAmI } from '../lib/aws.js';
import { isDevServer, serverPrivateRegions, type Session } from '../lib/session.js';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Sign-in with an access key; checked with STS GetCallerIdentity before anything is stored. */
export function SignInPage({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const dev = isDevServer();
  const [accessKeyId, setAccessKeyId] = useState(dev ? 'test' : '');
  const [secretAccessKey, setSecretAccessKey] = useState(dev ? 'test' : '');
  const [region, setRegion] = useState('us-east-1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The server's private regions (`logseal serve --regions`) need not look like AWS's.
  const privateRegions = serverPrivateRegions();
  const regionOk = REGION_PATTERN.test(region) || privateRegions.includes(region);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!regionOk) return;
    setBusy(true);
    setError(null);
    try {
      const creds = { accessKeyId: accessKeyId.trim(), secretAccessKey };
      const who = await whoAmI(creds, region);
      onSignedIn({ ...creds, region, accountId: who.accountId, arn: who.arn });
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <main id="main" className="sign-in">
      <PageTitle>Sign in to logseal</PageTitle>
      <p>
        Use an access key of this logseal server. The console keeps it in this browser tab only (session storage) and
        sends it nowhere: it signs each request to this server with it, as the AWS CLI does.
      </p>
      {dev ? (
        <p className="panel panel-info">
          This server runs in dev mode: the access key <code>test</code> with secret <code>test</code> is the root of
          account 000000000000, and is filled in below.
        </p>
      ) : null}
      <form onSubmit={submit} className="form">
        <Field label="Access key ID">{(p) => <input {...p} value={accessKeyId} onChange={(e) => setAccessKeyId(e.target.value)} autoComplete="username" required spellCheck={false} />}</Field>
        <Field label="Secret access key">
          {(p) => <input {...p} type="password" value={secretAccessKey} onChange={(e) => setSecretAccessKey(e.target.value)} autoComplete="current-password" required />}
        </Field>
        <Field label="Region" hint={regionOk ? 'Keys and log groups belong to one region; the region can be changed at the top of every page.' : `A region looks like us-east-1 or eu-west-3${privateRegions.length > 0 ? `, or is one of this server's private regions: ${privateRegions.join(', ')}` : ''}.`}>
          {(p) => (
            <>
              <input {...p} list={privateRegions.length > 0 ? `${p.id}-private` : undefined} value={region} onChange={(e) => setRegion(e.target.value.trim())} required aria-invalid={!regionOk} spellCheck={false} />
              {privateRegions.length > 0 ? (
                <datalist id={`${p.id}-private`}>
                  {privateRegions.map((r) => (
                    <option key={r} value={r} />
                  ))}
                </datalist>
              ) : null}
            </>
          )}
        </Field>
        <button type="submit" disabled={busy || !regionOk}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {error ? <ErrorPanel error={error} title="Sign-in failed" /> : null}
    </main>
  );
}
