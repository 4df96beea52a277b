/**
 * Lesson progress, kept in `localStorage` under one key per lesson (`storm-studio:lesson:<id>`):
 * the goals met (with what the run showed then) and the learner's predictions. A broken or
 * foreign value reads as no progress, never as an error.
 */
import { localStore } from '../tour/local-storage';
import { createStore, useStore } from 'zustand';

export const LESSON_KEY_PREFIX = 'storm-studio:lesson:';
/** Which lesson the panel shows. */
export const CURRENT_LESSON_KEY = 'storm-studio:lessons';

export interface LessonProgress {
  /** Goal id → what the run showed when it was met. */
  readonly met: Readonly<Record<string, string>>;
  readonly answers: Readonly<Record<string, string>>;
}

const EMPTY: LessonProgress = { met: {}, answers: {} };

const strings = (x: unknown): Record<string, string> =>
  x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};

/** Reads a lesson's progress (empty when missing or unreadable). */
export function readProgress(id: string, store = localStore()): LessonProgress {
  try {
    const raw: unknown = JSON.parse(store?.getItem(LESSON_KEY_PREFIX + id) ?? 'null');
    if (raw === null || typeof raw !== 'object') return EMPTY;
    const r = raw as { met?: unknown; answers?: unknown };
    return { met: strings(r.met), answers: strings(r.answers) };
  } catch {
    return EMPTY;
  }
}

interface ProgressState {
  readonly current: string | null;
  readonly progress: Readonly<Record<string, LessonProgress>>;
}

export const progressStore = createStore<ProgressState>()(() => ({ current: localStore()?.getItem(CURRENT_LESSON_KEY) ?? null, progress: {} }));

export const useProgress = <T>(selector: (s: ProgressState) => T): T => useStore(progressStore, selector);

export function progressOf(id: string): LessonProgress {
  const known = progressStore.getState().progress[id];
  if (known) return known;
  const read = readProgress(id);
  progressStore.setState((s) => ({ progress: { ...s.progress, [id]: read } }));
  return read;
}

function save(id: string, next: LessonProgress): void {
  progressStore.setState((s) => ({ progress: { ...s.progress, [id]: next } }));
  try {
    localStore()?.setItem(LESSON_KEY_PREFIX + id, JSON.stringify(next));
  } catch {
    // A full or blocked storage keeps the progress for this session only.
  }
}

export function setCurrentLesson(id: string | null): void {
  progressStore.setState({ current: id });
  try {
    if (id === null) localStore()?.removeItem(CURRENT_LESSON_KEY);
    else localStore()?.setItem(CURRENT_LESSON_KEY, id);
  } catch {
    // As above.
  }
}

export function setAnswer(id: string, prediction: string, value: string): void {
  const p = progressOf(id);
  save(id, { ...p, answers: { ...p.answers, [prediction]: value } });
}

/** Records goals met (no-op when nothing is new). */
export function recordMet(id: string, goals: Readonly<Record<string, string>>): void {
  const p = progressOf(id);
  const fresh = Object.entries(goals).filter(([g]) => !(g in p.met));
  if (fresh.length) save(id, { ...p, met: { ...p.met, ...Object.fromEntries(fresh) } });
}

export function resetProgress(id: string): void {
  save(id, EMPTY);
}
