/**
 * Reading every hosted task's own state (task-state.ts) between events: while the run is paused, or
 * right before it stops. Each read is marked for the watchdog as a call into user code is, so a
 * runtime that does not return (a Python object whose attribute lookup loops) is stopped like any call.
 */
import type { EngineState } from './engine-state';
import { errorSummary } from './errors';
import { R_ACKER, X_DEAD, X_REMOTE } from './executor';
import type { TaskStates, TaskStateView } from './task-state';
import { WATCH_SEQ, WATCH_TASK } from './watch';

export function inspectTasks(s: EngineState): TaskStates {
  const tasks: TaskStateView[] = [];
  const watch = s.watch;
  for (const ex of s.executors) {
    if (ex.state === X_REMOTE || ex.component.role === R_ACKER) continue;
    for (const task of ex.tasks) {
      const base = { task: task.id, component: task.component.id, language: task.component.language! };
      const instance = task.instance;
      if (ex.state === X_DEAD || instance === null) {
        tasks.push({ ...base, state: null, note: 'its worker is down' });
        continue;
      }
      if (!instance.inspectState) {
        tasks.push({ ...base, state: null, note: 'this runtime cannot show a task’s state' });
        continue;
      }
      if (watch !== undefined) {
        watch[WATCH_TASK] = task.id;
        watch[WATCH_SEQ] = (watch[WATCH_SEQ]! + 1) | 0;
      }
      try {
        tasks.push({ ...base, state: instance.inspectState() });
      } catch (e) {
        tasks.push({ ...base, state: null, note: `its state could not be read: ${errorSummary(e)}` });
      } finally {
        if (watch !== undefined) watch[WATCH_TASK] = 0;
      }
    }
  }
  return { time: s.now, tasks };
}
