/**
 * A fake Storm for tests of multilang components: starts a shell component the way ShellBolt /
 * ShellSpout do (a process, its working directory, the handshake with a pid directory) and speaks
 * the protocol on its stdin/stdout, with messages as JSON followed by a line `end`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Message = Record<string, unknown> | unknown[];

export interface HandshakeInfo {
  readonly conf?: Record<string, unknown>;
  readonly context?: Record<string, unknown>;
}

export class FakeStorm {
  readonly pidDir = mkdtempSync(join(tmpdir(), 'fake-storm-pids-'));
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = '';
  private readonly queue: Message[] = [];
  private waiting: ((m: Message | null) => void) | null = null;
  private stderr = '';
  readonly exited: Promise<number | null>;

  constructor(command: readonly string[], cwd: string) {
    this.proc = spawn(command[0]!, command.slice(1), { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (d: string) => this.take(d));
    this.proc.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => {
      this.waiting?.(null);
      resolve(code);
    }));
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  get errorOutput(): string {
    return this.stderr;
  }

  private take(data: string): void {
    this.buffer += data;
    for (;;) {
      const end = this.buffer.indexOf('\nend\n');
      if (end < 0) return;
      const message = JSON.parse(this.buffer.slice(0, end)) as Message;
      this.buffer = this.buffer.slice(end + 5);
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(message);
      } else this.queue.push(message);
    }
  }

  /** Writes one message as Storm does: JSON, then a line `end`. */
  send(message: unknown): void {
    this.proc.stdin.write(`${JSON.stringify(message)}\nend\n`);
  }

  /** The next message from the component (fails the test after `ms` or when the process exits). */
  read(ms = 5000): Promise<Message> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no message within ${ms} ms; stderr: ${this.stderr}`)), ms);
      this.waiting = (m) => {
        clearTimeout(timer);
        if (m === null) reject(new Error(`the component exited; stderr: ${this.stderr}`));
        else resolve(m);
      };
    });
  }

  /** Messages until one matches (the ones before it are returned too, in order). */
  async readUntil(match: (m: Message) => boolean): Promise<Message[]> {
    const seen: Message[] = [];
    for (;;) {
      const m = await this.read();
      seen.push(m);
      if (match(m)) return seen;
    }
  }

  /** The handshake: setup with pidDir, conf and context; returns the pid the component answered. */
  async handshake(info: HandshakeInfo = {}): Promise<number> {
    this.send({ pidDir: this.pidDir, conf: info.conf ?? {}, context: info.context ?? { taskid: 1, componentid: 'c', 'task->component': { '1': 'c' } } });
    const reply = (await this.read()) as { pid?: number };
    return reply.pid ?? -1;
  }

  /** Closes stdin, as a shutting-down worker does. */
  close(): void {
    this.proc.stdin.end();
  }

  kill(): void {
    this.proc.kill('SIGKILL');
  }
}

/** A shell command message's `command` field, for matching. */
export const isCommand = (name: string) => (m: Message): boolean => !Array.isArray(m) && m.command === name;
