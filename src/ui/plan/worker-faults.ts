/**
 * What happened to each Storm worker during a run, read from the engine's `__system` log lines
 * ("Worker 1 (port 6701) died: killed. The supervisor restarts it in 2 s; …" and "Worker 1 (port
 * 6701) restarted by the supervisor."), for the Plan view's worker boxes. Pure.
 */

export interface WorkerFault {
  readonly worker: number;
  /** How many times the worker died this run (as far as the kept log lines go back). */
  readonly deaths: number;
  /** Engine time (ms) of the last death, and why: "killed", or the component that raised. */
  readonly diedAt: number;
  readonly cause: string;
  /** Engine time the supervisor restarts it at (ms), when the line says the delay. */
  readonly restartAt: number | null;
  /** Engine time of the restart after the last death; null while it is down. */
  readonly restartedAt: number | null;
}

interface LogLineLike {
  readonly time: number;
  readonly component: string;
  readonly message: string;
}

const DIED = /^Worker (\d+) \(port \d+\) died: (.*?)\. The supervisor restarts it in ([\d.]+) s/;
const RESTARTED = /^Worker (\d+) \(port \d+\) restarted by the supervisor\./;

/** The last fault of every worker that had one, by worker index. */
export function workerFaults(logs: readonly LogLineLike[]): Map<number, WorkerFault> {
  const faults = new Map<number, WorkerFault>();
  for (const line of logs) {
    if (line.component !== '__system') continue;
    const died = DIED.exec(line.message);
    if (died) {
      const worker = Number(died[1]);
      faults.set(worker, {
        worker,
        deaths: (faults.get(worker)?.deaths ?? 0) + 1,
        diedAt: line.time,
        cause: died[2]!,
        restartAt: line.time + Number(died[3]) * 1000,
        restartedAt: null,
      });
      continue;
    }
    const restarted = RESTARTED.exec(line.message);
    if (restarted) {
      const worker = Number(restarted[1]);
      const fault = faults.get(worker);
      if (fault) faults.set(worker, { ...fault, restartedAt: line.time });
    }
  }
  return faults;
}

/** {@link workerFaults} as a string that changes only when a fault does (a stable selector value). */
export function faultDigest(logs: readonly LogLineLike[]): string {
  const faults = [...workerFaults(logs).values()].sort((a, b) => a.worker - b.worker);
  return faults.length ? JSON.stringify(faults) : '';
}

export function parseDigest(digest: string): Map<number, WorkerFault> {
  if (!digest) return new Map();
  return new Map((JSON.parse(digest) as WorkerFault[]).map((f) => [f.worker, f]));
}
