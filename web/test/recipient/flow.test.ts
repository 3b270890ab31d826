import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/api/http';
import { flowReducer, initialFlow, RESEND_COOLDOWN_MS, resendSecondsLeft, type FlowState } from '../../src/recipient/flow';

const problem = (code: string, status = 400) => new ApiError(status, code, `detail of ${code}`);

describe('recipient opening flow', () => {
  it('goes email → code → ready', () => {
    let s: FlowState = flowReducer(initialFlow, { type: 'needs-email' });
    expect(s).toEqual({ step: 'email', error: null, busy: false });
    s = flowReducer(s, { type: 'busy' });
    expect(s).toMatchObject({ busy: true });
    s = flowReducer(s, { type: 'code-sent', email: 'bob@example.com', now: 1000 });
    expect(s).toEqual({ step: 'code', email: 'bob@example.com', resendAt: 1000 + RESEND_COOLDOWN_MS, error: null, notice: null, busy: false });
    expect(flowReducer(s, { type: 'opened' })).toEqual({ step: 'ready' });
  });

  it('keeps the code step with a clear error on a wrong code, and a resend restarts the cool-down with a notice', () => {
    let s: FlowState = { step: 'code', email: 'bob@example.com', resendAt: 5000, error: null, notice: null, busy: true };
    s = flowReducer(s, { type: 'failed', error: problem('invalid-code') });
    expect(s).toMatchObject({ step: 'code', busy: false });
    expect(s.step === 'code' && s.error).toMatch(/wrong, expired or used up/);
    s = flowReducer(s, { type: 'code-sent', email: 'bob@example.com', now: 40_000 });
    expect(s).toMatchObject({ step: 'code', error: null, resendAt: 40_000 + RESEND_COOLDOWN_MS });
    expect(s.step === 'code' && s.notice).toMatch(/previous one no longer works/);
  });

  it('closes the page with one clear message for an expired, revoked or suspended link', () => {
    const expired = flowReducer({ step: 'checking' }, { type: 'failed', error: problem('link-expired', 410) });
    expect(expired).toEqual({ step: 'closed', title: 'This link has expired', message: expect.stringMatching(/expired/) });
    const gone = flowReducer({ step: 'email', error: null, busy: true }, { type: 'failed', error: problem('link-not-found', 404) });
    expect(gone).toMatchObject({ step: 'closed', title: 'This link is not available' });
    const revoked = flowReducer({ step: 'ready' }, { type: 'failed', error: problem('link-revoked', 410) });
    expect(revoked).toEqual({ step: 'closed', title: 'This link was revoked', message: 'The owner revoked this link. Ask them for a new one.' });
    const suspended = flowReducer({ step: 'ready' }, { type: 'failed', error: problem('link-suspended', 403) });
    expect(suspended).toMatchObject({ step: 'closed', title: 'This link is suspended' });
    expect(suspended.step === 'closed' && suspended.message).toMatch(/owner's organization/);
  });

  it('asks for the email again when the session ended', () => {
    expect(flowReducer({ step: 'ready' }, { type: 'failed', error: problem('link-session-required', 401) })).toMatchObject({ step: 'email' });
  });

  it('counts the resend cool-down down in whole seconds', () => {
    expect(resendSecondsLeft(30_000, 0)).toBe(30);
    expect(resendSecondsLeft(30_000, 29_001)).toBe(1);
    expect(resendSecondsLeft(30_000, 30_000)).toBe(0);
    expect(resendSecondsLeft(30_000, 99_000)).toBe(0);
  });
});
