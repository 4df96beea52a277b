/**
 * The engine's clocks (docs/engine.md, "Which mode does what"): virtual time, where engine time
 * jumps from event to event, and wall time, where it follows the real clock, scaled by a speed
 * and frozen while paused. Also what user code reads as `time()`.
 */
/** What the clocks read and write of the engine's state (`EngineState` has these fields). */
export interface ClockState {
  now: number;
  readonly wallMode: boolean;
  /** Engine time 0 as seconds since the epoch, in ms (virtual time's `time()`). */
  readonly epoch: number;
  readonly wallClock: (() => number) | undefined;
  wallStart: number;
  lastWall: number;
  speed: number;
  anchorReal: number;
  anchorScaled: number;
  paused: boolean;
  /** Start of the call in progress and its sleeps so far (ms). */
  callBase: number;
  callSleep: number;
}

/** The engine's wall clock (real time, scaled by `setWallSpeed`, frozen while paused), remembered as `lastWall`. */
export function readWall(s: ClockState): number {
  const real = s.wallClock!();
  if (s.paused) s.lastWall = s.anchorScaled;
  else s.lastWall = s.speed === 1 && s.anchorReal === s.anchorScaled ? real : s.anchorScaled + (real - s.anchorReal) * s.speed;
  return s.lastWall;
}

/** Moves engine time to an event's time `t` (in wall time, to the clock as last read when it is later). */
export function advance(s: ClockState, t: number): void {
  if (s.wallMode) {
    // The clock as last read (by the run loop or the end of the previous call).
    const w = s.lastWall - s.wallStart;
    s.now = w > t ? w : t;
  } else if (t > s.now) s.now = t;
}

/** Wall mode: engine time follows `speed` × real time from real time `atReal` on. */
export function setWallSpeed(s: ClockState, speed: number, atReal: number): void {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a number > 0, got ${speed}`);
  if (!s.paused) s.anchorScaled = s.anchorScaled + (atReal - s.anchorReal) * s.speed;
  s.anchorReal = atReal;
  s.speed = speed;
}

/** Wall mode: freezes engine time at real time `atReal`. */
export function pauseClock(s: ClockState, atReal: number): void {
  if (s.paused) return;
  s.anchorScaled = s.anchorScaled + (atReal - s.anchorReal) * s.speed;
  s.anchorReal = atReal;
  s.paused = true;
}

/** Wall mode: engine time runs again from where it stopped. */
export function resumeClock(s: ClockState, atReal: number): void {
  if (!s.paused) return;
  s.anchorReal = atReal;
  s.paused = false;
}

/** Seconds since the epoch on the engine clock, as the call in progress sees it (its sleeps included). */
export function timeSeconds(s: ClockState): number {
  if (s.wallMode) return (readWall(s) + s.callSleep) / 1000;
  return (s.epoch + s.callBase + s.callSleep) / 1000;
}
