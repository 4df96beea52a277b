/** A value that follows `value` at most once per `ms` (the latest one wins), for views that need not redraw at every snapshot. */
import { useEffect, useRef, useState } from 'react';

export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latest.current = value;
    if (Object.is(shown, value) || timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      setShown(() => latest.current);
    }, ms);
  }, [value, shown, ms]);
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return shown;
}
