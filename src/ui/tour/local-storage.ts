/** The page's `localStorage`, or undefined where it is blocked (private modes, sandboxed frames). */
export function localStore(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
