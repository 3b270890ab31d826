import { insecureContextProblem } from './secureContext';
import { routeOf } from './route';
import { InsecureContextPage } from './InsecureContextPage';
import { OwnerPage } from '../owner/OwnerPage';
import { RecipientPage } from '../recipient/RecipientPage';
import { NotFoundPage } from './NotFoundPage';

/** Picks the page from the path; nothing at all runs when the browser has no WebCrypto here. */
export function App() {
  const problem = insecureContextProblem();
  if (problem) return <InsecureContextPage message={problem} />;
  const route = routeOf(location.pathname);
  switch (route.page) {
    case 'owner':
      return <OwnerPage section={route.section ?? 'files'} />;
    case 'recipient':
      return <RecipientPage />;
    default:
      return <NotFoundPage />;
  }
}
