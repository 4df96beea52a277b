import { afterEach, describe, expect, it } from 'vitest';
import { createScheduler, type LoopScheduler } from './scheduler';

const made: LoopScheduler[] = [];
const scheduler = () => {
  const s = createScheduler();
  made.push(s);
  return s;
};
afterEach(() => made.splice(0).forEach((s) => s.dispose()));

describe('the host loop scheduler', () => {
  it('runs yielded functions in order, after pending timers get their turn', async () => {
    const s = scheduler();
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await new Promise((done) => setTimeout(done, 5));
    s.yield(() => order.push('a'));
    s.yield(() => order.push('b'));
    await new Promise((done) => setTimeout(done, 5));
    expect(order).toEqual(['timer', 'a', 'b']);
  });

  it('a long sleep ends early on wake(); dispose drops what is pending', async () => {
    const s = scheduler();
    let woke = false;
    s.sleep(10_000, () => (woke = true));
    s.wake();
    await new Promise((done) => setTimeout(done, 5));
    expect(woke).toBe(true);
    let ran = false;
    s.sleep(20, () => (ran = true));
    s.yield(() => (ran = true));
    s.dispose();
    await new Promise((done) => setTimeout(done, 40));
    expect(ran).toBe(false);
  });

  it('a short sleep blocks briefly, then runs the function', async () => {
    const s = scheduler();
    let ran = false;
    s.sleep(1, () => (ran = true));
    await new Promise((done) => setTimeout(done, 5));
    expect(ran).toBe(true);
  });
});
