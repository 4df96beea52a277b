// Runs the Python runtime in a worker_thread for interrupt.test.ts: the test thread interrupts a
// runaway loop through the runtime's interrupt buffer, as the page's watchdog does in the app.
// It loads the TypeScript sources through tsx.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { createPythonRuntime } = await tsImport('./runtime.ts', import.meta.url);
const { fakeTaskApi, tupleOf } = await tsImport('./fake-task-api.ts', import.meta.url);
const { bolt } = await tsImport('../../src/model/index.ts', import.meta.url);

const code = `from petrel import storm
from petrel.emitter import BasicBolt


class Spinner(BasicBolt):
    def __init__(self):
        super(Spinner, self).__init__(script=__file__)

    def process(self, tup):
        if tup.values[0] == 'spin':
            while True:
                pass
        storm.emit([tup.values[0].upper()])


def run():
    Spinner().run()
`;

const runtime = createPythonRuntime();
const loaded = await runtime.load(bolt('spinner', { python: code }));
const api = fakeTaskApi();
const inst = loaded.create(7, api);
inst.initialize({}, { taskid: 7, componentid: 'spinner', 'task->component': { 7: 'spinner' } });

function attempt(value) {
  try {
    inst.process(tupleOf([value]));
    return { ok: true, emitted: api.emits.at(-1)?.values ?? null };
  } catch (e) {
    return { ok: false, name: e.name, message: e.message, stopped: e.stopped, traceback: e.traceback, line: e.line };
  }
}

parentPort.on('message', (msg) => {
  if (msg === 'spin') {
    parentPort.postMessage({ type: 'spinning' });
    const started = performance.now();
    const result = attempt('spin');
    parentPort.postMessage({ type: 'result', result, ms: performance.now() - started, logs: api.logs.map((l) => l.message) });
  } else if (msg === 'normal') {
    parentPort.postMessage({ type: 'result', result: attempt('fine') });
  } else if (msg === 'close') {
    runtime.dispose();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready', buffer: runtime.interruptBuffer });
