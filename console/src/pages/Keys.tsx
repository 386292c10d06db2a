import { ListKeysCommand, type AliasListEntry } from '@aws-sdk/client-kms';
import { useRef, useState } from 'react';
import { KeyState } from '../components/KeyState.js';
import { SearchBar } from '../components/SearchBar.js';
import { Load, PageTitle } from '../components/ui.js';
import { useAws } from '../lib/context.js';
import { describeKey, listAliases, rotationOf, rotationText, type KeyRow } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { textMatch, usePaged } from '../lib/paged.js';
import { Link } from '../lib/router.js';
import { Pager } from './group/GroupStreams.js';

const PAGE = 25;

interface Listed {
  keyId: string;
  aliases: string[];
}

/**
 * The keys of the region a page at a time (ListKeys with Limit and Marker), in KMS's order. The search finds keys by
 * alias or key ID (KMS has no search parameter: server pages are read until a page of matches is found).
 */
export function KeysPage() {
  const aws = useAws();
  const [search, setSearch] = useState('');
  // Aliases name the keys in the list and are what people search by; read once per visit of the page.
  const aliases = useRef<Promise<AliasListEntry[]> | null>(null);
  const paged = usePaged<Listed>(
    async (Marker) => {
      aliases.current ??= listAliases(aws).catch(() => []);
      const [out, all] = await Promise.all([aws.kms.send(new ListKeysCommand({ Limit: PAGE, Marker })), aliases.current]);
      const items = (out.Keys ?? []).map((k) => ({ keyId: k.KeyId!, aliases: all.filter((a) => a.TargetKeyId === k.KeyId).map((a) => a.AliasName!) }));
      return { items, next: out.Truncated ? out.NextMarker : undefined };
    },
    [aws],
    search,
    search ? { match: (k) => textMatch(search, k.keyId, ...k.aliases), want: PAGE } : {},
  );
  return (
    <>
      <PageTitle>Keys</PageTitle>
      <p>
        KMS keys of account {aws.session.accountId} in {aws.session.region}.
      </p>
      <p>
        <Link to="/keys/new" className="button">
          Create key
        </Link>
      </p>
      <SearchBar label="Keys whose alias or key ID contains" button="Search keys" value={search} onSearch={setSearch} />
      <Load value={paged.value} what="keys" unavailable="AWS KMS">
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p>{search ? `No key alias or ID contains "${search}"${page.next ? ' on the pages read so far' : ''}.` : 'There are no keys yet.'}</p>
            ) : (
              <KeyTable listed={page.items} />
            )}
            <Pager hasPrevious={paged.hasPrevious} next={page.next} onPrevious={paged.previous} onNext={paged.nextPage} what="keys" />
          </>
        )}
      </Load>
    </>
  );
}

function KeyTable({ listed }: { listed: Listed[] }) {
  const aws = useAws();
  const [rows] = useLoad(
    () =>
      Promise.all(
        listed.map(async (k): Promise<KeyRow> => {
          const metadata = await describeKey(aws, k.keyId);
          return { metadata, aliases: k.aliases, rotation: await rotationOf(aws, metadata) };
        }),
      ),
    [aws, listed],
  );
  return (
    <Load value={rows} what="the keys' details" unavailable="DescribeKey">
      {(list) => (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Keys table">
          <table>
            <thead>
              <tr>
                <th scope="col">Alias</th>
                <th scope="col">Key ID</th>
                <th scope="col">State</th>
                <th scope="col">Key spec</th>
                <th scope="col">Automatic rotation</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {list.map((r) => (
                <tr key={r.metadata.KeyId}>
                  <td>{r.aliases.length > 0 ? r.aliases.join(', ') : <span className="muted">no alias</span>}</td>
                  <td>
                    <Link to={`/keys/${r.metadata.KeyId}`} className="mono">
                      {r.metadata.KeyId}
                    </Link>
                  </td>
                  <td>
                    <KeyState state={r.metadata.KeyState} />
                  </td>
                  <td>{r.metadata.KeySpec}</td>
                  <td>{rotationText(r.rotation)}</td>
                  <td>{r.metadata.Description || <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Load>
  );
}
