import { PageTitle } from '../components/ui.js';
import { Link } from '../lib/router.js';

export function NotFoundPage() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <p>
        There is no such page in the console. Go to the <Link to="/keys">keys</Link>.
      </p>
    </>
  );
}
