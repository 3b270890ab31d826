import { accounts, type Account } from '../../api/owner';
import { AuthenticationFailedError, deriveAccountKeys, fromBase64Url, newKdfParams, newKey, normalizeEmail, toBase64Url, unwrapAccountKey, wrapAccountKey } from '../../crypto';

/** A logged-in account with its account key (AK), which lives in this page's memory only. */
export interface Unlocked {
  account: Account;
  accountKey: Uint8Array;
}

/**
 * Creates the account: a fresh KDF record and account key, AK wrapped under EK; only AuthKey and the wrapped AK go to the server.
 * The server answers 202 whether or not the email was free, and mails the confirmation code.
 */
export async function signUp(email: string, password: string): Promise<void> {
  const kdf = newKdfParams();
  const keys = await deriveAccountKeys(password, kdf);
  const wrapped = await wrapAccountKey(keys.encryptionKey, newKey());
  await accounts.register({ email: normalizeEmail(email), kdf, authKey: toBase64Url(keys.authKey), wrappedAccountKey: toBase64Url(wrapped) });
}

/** Logs in (the server sets the session cookie) and unwraps AK with the EK derived from the same password. */
export async function logIn(email: string, password: string): Promise<Unlocked> {
  const normalized = normalizeEmail(email);
  const { kdf } = await accounts.prelogin(normalized);
  const keys = await deriveAccountKeys(password, kdf);
  const { account } = await accounts.login(normalized, toBase64Url(keys.authKey));
  return { account, accountKey: await unwrapAccountKey(keys.encryptionKey, fromBase64Url(account.wrappedAccountKey)) };
}

/**
 * After a reload the session cookie is still valid but AK is gone (it is never stored): the password unwraps it again.
 * A wrong password fails the box's tag (AuthenticationFailedError) without any request.
 */
export async function unlock(account: Account, password: string): Promise<Unlocked> {
  const keys = await deriveAccountKeys(password, account.kdf);
  try {
    return { account, accountKey: await unwrapAccountKey(keys.encryptionKey, fromBase64Url(account.wrappedAccountKey)) };
  } catch (error) {
    if (error instanceof AuthenticationFailedError) throw new Error('That password does not unlock this account. Check it and try again.');
    throw error;
  }
}
