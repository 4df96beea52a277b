/**
 * The "Lessons" dock tab (lazy): the six lessons with their progress; the open lesson's steps,
 * predictions, one-click changes (undoable) and goals, each goal checked from the run as it
 * goes (at most twice a second) and remembered once met.
 */
import { useEffect, useMemo } from 'react';
import { loadDocument } from '../../store/actions';
import { documentStore } from '../../store/document-store';
import { useRunStore } from '../../store/run-store';
import { notify, showDockTab } from '../../store/ui-store';
import { startRun } from '../run/run-actions';
import { Icon } from '../shell/icons';
import { useThrottled } from '../viz/use-throttled';
import { checkLesson, LESSONS, type GoalResult, type Lesson } from './lessons';
import { progressOf, recordMet, resetProgress, setAnswer, setCurrentLesson, useProgress } from './progress';
import './lessons.css';

// Read every lesson's saved progress once, when this code loads: never from inside a render.
for (const l of LESSONS) progressOf(l.id);

const doneCount = (lesson: Lesson, met: Readonly<Record<string, string>>) => lesson.goals.filter((g) => g.id in met).length;

function LessonList({ current }: { current: string | null }) {
  const progress = useProgress((s) => s.progress);
  return (
    <ol className="lessons-list" data-testid="lessons.list">
      {LESSONS.map((l, i) => {
        const met = (progress[l.id] ?? progressOf(l.id)).met;
        const n = doneCount(l, met);
        const complete = n === l.goals.length;
        return (
          <li key={l.id}>
            <button
              type="button"
              className={`lessons-item ${current === l.id ? 'is-current' : ''} ${complete ? 'is-complete' : ''}`}
              data-testid={`lessons.item.${l.id}`}
              data-complete={complete}
              onClick={() => setCurrentLesson(l.id)}
            >
              <span className="lessons-num">{complete ? <Icon name="check" size={14} /> : i + 1}</span>
              <span className="lessons-title">{l.title}</span>
              <span className="lessons-count">
                {n}/{l.goals.length}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}

function useChecks(lesson: Lesson, answers: Readonly<Record<string, string>>): Record<string, GoalResult> | null {
  const snapshot = useThrottled(
    useRunStore((s) => s.snapshot),
    500,
  );
  const doc = useRunStore((s) => s.runDocument);
  const results = useMemo(() => (snapshot && doc ? checkLesson(lesson, { snapshot, doc, answers }) : null), [lesson, snapshot, doc, answers]);
  useEffect(() => {
    if (!results) return;
    const met = Object.fromEntries(Object.entries(results).flatMap(([id, r]) => (r.met ? [[id, r.detail]] : [])));
    if (Object.keys(met).length) recordMet(lesson.id, met);
  }, [lesson.id, results]);
  return results;
}

function startLesson(lesson: Lesson): void {
  loadDocument(lesson.start());
  notify(`Lesson “${lesson.title}”: its topology is open (Ctrl+Z brings yours back).`, 'info');
}

function LessonView({ lesson }: { lesson: Lesson }) {
  const progress = useProgress((s) => s.progress[lesson.id]) ?? progressOf(lesson.id);
  const results = useChecks(lesson, progress.answers);
  const runName = useRunStore((s) => s.runDocument?.name ?? null);
  const lessonName = useMemo(() => lesson.start().name, [lesson]);
  const complete = doneCount(lesson, progress.met) === lesson.goals.length;
  return (
    <article className="lesson" data-testid={`lesson.${lesson.id}`}>
      <header className="lesson-head">
        <h3>{lesson.title}</h3>
        <div className="lesson-source">{lesson.source}</div>
        <p>{lesson.summary}</p>
        <div className="lesson-actions">
          <button type="button" className="btn btn-primary btn-sm" data-testid="lesson.start" onClick={() => startLesson(lesson)}>
            Open its topology
          </button>
          <button type="button" className="btn btn-sm btn-outline" data-testid="lesson.run" onClick={() => void startRun()}>
            <Icon name="play" size={14} /> Run
          </button>
          <button type="button" className="btn btn-sm" data-testid="lesson.reset" onClick={() => resetProgress(lesson.id)}>
            Reset progress
          </button>
        </div>
        {runName !== null && runName !== lessonName ? (
          <div className="lesson-note" data-testid="lesson.other-run">
            The run shown is of “{runName}”, not this lesson’s topology (“{lessonName}”): the goals are checked on whatever runs.
          </div>
        ) : null}
      </header>
      <ol className="lesson-steps">
        {lesson.steps.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
      {lesson.predictions.map((p) => (
        <label key={p.id} className="lesson-prediction">
          <span>Your prediction: {p.label}</span>
          <input
            className="input"
            data-testid={`lesson.prediction.${p.id}`}
            placeholder={p.placeholder}
            defaultValue={progress.answers[p.id] ?? ''}
            onChange={(e) => setAnswer(lesson.id, p.id, e.target.value)}
          />
        </label>
      ))}
      {lesson.fixes.map((f) => (
        <div key={f.id} className="lesson-fix">
          <code>{f.shows}</code>
          <button
            type="button"
            className="btn btn-sm btn-outline"
            data-testid={`lesson.fix.${f.id}`}
            onClick={() => {
              documentStore.getState().edit(f.apply);
              notify(`${f.label}: done (Ctrl+Z undoes it). Run again to see it.`, 'success');
            }}
          >
            {f.label}
          </button>
        </div>
      ))}
      <ul className="lesson-goals" data-testid="lesson.goals">
        {lesson.goals.map((g) => {
          const done = g.id in progress.met;
          const now = results?.[g.id];
          return (
            <li key={g.id} className={done ? 'is-met' : ''} data-testid={`lesson.goal.${g.id}`} data-met={done}>
              <span className="lesson-goal-mark">{done ? <Icon name="check" size={14} /> : '○'}</span>
              <div>
                <div className="lesson-goal-title">{g.title}</div>
                <div className="lesson-goal-detail" data-testid={`lesson.goal.${g.id}.detail`}>
                  {now && (now.met || !done) ? now.detail : done ? progress.met[g.id] : 'Run the topology: this is checked from the run.'}
                </div>
              </div>
            </li>
          );
        })}
      </ul>
      {complete ? (
        <div className="lesson-complete" data-testid="lesson.complete">
          <Icon name="check" size={16} /> Lesson complete.
        </div>
      ) : null}
    </article>
  );
}

export default function LessonsPanel() {
  const current = useProgress((s) => s.current);
  const lesson = LESSONS.find((l) => l.id === current) ?? null;
  return (
    <div className="lessons" data-testid="lessons.panel">
      <nav className="lessons-nav" aria-label="Lessons">
        <LessonList current={lesson?.id ?? null} />
      </nav>
      <div className="lessons-body">
        {lesson ? (
          <LessonView key={lesson.id} lesson={lesson} />
        ) : (
          <div className="lessons-intro">
            <p>Six lessons on Storm’s core ideas, each with its own topology. Every goal is checked from the run — the plan, Storm UI’s figures, the tuple trees — never from your clicks. Progress is kept in this browser.</p>
            <button type="button" className="btn btn-primary btn-sm" data-testid="lessons.begin" onClick={() => setCurrentLesson(LESSONS[0]!.id)}>
              Begin with “{LESSONS[0]!.title}”
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** Shows the Lessons tab (the command and the Help menu's entry). */
export function openLessons(): void {
  showDockTab('lessons');
}
