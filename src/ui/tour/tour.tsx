/**
 * The first-run tour (lazy): a few steps, each pointing at a part of the app — palette, canvas,
 * inspector, Run, the dock's run views, Help — with a sentence on what it is for. Skippable at any
 * step (Escape, or Skip); shown once (remembered in localStorage), replayed from Help → Tour.
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import { showDockTab } from '../../store/ui-store';
import { markTourSeen } from './tour-state';
import './tour.css';

interface TourStep {
  /** What to point at (a CSS selector); none: the card sits in the middle. */
  readonly target?: string;
  readonly title: string;
  readonly text: string;
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    title: 'Welcome to Storm Studio',
    text: 'Design an Apache Storm topology, run it in a simulator with Storm’s own semantics, and see what Storm does: task ids, groupings, the acker’s XOR, capacity. This tour takes a minute; Escape skips it.',
  },
  { target: '[data-testid="palette"]', title: 'Add components', text: 'Spouts emit tuples, bolts process them. Click or drag one onto the canvas.' },
  {
    target: '[data-testid="canvas"]',
    title: 'The topology',
    text: 'Drag from a stream’s dot to a bolt to subscribe it; the edge’s label is its grouping (shuffle, fields(word), …). Problems are outlined in red.',
  },
  {
    target: '[data-testid="inspector"]',
    title: 'The inspector',
    text: 'Select a component or an edge to set its parallelism, tasks, tick period, cost per call or grouping. Every edit is undoable (Ctrl+Z).',
  },
  { target: '[data-testid="toolbar.run.start"]', title: 'Run', text: 'Run (F5) simulates the topology. While it runs the canvas shows each bolt’s capacity and each edge’s rate.' },
  {
    target: '[data-testid="dock"]',
    title: 'The run views',
    text: 'Run: Storm UI’s tables and the capacity advisor. Log. Tuple trees: each tree acked by XOR. Step: one event at a time. Plan: workers, executors, tasks, and what each task holds. Charts.',
  },
  { target: '[data-testid="toolbar.help"]', title: 'Help and lessons', text: 'F1 lists every shortcut and the docs (offline). Help → Lessons: six guided lessons, each checked from the run. Help → Tour shows this again.' },
];

interface Box {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

function useTargetBox(selector: string | undefined): Box | null {
  const [box, setBox] = useState<Box | null>(null);
  useLayoutEffect(() => {
    if (!selector) {
      setBox(null);
      return;
    }
    const measure = () => {
      const el = document.querySelector(selector);
      const r = el?.getBoundingClientRect();
      setBox(r && r.width > 0 ? { top: r.top, left: r.left, width: r.width, height: r.height } : null);
    };
    measure();
    addEventListener('resize', measure);
    return () => removeEventListener('resize', measure);
  }, [selector]);
  return box;
}

const CARD_WIDTH = 340;
const GAP = 12;

/** Where the card goes: beside the target where there is room, else inside it; always in the window. */
function cardPosition(box: Box | null): { top: number; left: number } {
  const vw = innerWidth;
  const vh = innerHeight;
  const clampLeft = (x: number) => Math.max(8, Math.min(vw - CARD_WIDTH - 8, x));
  const clampTop = (y: number) => Math.max(8, Math.min(vh - 220, y));
  if (!box) return { top: clampTop(vh / 2 - 110), left: clampLeft(vw / 2 - CARD_WIDTH / 2) };
  if (box.left + box.width + GAP + CARD_WIDTH < vw) return { top: clampTop(box.top), left: box.left + box.width + GAP };
  if (box.left - GAP - CARD_WIDTH > 0) return { top: clampTop(box.top), left: box.left - GAP - CARD_WIDTH };
  if (box.top + box.height + GAP + 200 < vh) return { top: box.top + box.height + GAP, left: clampLeft(box.left) };
  if (box.top - GAP - 200 > 0) return { top: box.top - GAP - 200, left: clampLeft(box.left) };
  return { top: clampTop(box.top + 16), left: clampLeft(box.left + 16) };
}

export default function Tour({ close }: { props: unknown; close: () => void }) {
  const [index, setIndex] = useState(0);
  const step = TOUR_STEPS[index]!;
  const box = useTargetBox(step.target);
  const last = index === TOUR_STEPS.length - 1;
  const finish = (how: 'done' | 'skipped') => {
    markTourSeen(how);
    close();
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') finish('skipped');
      else if (e.key === 'ArrowRight' && !last) setIndex(index + 1);
      else if (e.key === 'ArrowLeft' && index > 0) setIndex(index - 1);
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    addEventListener('keydown', onKey, true);
    return () => removeEventListener('keydown', onKey, true);
  });
  const pos = cardPosition(box);
  return (
    <div className="tour" data-testid="tour" data-step={index}>
      {box ? <div className="tour-spot" style={{ top: box.top - 4, left: box.left - 4, width: box.width + 8, height: box.height + 8 }} /> : <div className="tour-veil" />}
      <div className="tour-card" role="dialog" aria-modal="true" aria-label={step.title} style={{ top: pos.top, left: pos.left, width: CARD_WIDTH }}>
        <div className="tour-count">
          {index + 1} / {TOUR_STEPS.length}
        </div>
        <h3 data-testid="tour.title">{step.title}</h3>
        <p>{step.text}</p>
        <div className="tour-actions">
          <button type="button" className="btn btn-sm" data-testid="tour.skip" onClick={() => finish('skipped')}>
            Skip tour
          </button>
          <span className="tour-spacer" />
          {index > 0 ? (
            <button type="button" className="btn btn-sm btn-outline" data-testid="tour.back" onClick={() => setIndex(index - 1)}>
              Back
            </button>
          ) : null}
          {last ? (
            <>
              <button type="button" className="btn btn-sm btn-outline" data-testid="tour.done" onClick={() => finish('done')}>
                Done
              </button>
              <button
                type="button"
                className="btn btn-sm btn-primary"
                data-testid="tour.lessons"
                onClick={() => {
                  finish('done');
                  showDockTab('lessons');
                }}
              >
                Start the lessons
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-sm btn-primary" data-testid="tour.next" data-autofocus onClick={() => setIndex(index + 1)}>
              Next
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
