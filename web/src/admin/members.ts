/** Roles an admin can give (OrganizationMember.AdminRole / MemberRole on the server). */
export type MemberRole = 'member' | 'admin';

/**
 * A sentence when the typed text cannot be an email address; null when it may be one (the server decides the rest:
 * unknown account, already in an organization) or when nothing is typed yet.
 */
export function memberEmailProblem(text: string): string | null {
  const email = text.trim();
  if (email === '') return null;
  return /^[^\s@]+@[^\s@]+$/.test(email) ? null : 'Enter the email address of their Coffer account, like name@example.com.';
}
