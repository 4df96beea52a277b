/**
 * "What each task keeps": the run's task states (src/engine/task-state.ts) grouped by component for
 * the Plan tab's view. Pure.
 */
import type { TaskStates, TaskStateView } from '../../engine';

/** The components with tasks to show, spouts and bolts in id order. */
export function componentsWithState(states: TaskStates | null): string[] {
  return states ? [...new Set(states.tasks.map((t) => t.component))].sort() : [];
}

/** A component's tasks by task id. */
export function tasksOf(states: TaskStates | null, component: string): TaskStateView[] {
  return states ? states.tasks.filter((t) => t.component === component).sort((a, b) => a.task - b.task) : [];
}

/**
 * The component shown first: the selected one when it has tasks here, else the one whose tasks
 * hold the most items (where a fields grouping's routing shows best: a counting bolt's counts).
 */
export function defaultStateComponent(states: TaskStates | null, selected: string | null): string | null {
  const components = componentsWithState(states);
  if (selected !== null && components.includes(selected)) return selected;
  const held = (c: string) => tasksOf(states, c).reduce((n, t) => n + (t.state?.fields.reduce((m, f) => m + (f.size ?? 0), 0) ?? 0), 0);
  return components.reduce<string | null>((best, c) => (best === null || held(c) > held(best) ? c : best), null);
}
