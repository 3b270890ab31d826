/** One upload shown in the uploads panel. */
export interface UploadEntry {
  id: string;
  name: string;
  sent: number;
  total: number;
  stage: 'waiting' | 'sending' | 'finishing' | 'done' | 'failed';
  error: string | null;
}

export type UploadAction =
  | { type: 'added'; id: string; name: string; total: number }
  | { type: 'progress'; id: string; stage: 'sending' | 'finishing'; sent: number; total: number }
  | { type: 'done'; id: string }
  | { type: 'failed'; id: string; error: string }
  | { type: 'dismissed'; id: string }
  | { type: 'cleared' };

/** The uploads panel's state: progress only moves forward, and finished entries can be cleared while others run. */
export function uploadsReducer(state: UploadEntry[], action: UploadAction): UploadEntry[] {
  const update = (id: string, change: (e: UploadEntry) => UploadEntry) => state.map((e) => (e.id === id ? change(e) : e));
  switch (action.type) {
    case 'added':
      return [...state, { id: action.id, name: action.name, sent: 0, total: action.total, stage: 'waiting', error: null }];
    case 'progress':
      return update(action.id, (e) => (e.stage === 'failed' || e.stage === 'done' ? e : { ...e, stage: action.stage, sent: Math.max(e.sent, action.sent), total: action.total }));
    case 'done':
      return update(action.id, (e) => ({ ...e, stage: 'done', sent: e.total }));
    case 'failed':
      return update(action.id, (e) => ({ ...e, stage: 'failed', error: action.error }));
    case 'dismissed':
      return state.filter((e) => e.id !== action.id);
    case 'cleared':
      return state.filter((e) => e.stage !== 'done' && e.stage !== 'failed');
  }
}

/** 0–100 for a progress bar. */
export const percent = (e: UploadEntry) => (e.total > 0 ? Math.min(100, Math.floor((e.sent / e.total) * 100)) : e.stage === 'done' ? 100 : 0);
