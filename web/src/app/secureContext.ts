/** Why the page cannot do its crypto here, or null when it can (WebCrypto exists only in secure contexts). */
export function insecureContextProblem(scope: { isSecureContext?: boolean; crypto?: Crypto } = globalThis): string | null {
  if (scope.crypto?.subtle && scope.isSecureContext !== false) return null;
  return (
    'Coffer encrypts and decrypts in your browser, and browsers only allow that on a secure page: ' +
    'https://, or http://localhost on the server machine itself. This page was opened over plain HTTP, ' +
    'so nothing can be decrypted here. Ask the operator to serve Coffer over HTTPS ' +
    '(see “TLS” in docs/OPERATIONS.md: Kestrel with a certificate, or behind a reverse proxy), then open the link with https://.'
  );
}
