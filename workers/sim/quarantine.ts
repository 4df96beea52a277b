/**
 * Quarantine of runaway components. When the watchdog stops a call that did not return (Python,
 * interrupted), the page quarantines the component in every host of the run: its code is never
 * called again in that run. Without it a `while True` in `process` cost one watchdog period (5 s of
 * real time) per worker restart, since every restart delivers the next tuple to the same loop;
 * with it a runaway component costs at most one period per run.
 *
 * What a quarantined component does for the rest of the run: a spout emits nothing (`nextTuple`,
 * `ack`, `fail` are not called), a bolt fails every tuple it receives (a BasicBolt as if its
 * `process` raised `FailedException`, a Bolt by `fail`), so the spouts' trees fail and replay as
 * Storm's would. Each task says so once in its log.
 */
import { FailedException, type ComponentInstance, type ComponentRuntime, type LoadedComponent, type TaskApi, type TupleView } from '../../src/engine/runtime-api';

/** The components quarantined in this run, with why. */
export type Quarantine = ReadonlyMap<string, string>;

/** The log line of a task of a quarantined component. */
export function quarantineMessage(component: string, why: string): string {
  return `component '${component}' is quarantined for the rest of the run (${why}): its code is not called again; a spout emits nothing, a bolt fails every tuple it receives`;
}

/** The runtime with every instance it creates checking the quarantine before each call. */
export function quarantinable(runtime: ComponentRuntime, quarantine: Quarantine): ComponentRuntime {
  return {
    language: runtime.language,
    async load(component) {
      const loaded = await runtime.load(component);
      return guardLoaded(component.id, loaded, quarantine);
    },
    ...(runtime.provideFiles ? { provideFiles: (files: Parameters<NonNullable<ComponentRuntime['provideFiles']>>[0]) => runtime.provideFiles!(files) } : {}),
    ...(runtime.prepare ? { prepare: (document) => runtime.prepare!(document) } : {}),
    ...(runtime.dispose ? { dispose: () => runtime.dispose!() } : {}),
  };
}

function guardLoaded(component: string, loaded: LoadedComponent, quarantine: Quarantine): LoadedComponent {
  return {
    create(taskId: number, api: TaskApi): ComponentInstance {
      const inner = loaded.create(taskId, api);
      let told = false;
      /** True when quarantined (the first time, the task's log says so). */
      const held = (): boolean => {
        const why = quarantine.get(component);
        if (why === undefined) return false;
        if (!told) {
          told = true;
          api.log('ERROR', quarantineMessage(component, why));
        }
        return true;
      };
      return {
        kind: inner.kind,
        declaredFields: inner.declaredFields,
        componentConfig: inner.componentConfig,
        // Reading the state runs no user code (task-state.ts, state.py): a quarantined task's shows too.
        ...(inner.inspectState ? { inspectState: () => inner.inspectState!() } : {}),
        initialize: (conf, context) => void (held() || inner.initialize(conf, context)),
        nextTuple: () => void (held() || inner.nextTuple()),
        ack: (id: unknown) => void (held() || inner.ack(id)),
        fail: (id: unknown) => void (held() || inner.fail(id)),
        process(tuple: TupleView) {
          if (!held()) return inner.process(tuple);
          if (inner.kind === 'basicBolt') throw new FailedException(`component '${component}' is quarantined`);
          api.fail(tuple);
        },
      };
    },
  };
}
