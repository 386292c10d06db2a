import { ListGrantsCommand, RevokeGrantCommand, type GrantListEntry } from '@aws-sdk/client-kms';
import { useState } from 'react';
import { ActionResult } from '../../components/ActionResult.js';
import { Load, formatTime } from '../../components/ui.js';
import { useAction } from '../../lib/action.js';
import { useAws } from '../../lib/context.js';
import { useLoad } from '../../lib/load.js';
import { SearchBar } from '../../components/SearchBar.js';
import { Pager } from '../group/GroupStreams.js';

const PAGE = 25;

function constraintsText(g: GrantListEntry): string {
  const c = g.Constraints;
  if (!c) return '—';
  const parts: string[] = [];
  for (const [k, v] of Object.entries(c.EncryptionContextEquals ?? {})) parts.push(`${k} = ${v}`);
  for (const [k, v] of Object.entries(c.EncryptionContextSubset ?? {})) parts.push(`${k} ⊇ ${v}`);
  return parts.length > 0 ? parts.join(', ') : '—';
}

/**
 * The key's grants (ListGrants, a page at a time with Marker), searched by grantee principal with ListGrants' own
 * GranteePrincipal parameter; each revocable after a confirmation.
 */
export function KeyGrants({ keyId }: { keyId: string }) {
  const aws = useAws();
  const action = useAction();
  const [markers, setMarkers] = useState<(string | undefined)[]>([undefined]);
  const [grantee, setGrantee] = useState('');
  const marker = markers[markers.length - 1];
  const [grants, reload] = useLoad(
    () => aws.kms.send(new ListGrantsCommand({ KeyId: keyId, Limit: PAGE, Marker: marker, GranteePrincipal: grantee || undefined })),
    [aws, keyId, marker, grantee],
  );
  const [doomed, setDoomed] = useState<string | null>(null);
  const revoke = (grantId: string) =>
    action.run(() => aws.kms.send(new RevokeGrantCommand({ KeyId: keyId, GrantId: grantId })), `The grant ${grantId} is revoked.`, () => {
      setDoomed(null);
      reload();
    });
  return (
    <section aria-labelledby="grants-h">
      <h2 id="grants-h">Grants</h2>
      <SearchBar
        label="Grants to the grantee principal (ARN)"
        button="Search grants"
        value={grantee}
        onSearch={(text) => {
          setMarkers([undefined]);
          setGrantee(text);
        }}
      />
      <Load value={grants} what="grants" unavailable="ListGrants">
        {(out) => {
          const list = out.Grants ?? [];
          return (
            <>
              {list.length === 0 ? (
                <p>{grantee ? `The key has no grant to ${grantee}.` : 'The key has no grants.'}</p>
              ) : (
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Grants table">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Grant</th>
                        <th scope="col">Grantee</th>
                        <th scope="col">Operations</th>
                        <th scope="col">Encryption context</th>
                        <th scope="col">Created</th>
                        <th scope="col">Actions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((g) => (
                        <tr key={g.GrantId}>
                          <td>
                            {g.Name ? <div>{g.Name}</div> : null}
                            <span className="mono">{g.GrantId}</span>
                          </td>
                          <td className="mono">{g.GranteePrincipal}</td>
                          <td>{(g.Operations ?? []).join(', ')}</td>
                          <td>{constraintsText(g)}</td>
                          <td>{formatTime(g.CreationDate)}</td>
                          <td>
                            {doomed === g.GrantId ? (
                              <span className="confirm">
                                <button type="button" className="danger" disabled={action.busy} onClick={() => void revoke(g.GrantId!)}>
                                  Confirm: revoke {g.Name || g.GrantId}
                                </button>{' '}
                                <button type="button" className="secondary" onClick={() => setDoomed(null)}>
                                  Keep {g.Name || g.GrantId}
                                </button>
                              </span>
                            ) : (
                              <button type="button" className="secondary" onClick={() => setDoomed(g.GrantId!)}>
                                Revoke {g.Name || g.GrantId}
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <Pager
                hasPrevious={markers.length > 1}
                next={out.Truncated ? out.NextMarker : undefined}
                onPrevious={() => setMarkers(markers.slice(0, -1))}
                onNext={(m) => setMarkers([...markers, m])}
                what="grants"
              />
            </>
          );
        }}
      </Load>
      <ActionResult action={action} failed="The grant was not revoked" />
    </section>
  );
}
