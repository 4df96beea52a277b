/** Engine time for people: `0 ms`, `10.02 ms`, `1.234 s`, `2 min 03.4 s`, `3 h 05 min`. */
export function formatEngineTime(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${trimFixed(ms, 2)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(3)} s`;
  if (ms < 3_600_000) {
    const min = Math.floor(ms / 60_000);
    return `${min} min ${((ms - min * 60_000) / 1000).toFixed(1).padStart(4, '0')} s`;
  }
  const h = Math.floor(ms / 3_600_000);
  return `${h} h ${String(Math.floor((ms - h * 3_600_000) / 60_000)).padStart(2, '0')} min`;
}

/** A duration in ms with up to `digits` decimals, trailing zeros dropped (`10.02`, `3`). */
export function trimFixed(ms: number, digits: number): string {
  const s = ms.toFixed(digits);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** A latency: `0.01 ms`, `12.5 ms`, `1.25 s`. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${trimFixed(ms, ms < 100 ? 2 : 1)} ms`;
  return `${trimFixed(ms / 1000, 2)} s`;
}
