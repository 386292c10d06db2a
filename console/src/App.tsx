import { useLayoutEffect, useMemo, useState } from 'react';
import { RegionSwitcher } from './components/RegionSwitcher.js';
import { createAws } from './lib/aws.js';
import { AwsContext } from './lib/context.js';
import { Link, navigate, useRoute, withQuery, type Route } from './lib/router.js';
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
import { OverviewPage } from './pages/Overview.js';
import { PolicyCheckPage } from './pages/PolicyCheck.js';
import { SignInPage } from './pages/SignIn.js';

/** What a region name may look like (AWS's and private names); the server refuses one it does not have. */
const REGION_NAME = /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/;

const NAV = [
  { to: '/', label: 'Overview', section: '/overview', also: [] as string[] },
  { to: '/keys', label: 'Keys', section: '/keys', also: [] as string[] },
  { to: '/policy-check', label: 'Policy check', section: '/policy-check', also: [] as string[] },
  { to: '/log-groups', label: 'Log groups', section: '/log-group', also: ['/events'] },
  { to: '/insights', label: 'Logs Insights', section: '/insights', also: [] as string[] },
  { to: '/detectors', label: 'Anomaly detectors', section: '/detector', also: [] as string[] },
  { to: '/iam', label: 'IAM', section: '/iam', also: [] as string[] },
];

export function App() {
  const [session, setSession] = useState<Session | null>(loadSession);
  const route = useRoute();
  const aws = useMemo(() => (session ? createAws(session) : null), [session]);
  // A link may name the region it is about (`?region=…`, as the overview's links into other regions do): the console
  // switches to it, keeping the sign-in, and takes it out of the address so the region switcher stays in charge.
  const wantedRegion = session ? route.query.get('region') : null;
  useLayoutEffect(() => {
    if (!session || wantedRegion === null) return;
    if (REGION_NAME.test(wantedRegion) && wantedRegion !== session.region) {
      const next = { ...session, region: wantedRegion };
      saveSession(next);
      setSession(next);
    }
    const q = new URLSearchParams(route.query);
    q.delete('region');
    navigate(withQuery(route.path, Object.fromEntries(q)), { replace: true });
  }, [session, wantedRegion, route]);

  if (!session || !aws) {
    return (
      <SignInPage
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
        }}
      />
    );
  }
  if (wantedRegion !== null) return null;
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
          <span title={session.arn}>Account {session.accountId}</span>
        </p>
        <RegionSwitcher
          region={session.region}
          onChange={(region) => {
            const next = { ...session, region };
            saveSession(next);
            setSession(next);
          }}
        />
        <button type="button" className="secondary" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav aria-label="Main" className="main-nav">
        <ul>
          {NAV.map((n) => (
            <li key={n.to}>
              <Link to={n.to} aria-current={route.path.startsWith(n.section) || n.also.some((p) => route.path.startsWith(p)) || (n.to === '/' && route.path === '/') ? 'page' : undefined}>
                {n.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main">
        <Page route={route} key={pageKey(route)} />
      </main>
    </AwsContext.Provider>
  );
}

/**
 * A page is made afresh when its path or query changes, except for what a page writes into its own URL as the
 * person works (the Events page's filter pattern), which must not reset it.
 */
function pageKey(route: Route): string {
  const q = new URLSearchParams(route.query);
  if (route.path === '/events') q.delete('filter');
  return `${route.path}?${q.toString()}`;
}

function Page({ route }: { route: Route }) {
  const { path, query } = route;
  if (path === '/' || path === '/overview') return <OverviewPage />;
  if (path === '/keys') return <KeysPage />;
  if (path === '/keys/new') return <CreateKeyPage />;
  if (path.startsWith('/keys/')) return <KeyDetailPage keyId={decodeURIComponent(path.slice('/keys/'.length))} />;
  if (path === '/policy-check') return <PolicyCheckPage keyId={query.get('key') ?? ''} target={query.get('target') ?? ''} />;
  if (path === '/log-groups') return <LogGroupsPage onlyUnencrypted={query.get('filter') === 'no-customer-key'} prefix={query.get('prefix') ?? ''} />;
  if (path === '/log-groups/new') return <CreateLogGroupPage />;
  if (path === '/log-group') return <LogGroupPage name={query.get('name') ?? ''} />;
  if (path === '/events') return <EventsPage group={query.get('group') ?? ''} stream={query.get('stream') ?? ''} filter={query.get('filter') ?? ''} />;
  if (path === '/insights') return <InsightsPage />;
  if (path === '/detectors') return <DetectorsPage />;
  if (path === '/detector') return <DetectorPage arn={query.get('arn') ?? ''} />;
  if (path === '/iam') return <IamPage />;
  if (path === '/iam/user') return <IamPrincipalPage kind="user" name={query.get('name') ?? ''} />;
  if (path === '/iam/role') return <IamPrincipalPage kind="role" name={query.get('name') ?? ''} />;
  return <NotFoundPage />;
}
