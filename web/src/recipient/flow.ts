import { ApiError, } from '../api/http';
import { isFatalLinkError, recipientMessage } from '../api/recipient';

/** How long "Send a new code" stays disabled after a code was sent. */
export const RESEND_COOLDOWN_MS = 30_000;

/** The steps of opening a link: check it, verify the email (two steps), then the file; or a closed link. */
export type FlowState =
  | { step: 'checking' }
  | { step: 'email'; error: string | null; busy: boolean }
  | { step: 'code'; email: string; resendAt: number; error: string | null; notice: string | null; busy: boolean }
  | { step: 'ready' }
  | { step: 'closed'; title: string; message: string };

export type FlowEvent =
  | { type: 'needs-email' }
  | { type: 'busy' }
  | { type: 'code-sent'; email: string; now: number }
  | { type: 'opened' }
  | { type: 'change-email' }
  | { type: 'failed'; error: unknown };

export const initialFlow: FlowState = { step: 'checking' };

export function closedTitle(errorCode: string): string {
  switch (errorCode) {
    case 'link-revoked':
      return 'This link was revoked';
    case 'link-expired':
      return 'This link has expired';
    case 'link-suspended':
      return 'This link is suspended';
    case 'link-open-limit-reached':
      return 'This link cannot be opened again';
    default:
      return 'This link is not available';
  }
}

/** Pure transitions of the recipient page's opening flow (the page runs the requests and feeds their outcomes in). */
export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'needs-email':
      return { step: 'email', error: null, busy: false };
    case 'busy':
      return state.step === 'email' || state.step === 'code' ? { ...state, busy: true } : state;
    case 'code-sent':
      return {
        step: 'code',
        email: event.email,
        resendAt: event.now + RESEND_COOLDOWN_MS,
        error: null,
        notice: state.step === 'code' ? `A new code was sent to ${event.email}; the previous one no longer works.` : null,
        busy: false,
      };
    case 'opened':
      return { step: 'ready' };
    case 'change-email':
      return { step: 'email', error: null, busy: false };
    case 'failed': {
      const error = event.error;
      if (isFatalLinkError(error)) return { step: 'closed', title: closedTitle((error as ApiError).errorCode), message: recipientMessage(error) };
      if (error instanceof ApiError && error.errorCode === 'link-session-required') {
        return { step: 'email', error: recipientMessage(error), busy: false };
      }
      if (state.step === 'email' || state.step === 'code') return { ...state, error: recipientMessage(error), busy: false, ...(state.step === 'code' ? { notice: null } : {}) };
      return { step: 'closed', title: 'This link could not be opened', message: recipientMessage(error) };
    }
  }
}

/** Seconds left before another code may be asked for (0: now). */
export const resendSecondsLeft = (resendAt: number, now: number) => Math.max(0, Math.ceil((resendAt - now) / 1000));
