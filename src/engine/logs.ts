/**
 * The component log: a ring of the last N lines (10,000 by default), each numbered so that a page
 * polling snapshots asks only for the lines after the last one it has.
 */
import type { LogLevel } from './runtime-api';

export interface LogLine {
  /** Increasing line number (1-based) across the run, gaps meaning lines dropped from the ring. */
  readonly seq: number;
  /** Engine time in ms. */
  readonly time: number;
  readonly component: string;
  /** Task id; -1 for lines of the engine itself (worker crashes, restarts). */
  readonly task: number;
  readonly level: LogLevel;
  readonly message: string;
}

export class LogBuffer {
  private readonly lines: (LogLine | undefined)[];
  private next = 1;

  constructor(readonly capacity = 10_000) {
    this.lines = new Array<LogLine | undefined>(capacity);
  }

  /** Number of the last line written (0 when none). */
  get lastSeq(): number {
    return this.next - 1;
  }

  add(time: number, component: string, task: number, level: LogLevel, message: string): void {
    const seq = this.next++;
    this.lines[seq % this.capacity] = { seq, time, component, task, level, message };
  }

  /** Lines with `seq > after`, oldest first, at most `limit` (the newest ones when more). */
  since(after = 0, limit = this.capacity): LogLine[] {
    const first = Math.max(after + 1, this.next - this.capacity, this.next - limit, 1);
    const out: LogLine[] = [];
    for (let s = first; s < this.next; s++) out.push(this.lines[s % this.capacity]!);
    return out;
  }
}
