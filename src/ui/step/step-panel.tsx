/**
 * The "Step" dock tab, for teaching in virtual time: process one event at a time and read what it
 * did ("split task 6 executed … and emitted … anchored to tuple 0x…; sent ack ⊕ 0x… to acker task
 * 1"); or run animated at a chosen speed, the tuples drawn travelling along the canvas edges.
 */
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { StepEvent } from '../../engine';
import { buildPlan } from '../../engine';
import { notify } from '../../store/ui-store';
import { SpeedSelect } from '../run/speed-select';
import { useDockTabVisible } from '../viz/dock-visible';
import { runActions, useRun } from '../viz/run-binding';
import { describeStepEvent, type StepLine, type TaskNames } from '../viz/step-text';
import { logWindow } from './log-window';
import './step.css';

const STEP_TAB = 'step';

/** Lines shown at most (the run store keeps a bounded list of recent events). */
const MAX_LINES = 200;
const NO_EVENTS: readonly StepEvent[] = [];

/** Events per second sent to the page while animating (each becomes tokens on the canvas). */
const ANIMATION_EVENTS_PER_SECOND = 40;

/** Events numbered in the order the page first sees them: a line's stable key and index. */
const serials = new WeakMap<StepEvent, number>();
let nextSerial = 0;
function serialOf(ev: StepEvent): number {
  let n = serials.get(ev);
  if (n === undefined) serials.set(ev, (n = nextSerial++));
  return n;
}

const lineCache = new WeakMap<StepEvent, StepLine>();
function lineOf(ev: StepEvent, names: TaskNames): StepLine {
  let line = lineCache.get(ev);
  if (!line) lineCache.set(ev, (line = describeStepEvent(ev, names)));
  return line;
}

// Lines are cached per event: a line already shown is not rendered again.
const LogLine = memo(function LogLine({ line, index, observe }: { line: StepLine; index: number; observe: (el: HTMLElement | null) => void }) {
  return (
    <li ref={observe} className={`st-line is-${line.kind}`} data-testid={`step.line.${index}`} data-index={index} data-kind={line.kind}>
      <span className="st-time">{line.timeText}</span>
      <span className="st-kind">{line.kind}</span>
      <span className="st-text">
        <span data-testid={`step.line.${index}.text`}>{line.text}</span>
        {line.also.map((a, i) => (
          <span key={i} className="st-also" data-testid={`step.line.${index}.also.${i}`}>
            then {a.text}
          </span>
        ))}
      </span>
    </li>
  );
});

/** Height of a line not measured yet (px): one row, and one more per further call. */
function estimateHeight(ev: StepEvent): number {
  return 26 + ('also' in ev && ev.also ? ev.also.length * 20 : 0);
}
/** Lines rendered beyond the view, above and below (px). */
const OVERSCAN_PX = 240;

async function act(f: () => Promise<unknown> | undefined): Promise<void> {
  try {
    await f();
  } catch (e) {
    notify(e instanceof Error ? e.message : String(e), 'error');
  }
}

export default function StepPanel() {
  const visible = useDockTabVisible(STEP_TAB);
  const status = useRun((s) => s.status);
  const clock = useRun((s) => s.options.clock);
  const speed = useRun((s) => s.options.speed);
  const events = useRun((s) => (visible ? s.recentEvents : NO_EVENTS));
  const snapshotPlan = useRun((s) => s.snapshot?.plan ?? null);
  const runDocument = useRun((s) => s.runDocument);
  const [animating, setAnimating] = useState(false);
  const [busy, setBusy] = useState(false);
  const log = useRef<HTMLOListElement | null>(null);
  // Whether the list follows the newest line: until the reader scrolls up, again once they are back at the end.
  const [stick, setStick] = useState(true);
  const lastScrollTop = useRef(0);

  const names = useMemo<TaskNames>(() => snapshotPlan?.taskToComponent ?? (runDocument ? buildPlan(runDocument).taskToComponent : {}), [snapshotPlan, runDocument]);
  const shown = events.slice(-MAX_LINES);
  // The run store keeps the last 500 events: positions in it shift, so lines are keyed by event.
  const offset = shown.length > 0 ? serialOf(shown[0]!) : 0;
  const live = status === 'running' || status === 'paused';
  const canStep = live && clock === 'virtual' && !busy;

  // A virtualised list: only the lines in view (and a margin) are described and rendered; the
  // others are spacers of their measured (or estimated) heights. Heights come from a
  // ResizeObserver, after layout: nothing here reads layout.
  const heights = useRef(new Map<number, number>());
  const [, setMeasured] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(300);
  const [observer] = useState(() =>
    typeof ResizeObserver === 'function'
      ? new ResizeObserver((entries) => {
          let changed = false;
          for (const e of entries) {
            const el = e.target as HTMLElement;
            const h = e.borderBoxSize[0]?.blockSize ?? e.contentRect.height;
            if (el === log.current) setViewport(e.contentRect.height);
            else if (heights.current.get(Number(el.dataset.index)) !== h) {
              heights.current.set(Number(el.dataset.index), h);
              changed = true;
            }
          }
          if (changed) setMeasured((v) => v + 1);
        })
      : null,
  );
  // Each observed element is unobserved by its ref's cleanup: nothing is left observed on unmount.
  const observe = useMemo(() => {
    const seen = new Set<HTMLElement>();
    return (el: HTMLElement | null) => {
      if (el === null || observer === null || seen.has(el)) return;
      seen.add(el);
      observer.observe(el);
      return () => {
        seen.delete(el);
        observer.unobserve(el);
      };
    };
  }, [observer]);
  const setLog = useMemo(
    () => (el: HTMLOListElement | null) => {
      log.current = el;
      if (el === null || observer === null) return;
      observer.observe(el);
      return () => {
        log.current = null;
        observer.unobserve(el);
      };
    },
    [observer],
  );
  // Forget the heights of lines that left the list.
  useEffect(() => {
    for (const k of heights.current.keys()) if (k < offset) heights.current.delete(k);
  }, [offset]);
  const view = logWindow(
    shown.map((ev) => heights.current.get(serialOf(ev)) ?? estimateHeight(ev)),
    scrollTop,
    viewport,
    OVERSCAN_PX,
    stick,
  );

  // Keep the newest line in view unless the reader scrolled up: in the same commit that rendered
  // the window at the end (a frame later, the list would show its spacer meanwhile). Writing
  // scrollTop lays the list out once, the layout the browser does before painting anyway.
  useLayoutEffect(() => {
    const el = log.current;
    if (!el || !stick) return;
    // The reader scrolled up since the last frame and its scroll event is not handled yet: that wins
    // (following here would put the list back at the end, and the scroll event would then find it there).
    if (el.scrollTop < lastScrollTop.current - 1) return;
    el.scrollTop = el.scrollHeight;
    lastScrollTop.current = el.scrollTop;
  });

  // The event stream stops with the run.
  useEffect(() => {
    if (!live && animating) setAnimating(false);
  }, [live, animating]);

  const step = () => {
    setBusy(true);
    void act(() => runActions()?.step()).finally(() => setBusy(false));
  };
  const toggleAnimation = () => {
    const on = !animating;
    setAnimating(on);
    void act(() => runActions()?.setEventStream(on, ANIMATION_EVENTS_PER_SECOND));
  };
  const setSpeed = (value: number) => runActions()?.setOptions({ speed: value });

  return (
    <div className="st-panel" data-testid="step.panel">
      <div className="st-bar">
        <button type="button" className="btn btn-primary btn-sm" data-testid="step.button" disabled={!canStep} onClick={step} title="Process the next event of the virtual clock and describe it (pauses the run)">
          Step
        </button>
        <label className="st-field">
          Speed
          <SpeedSelect testId="step.speed" className="st-select" value={speed} onChange={setSpeed} />
        </label>
        <label className="st-check" title="Draw the tuples travelling along the canvas edges (the run sends its events to the page; at most 40 at a time are drawn)">
          <input type="checkbox" data-testid="step.animate" checked={animating} disabled={!live} onChange={toggleAnimation} />
          Animate tuples on the canvas
        </label>
        <span className="st-hint">
          {!live
            ? 'Start a run in virtual time to step through it.'
            : animating && status === 'running' && !Number.isFinite(speed)
              ? `Max speed: a sample is described and drawn, one event in every ${1000 / ANIMATION_EVENTS_PER_SECOND} ms; the events in between run undescribed. At a set speed every event is described (up to ${ANIMATION_EVENTS_PER_SECOND} a second shown).`
            : clock !== 'virtual'
              ? 'Stepping needs virtual time (the run uses the wall clock).'
              : status === 'running'
                ? 'Step pauses the run, then processes one event.'
                : 'Paused: each Step processes one event.'}
        </span>
      </div>
      <ol
        className="st-log"
        ref={setLog}
        data-testid="step.log"
        onScroll={(e) => {
          const el = e.currentTarget;
          const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
          // Only moving up leaves the end: lines measured taller than estimated, or new lines
          // arriving before the list follows them, are not the reader scrolling away.
          if (atEnd) setStick(true);
          else if (el.scrollTop < lastScrollTop.current - 1) setStick(false);
          lastScrollTop.current = el.scrollTop;
          setScrollTop(el.scrollTop);
        }}
      >
        {shown.length === 0 ? (
          <li className="st-empty">No event yet. Each step (or, while animating, each event the run streams) is described here in Storm's terms.</li>
        ) : (
          <>
            {view.top > 0 ? <li className="st-spacer" aria-hidden="true" style={{ height: view.top }} /> : null}
            {shown.slice(view.first, view.last + 1).map((ev) => (
              <LogLine key={serialOf(ev)} line={lineOf(ev, names)} index={serialOf(ev)} observe={observe} />
            ))}
            {view.bottom > 0 ? <li className="st-spacer" aria-hidden="true" style={{ height: view.bottom }} /> : null}
          </>
        )}
      </ol>
    </div>
  );
}
