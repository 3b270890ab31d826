import { describe, expect, it } from 'vitest';
import { routeOf } from '../src/app/route';
import { insecureContextProblem } from '../src/app/secureContext';

describe('routes', () => {
  it('maps / to the owner app and /l/{id} to the recipient page', () => {
    expect(routeOf('/')).toEqual({ page: 'owner' });
    expect(routeOf('/l/EBESExQVFhcYGRobHB0eHw')).toEqual({ page: 'recipient', linkId: 'EBESExQVFhcYGRobHB0eHw' });
    expect(routeOf('/nope')).toEqual({ page: 'not-found' });
  });
});

describe('secure context', () => {
  it('is fine with WebCrypto in a secure context', () => {
    expect(insecureContextProblem({ isSecureContext: true, crypto: globalThis.crypto })).toBeNull();
  });

  it('explains HTTPS when crypto.subtle is missing (plain HTTP on another address)', () => {
    const message = insecureContextProblem({ isSecureContext: false, crypto: { getRandomValues: () => null } as unknown as Crypto });
    expect(message).toMatch(/HTTPS/);
    expect(message).toMatch(/docs\/OPERATIONS\.md/);
    expect(insecureContextProblem({ isSecureContext: false })).toBe(message);
  });
});
