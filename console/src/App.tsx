import { useMemo, useState } from 'react';
import { createAws } from './lib/aws.js';
import { AwsContext } from './lib/context.js';
import { Link, navigate, useRoute, type Route } from './lib/router.js';
import { clearSession, loadSession, saveSession, type Session } from './lib/session.js';
import { CreateKeyPage } from './pages/CreateKey.js';
import { CreateLogGroupPage } from './pages/CreateLogGroup.js';
import { DetectorPage, DetectorsPage } from './pages/Detectors.js';
import { EventsPage } from './pages/Events.js';
import { IamPage, IamPrincipalPage } from './pages/Iam.js';
import { InsightsPage } from './pages/Insights.js';
import { KeyDetailPage } from './pages/KeyDetail.js';
import { KeysPage } from './pages/Keys.js';
import { LogGroupPage } from './pages/LogGroup.js';
import { LogGroupsPage } from './pages/LogGroups.js';
import { NotFoundPage } from './pages/NotFound.js';
import { PolicyCheckPage } from './pages/PolicyCheck.js';
import { SignInPage } from './pages/SignIn.js';

const NAV = [
  { to: '/keys', label: 'Keys', section: '/keys' },
  { to: '/policy-check', label: 'Policy check', section: '/policy-check' },
  { to: '/log-groups', label: 'Log groups', section: '/log-group' },
  { to: '/insights', label: 'Logs Insights', section: '/insights' },
  { to: '/detectors', label: 'Anomaly detectors', section: '/detector' },
  { to: '/iam', label: 'IAM', section: '/iam' },
];

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const route = useRoute();
  const aws = useMemo(() => (session ? createAws(session) : null), [session]);

  if (!session || !aws) {
    return (
      <SignInPage
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
          if (route.path === '/') navigate('/keys', { replace: true });
        }}
      />
    );
  }
  const signOut = () => {
    clearSession();
    setSession(null);
    navigate('/', { replace: true });
  };
  return (
    <AwsContext.Provider value={aws}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="brand">logseal console</div>
        <p className="identity">
          <span title={session.arn}>Account {session.accountId}</span> · <span>{session.region}</span>
        </p>
        <button type="button" className="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav aria-label="Main" className="main-nav">
        <ul>
          {NAV.map((n) => (
            <li key={n.to}>
              <Link to={n.to} aria-current={route.path.startsWith(n.section) ? 'page' : undefined}>
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <Page route={route} key={route.path + '?' + route.query.toString()} />
      </main>
    </AwsContext.Provider>
  );
}

function Page({ route }: { route: Route }) {
  const { path, query } = route;
  if (path === '/' || path === '/keys') return <KeysPage />;
  if (path === '/keys/new') return <CreateKeyPage />;
  if (path.startsWith('/keys/')) return <KeyDetailPage keyId={decodeURIComponent(path.slice('/keys/'.length))} />;
  if (path === '/policy-check') return <PolicyCheckPage keyId={query.get('key') ?? ''} target={query.get('target') ?? ''} />;
  if (path === '/log-groups') return <LogGroupsPage onlyUnencrypted={query.get('filter') === 'no-customer-key'} />;
  if (path === '/log-groups/new') return <CreateLogGroupPage />;
  if (path === '/log-group') return <LogGroupPage name={query.get('name') ?? ''} />;
  if (path === '/events') return <EventsPage group={query.get('group') ?? ''} stream={query.get('stream') ?? ''} />;
  if (path === '/insights') return <InsightsPage />;
  if (path === '/detectors') return <DetectorsPage />;
  if (path === '/detector') return <DetectorPage arn={query.get('arn') ?? ''} />;
  if (path === '/iam') return <IamPage />;
  if (path === '/iam/user') return <IamPrincipalPage kind="user" name={query.get('name') ?? ''} />;
  if (path === '/iam/role') return <IamPrincipalPage kind="role" name={query.get('name') ?? ''} />;
  return <NotFoundPage />;
}
