/** The pages of the app, decided from the path alone (the fragment is read only by the recipient page). */
export type Route = { page: 'owner' } | { page: 'recipient'; linkId: string } | { page: 'not-found' };

export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'owner' };
  const link = /^\/l\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (link) return { page: 'recipient', linkId: link[1]! };
  return { page: 'not-found' };
}
