import { CreateRoleCommand, CreateUserCommand } from '@aws-sdk/client-iam';
import { useState, type FormEvent } from 'react';
import { ErrorPanel, Field, Load, PageTitle } from '../components/ui.js';
import { useAws } from '../lib/context.js';
import { listRolesPage, listUsersPage, type IamPrincipal } from '../lib/iam.js';
import { textMatch, usePaged } from '../lib/paged.js';
import { SearchBar } from '../components/SearchBar.js';
import { Pager } from './group/GroupStreams.js';
import { Link, navigate, withQuery } from '../lib/router.js';
import { AccessKeys } from './iam/AccessKeys.js';
import { InlinePolicies } from './iam/InlinePolicies.js';

const NAME_PATTERN = /^[\w+=,.@-]+$/;

function nameProblem(name: string): string | null {
  if (name === '') return null;
  if (!NAME_PATTERN.test(name)) return 'Use letters, digits and + = , . @ _ -.';
  return name.length > 64 ? 'At most 64 characters.' : null;
}

function trustPolicy(accountId: string): string {
  return JSON.stringify(
    { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' }] },
    null,
    2,
  );
}

const PRINCIPAL_PAGE = 20;

export function IamPage() {
  const aws = useAws();
  return (
    <>
      <PageTitle>IAM users and roles</PageTitle>
      <p>The users and roles of account {aws.session.accountId}. They can be key administrators and key users.</p>
      <div className="columns">
        <section aria-labelledby="users-h">
          <h2 id="users-h">Users</h2>
          <PrincipalList kind="user" />
          <CreatePrincipal kind="user" />
        </section>
        <section aria-labelledby="roles-h">
          <h2 id="roles-h">Roles</h2>
          <PrincipalList kind="role" />
          <CreatePrincipal kind="role" />
        </section>
      </div>
    </>
  );
}

/**
 * Users or roles a page at a time (ListUsers / ListRoles with MaxItems and Marker), searched by name: IAM has no name
 * search, so server pages are read until a page of matches is found.
 */
function PrincipalList({ kind }: { kind: 'user' | 'role' }) {
  const aws = useAws();
  const [search, setSearch] = useState('');
  const plural = kind === 'user' ? 'users' : 'roles';
  const paged = usePaged(
    (Marker) => (kind === 'user' ? listUsersPage(aws, Marker, PRINCIPAL_PAGE) : listRolesPage(aws, Marker, PRINCIPAL_PAGE)),
    [aws, kind],
    search,
    search ? { match: (p: IamPrincipal) => textMatch(search, p.name), want: PRINCIPAL_PAGE } : {},
  );
  return (
    <>
      <SearchBar label={`${kind === 'user' ? 'Users' : 'Roles'} whose name contains`} button={`Search ${plural}`} value={search} onSearch={setSearch} />
      <Load value={paged.value} what={plural} unavailable={kind === 'user' ? 'IAM ListUsers' : 'IAM ListRoles'}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p>{search ? `No ${kind} name contains "${search}".` : `There are no ${plural} yet.`}</p>
            ) : (
              <ul className="plain">
                {page.items.map((p) => (
                  <li key={p.arn}>
                    <Link to={withQuery(`/iam/${p.kind}`, { name: p.name })}>{p.name}</Link> <span className="muted mono">{p.arn}</span>
                  </li>
                ))}
              </ul>
            )}
            <Pager hasPrevious={paged.hasPrevious} next={page.next} onPrevious={paged.previous} onNext={paged.nextPage} what={plural} />
          </>
        )}
      </Load>
    </>
  );
}

function CreatePrincipal({ kind }: { kind: 'user' | 'role' }) {
  const aws = useAws();
  const [name, setName] = useState('');
  const [trust, setTrust] = useState(() => trustPolicy(aws.session.accountId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problem = nameProblem(name.trim());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    setBusy(true);
    setError(null);
    try {
      if (kind === 'user') await aws.iam.send(new CreateUserCommand({ UserName: n }));
      else await aws.iam.send(new CreateRoleCommand({ RoleName: n, AssumeRolePolicyDocument: trust }));
      navigate(withQuery(`/iam/${kind}`, { name: n }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="form">
      <h3>Create a {kind}</h3>
      <Field label={kind === 'user' ? 'User name' : 'Role name'} hint={problem ?? undefined}>
        {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={problem !== null} spellCheck={false} />}
      </Field>
      {kind === 'role' ? (
        <Field label="Trust policy (who may assume the role)">
          {(p) => <textarea {...p} className="code" rows={8} value={trust} onChange={(e) => setTrust(e.target.value)} spellCheck={false} />}
        </Field>
      ) : null}
      <button type="submit" disabled={busy || name.trim() === '' || problem !== null}>
        Create {kind}
      </button>
      {error ? <ErrorPanel error={error} title={`The ${kind} was not created`} /> : null}
    </form>
  );
}

export function IamPrincipalPage({ kind, name }: { kind: 'user' | 'role'; name: string }) {
  return (
    <>
      <p className="crumbs">
        <Link to="/iam">IAM</Link> /
      </p>
      <PageTitle>
        {kind === 'user' ? 'User' : 'Role'} {name}
      </PageTitle>
      {kind === 'user' ? <AccessKeys user={name} /> : null}
      <InlinePolicies kind={kind} name={name} />
    </>
  );
}
