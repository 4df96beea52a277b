/**
 * Petrel's tuple profiling (`BasicBoltProfiler` / `BoltProfiler`), measured around the calls into
 * Python: a DEBUG line on the `storm` logger every 1000 tuples or every second of real time.
 *
 * What the three figures measure here (Petrel measures a process reading a pipe):
 * - read: from the end of one `process` call to the start of the next, i.e. the engine acking,
 *   routing and delivering the next tuple;
 * - process: the call into Python, user code and its emits included;
 * - ack (BasicBolt): the runtime's own work after `process` returns (the engine's auto-ack happens
 *   after that and counts as read time of the next tuple).
 */

const MAX_COUNT = 1000;

/** `seconds` on the engine clock as Python's logging `asctime` (UTC): `2026-11-23 10:00:00,125`. */
export function petrelTime(seconds: number): string {
  const whole = Math.floor(seconds);
  const ms = Math.min(999, Math.floor((seconds - whole) * 1000));
  const d = new Date(whole * 1000);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())},${p(ms, 3)}`
  );
}

/** A line in Petrel's log format `[time][logger][LEVEL]message`. */
export function petrelLine(seconds: number, logger: string, level: string, message: string): string {
  return `[${petrelTime(seconds)}][${logger}][${level}]${message}`;
}

const f6 = (x: number) => x.toFixed(6);
const pct = (part: number, total: number) => (total > 0 ? (part / total) * 100 : 0).toFixed(1);

export class TupleProfiler {
  private readTime = 0;
  private processTime = 0;
  private ackTime = 0;
  private numTuples = 0;
  private totalNumTuples = 0;
  private intervalStart = -1;
  private lastEnd: number;

  /**
   * @param basic BasicBolt (three figures) or Bolt (two figures), as Petrel prints them.
   * @param now a real-time clock in milliseconds (`performance.now`).
   * @param emit receives each profile message (without the `[time][storm][DEBUG]` prefix).
   */
  constructor(
    private readonly basic: boolean,
    private readonly now: () => number,
    private readonly emit: (message: string) => void,
  ) {
    this.lastEnd = now();
  }

  /** Call right before the call into Python; returns the start time to pass to {@link end}. */
  begin(): number {
    const t = this.now();
    if (this.intervalStart < 0) this.intervalStart = this.lastEnd;
    this.readTime += t - this.lastEnd;
    return t;
  }

  /** Call when Python returned (`returned`) and the runtime is done (`now`). */
  end(started: number, returned: number): void {
    const t4 = this.now();
    this.processTime += returned - started;
    this.ackTime += t4 - returned;
    this.lastEnd = t4;
    this.numTuples += 1;
    if (this.numTuples % MAX_COUNT === 0 || t4 - this.intervalStart > 1000) this.flush();
  }

  private flush(): void {
    this.totalNumTuples += this.numTuples;
    const n = this.numTuples;
    const s = 1 / 1000; // Petrel prints seconds
    const read = this.readTime * s;
    const proc = this.processTime * s;
    const ack = this.ackTime * s;
    if (this.basic) {
      const total = read + proc + ack;
      this.emit(
        `BasicBolt profile: total_num_tuples=${this.totalNumTuples}, num_tuples=${n}, ` +
          `avg_read_time=${f6(read / n)} (${pct(read, total)}%), avg_process_time=${f6(proc / n)} (${pct(proc, total)}%), ` +
          `avg_ack_time=${f6(ack / n)} (${pct(ack, total)}%)`,
      );
    } else {
      const total = read + proc + ack;
      this.emit(
        `Bolt profile: total_num_tuples=${this.totalNumTuples}, num_tuples=${n}, ` +
          `avg_read_time=${f6(read / n)} (${pct(read, total)}%), avg_process_time=${f6((proc + ack) / n)} (${pct(proc + ack, total)}%)`,
      );
    }
    this.intervalStart = -1;
    this.numTuples = 0;
    this.readTime = this.processTime = this.ackTime = 0;
  }
}
