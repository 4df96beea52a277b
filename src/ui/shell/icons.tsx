/** Small stroke icons (16×16 grid, currentColor), drawn for Storm Studio. */
import type { ReactElement } from 'react';

const paths: Record<string, ReactElement> = {
  open: (
    <>
      <path d="M2 4.5A1.5 1.5 0 0 1 3.5 3h3l1.5 1.5h4.5A1.5 1.5 0 0 1 14 6v1" />
      <path d="M2 4.5v7A1.5 1.5 0 0 0 3.5 13h8.2a1.5 1.5 0 0 0 1.4-1l1.4-4H4.9a1.5 1.5 0 0 0-1.4 1L2 13" />
    </>
  ),
  save: (
    <>
      <path d="M3 2.5h8l2.5 2.5v8a.5.5 0 0 1-.5.5H3a.5.5 0 0 1-.5-.5V3a.5.5 0 0 1 .5-.5Z" />
      <path d="M5 2.5v3h5v-3M5 13.5v-4h6v4" />
    </>
  ),
  examples: (
    <>
      <rect x="2.5" y="2.5" width="4.5" height="4.5" rx="1" />
      <rect x="9" y="2.5" width="4.5" height="4.5" rx="1" />
      <rect x="2.5" y="9" width="4.5" height="4.5" rx="1" />
      <rect x="9" y="9" width="4.5" height="4.5" rx="1" />
    </>
  ),
  layout: (
    <>
      <rect x="1.5" y="6" width="4" height="4" rx="1" />
      <rect x="10.5" y="2" width="4" height="4" rx="1" />
      <rect x="10.5" y="10" width="4" height="4" rx="1" />
      <path d="M5.5 8h2.5M8 4v8M8 4h2.5M8 12h2.5" />
    </>
  ),
  fit: <path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />,
  undo: <path d="M5.5 4 2.5 7l3 3M2.5 7h7a4 4 0 0 1 0 8H7" />,
  redo: <path d="M10.5 4l3 3-3 3M13.5 7h-7a4 4 0 0 0 0 8H9" />,
  sun: (
    <>
      <circle cx="8" cy="8" r="3" />
      <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
    </>
  ),
  moon: <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7Z" />,
  spout: (
    <>
      <path d="M2 6.5h6.5a3 3 0 0 1 3 3V11" />
      <path d="M2 4.5v4M5 4.5V3M3.5 3h3" />
      <path d="M11.5 13.2c0 .7-.5 1.3-1 1.3s-1-.6-1-1.3c0-.6 1-1.9 1-1.9s1 1.3 1 1.9Z" />
    </>
  ),
  bolt: <path d="M9 1.5 3.5 9H8l-1 5.5L12.5 7H8l1-5.5Z" />,
  trash: <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.6a1 1 0 0 0 1 .9h3.8a1 1 0 0 0 1-.9l.6-8.6" />,
  copy: (
    <>
      <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
      <path d="M10.5 5.5V3.5a1 1 0 0 0-1-1h-6a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h2" />
    </>
  ),
  plus: <path d="M8 3v10M3 8h10" />,
  error: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.8v3.8M8 10.8v.2" />
    </>
  ),
  warning: (
    <>
      <path d="M8 2 1.8 13h12.4L8 2Z" />
      <path d="M8 6.2v3.3M8 11.3v.2" />
    </>
  ),
  check: <path d="m3 8.5 3 3 7-7" />,
  close: <path d="m4 4 8 8M12 4l-8 8" />,
  code: <path d="M5.5 4.5 2 8l3.5 3.5M10.5 4.5 14 8l-3.5 3.5" />,
  // Data sources: lines of text (Sample text), a page with rows (File replay).
  text: <path d="M2.5 4h11M2.5 7h11M2.5 10h8M2.5 13h5" />,
  file: <path d="M4 1.5h5.5L12.5 4.5v9a1 1 0 0 1-1 1h-7.5a1 1 0 0 1-1-1v-11a1 1 0 0 1 1-1ZM9.5 1.5v3h3M5.5 8h5M5.5 10.5h5" />,
  settings: (
    <>
      <circle cx="8" cy="8" r="2" />
      <path d="M8 1.8v2M8 12.2v2M1.8 8h2M12.2 8h2M3.6 3.6 5 5M11 11l1.4 1.4M3.6 12.4 5 11M11 5l1.4-1.4" />
    </>
  ),
  chevronDown: <path d="m4 6 4 4 4-4" />,
  chevronUp: <path d="m4 10 4-4 4 4" />,
  clock: (
    <>
      <circle cx="8" cy="8" r="6" />
      <path d="M8 4.5V8l2.5 1.5" />
    </>
  ),
  export: (
    <>
      <path d="M8 10V2.5M5 5.5l3-3 3 3" />
      <path d="M3 9.5v3a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1v-3" />
    </>
  ),
  import: (
    <>
      <path d="M8 2.5V10M5 7l3 3 3-3" />
      <path d="M3 9.5v3a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1v-3" />
    </>
  ),
  newFile: (
    <>
      <path d="M9 2H4.5A1.5 1.5 0 0 0 3 3.5v9A1.5 1.5 0 0 0 4.5 14h7a1.5 1.5 0 0 0 1.5-1.5V6L9 2Z" />
      <path d="M9 2v4h4M8 8.5v3.5M6.25 10.25h3.5" />
    </>
  ),
  more: (
    <>
      <circle cx="3.5" cy="8" r="0.6" />
      <circle cx="8" cy="8" r="0.6" />
      <circle cx="12.5" cy="8" r="0.6" />
    </>
  ),
  help: (
    <>
      <circle cx="8" cy="8" r="6.25" />
      <path d="M6.2 6.2a1.9 1.9 0 1 1 2.6 1.75c-.5.2-.8.6-.8 1.1v.45" />
      <circle cx="8" cy="11.4" r="0.35" />
    </>
  ),
  book: <path d="M8 4.2C6.8 3.2 5 2.8 2.5 3v9.5c2.5-.2 4.3.2 5.5 1.2 1.2-1 3-1.4 5.5-1.2V3C11 2.8 9.2 3.2 8 4.2Zm0 0v9.5" />,
  play: <path d="M4.5 2.8v10.4L13 8 4.5 2.8Z" />,
  pause: <path d="M5 3v10M11 3v10" />,
  minimap: (
    <>
      <rect x="2" y="3" width="12" height="10" rx="1.5" />
      <rect x="8" y="8" width="4" height="3" rx="0.5" />
    </>
  ),
  stop: <rect x="3.5" y="3.5" width="9" height="9" rx="1" />,
  step: <path d="M3.5 3v10l7-5-7-5ZM12.5 3v10" />,
  storm: (
    <>
      <path d="M4.5 10.5a3 3 0 0 1-.3-6A4 4 0 0 1 12 5a2.8 2.8 0 0 1 .2 5.5" />
      <path d="M8.5 8 6.5 11h3l-2 3" />
    </>
  ),
};

export function Icon({ name, size = 16, title }: { name: string; size?: number; title?: string }) {
  const body = paths[name];
  if (!body) return null;
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      {body}
    </svg>
  );
}
