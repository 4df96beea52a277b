/**
 * The lazily loaded editors. Monaco (about 700 KB gzip with Python and JavaScript) is fetched the
 * first time one of these renders; wrap them in `<Suspense>`.
 *
 * @example
 * <Suspense fallback={<p>Loading the editor…</p>}><LazyCodeView value={text} language="python" /></Suspense>
 */
import { lazy } from 'react';

export const LazyCodeEditor = lazy(() => import('./code-editor'));
export const LazyCodeView = lazy(() => import('./code-view'));
