/** The sections of the owner app; each has its own path so a reload or a bookmark lands on it. */
export type OwnerSection = 'files' | 'trash' | 'links' | 'admin';

/** The pages of the app, decided from the path alone (the fragment is read only by the recipient page). */
export type Route = { page: 'owner'; section?: OwnerSection } | { page: 'recipient'; linkId: string } | { page: 'not-found' };

const ownerSections: Record<string, OwnerSection> = { '/files': 'files', '/trash': 'trash', '/links': 'links', '/admin': 'admin' };

export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'owner' };
  const section = ownerSections[pathname.replace(/\/+$/, '')];
  if (section) return { page: 'owner', section };
  const link = /^\/l\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  if (link) return { page: 'recipient', linkId: link[1]! };
  return { page: 'not-found' };
}

/** The path of an owner section (files live at /). */
export const ownerPath = (section: OwnerSection) => (section === 'files' ? '/' : `/${section}`);
