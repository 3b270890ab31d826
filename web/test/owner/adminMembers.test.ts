import { describe, expect, it } from 'vitest';
import { memberEmailProblem } from '../../src/admin/members';
import { unnamedFileLabel } from '../../src/owner/links/fileLabel';

describe('admin add-member form', () => {
  it('says nothing until something is typed, and accepts anything shaped like an address', () => {
    expect(memberEmailProblem('')).toBeNull();
    expect(memberEmailProblem('   ')).toBeNull();
    expect(memberEmailProblem(' Ada@Example.com ')).toBeNull();
  });

  it('explains text that cannot be an email address (the server decides whether the account exists)', () => {
    for (const text of ['ada', 'ada@', '@example.com', 'ada lovelace@example.com', 'a@b@c']) {
      expect(memberEmailProblem(text)).toBe('Enter the email address of their Coffer account, like name@example.com.');
    }
  });
});

describe('links to files whose name is sealed for someone else', () => {
  it('name the file by id and its plaintext extension', () => {
    expect(unnamedFileLabel('0193a1b2-0000-7000-8000-000000000001', 'pdf')).toBe('file 0193a1b2-0000-7000-8000-000000000001 (.pdf)');
    expect(unnamedFileLabel('0193a1b2-0000-7000-8000-000000000002', '')).toBe('file 0193a1b2-0000-7000-8000-000000000002 (no extension)');
  });
});
