import { KeyState } from '../components/KeyState.js';
import { Load, PageTitle } from '../components/ui.js';
import { useAws } from '../lib/context.js';
import { listKeyRows, rotationText } from '../lib/kms.js';
import { useLoad } from '../lib/load.js';
import { Link } from '../lib/router.js';

export function KeysPage() {
  const aws = useAws();
  const [keys] = useLoad(() => listKeyRows(aws), [aws]);
  return (
    <>
      <PageTitle>Keys</PageTitle>
      <p>
        Customer managed KMS keys of account {aws.session.accountId} in {aws.session.region}.
      </p>
      <p>
        <Link to="/keys/new" className="button">
          Create key
        </Link>
      </p>
      <Load value={keys} what="keys" unavailable="AWS KMS">
        {(rows) =>
          rows.length === 0 ? (
            <p>There are no keys yet.</p>
          ) : (
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
                  {rows.map((r) => (
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
          )
        }
      </Load>
    </>
  );
}
