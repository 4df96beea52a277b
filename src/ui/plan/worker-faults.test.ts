import { describe, expect, it } from 'vitest';
import { faultDigest, parseDigest, workerFaults } from './worker-faults';

const sys = (time: number, message: string) => ({ time, component: '__system', message });

describe('workerFaults', () => {
  it('reads deaths and restarts from the engine’s lines, the last one per worker', () => {
    const logs = [
      sys(1000, 'Worker 1 (port 6701) died: killed. The supervisor restarts it in 2 s; its in-flight tuples are lost and their trees will time out.'),
      { time: 1500, component: 'count', message: 'Worker 1 (port 6701) died: not a system line. The supervisor restarts it in 9 s' },
      sys(3000, 'Worker 1 (port 6701) restarted by the supervisor.'),
      sys(4000, 'Worker 0 (port 6700) died: component "split" (task 6) raised an exception in process. The supervisor restarts it in 0.5 s; its in-flight tuples are lost and their trees will time out.'),
    ];
    const faults = workerFaults(logs);
    expect(faults.get(1)).toEqual({ worker: 1, deaths: 1, diedAt: 1000, cause: 'killed', restartAt: 3000, restartedAt: 3000 });
    expect(faults.get(0)).toEqual({ worker: 0, deaths: 1, diedAt: 4000, cause: 'component "split" (task 6) raised an exception in process', restartAt: 4500, restartedAt: null });
    // A second death: down again until its own restart.
    const again = workerFaults([...logs, sys(9000, 'Worker 1 (port 6701) died: killed. The supervisor restarts it in 2 s; …')]);
    expect(again.get(1)).toMatchObject({ deaths: 2, diedAt: 9000, restartedAt: null });
  });

  it('gives a digest that round-trips and is empty without faults', () => {
    expect(faultDigest([])).toBe('');
    expect(parseDigest('').size).toBe(0);
    const logs = [sys(1000, 'Worker 2 (port 6702) died: killed. The supervisor restarts it in 2 s; …')];
    expect(parseDigest(faultDigest(logs))).toEqual(workerFaults(logs));
  });
});
