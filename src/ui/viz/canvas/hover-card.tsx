/**
 * A card shown next to a canvas node while the pointer is over it: fixed to the page (so the
 * canvas does not clip it and the zoom does not shrink it), below the node or above it when
 * there is no room, kept inside the window.
 */
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const GAP = 8;

export function HoverCard({ anchor, children }: { anchor: Element; children: ReactNode }) {
  const card = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState<{ left: number; top: number } | null>(null);
  useLayoutEffect(() => {
    const a = anchor.getBoundingClientRect();
    const c = card.current?.getBoundingClientRect();
    if (!c) return;
    const below = a.bottom + GAP;
    const top = below + c.height <= window.innerHeight - GAP ? below : Math.max(GAP, a.top - GAP - c.height);
    const left = Math.min(Math.max(GAP, a.left), window.innerWidth - GAP - c.width);
    // Only a move re-renders (the card's content changes with every snapshot).
    setAt((prev) => (prev && prev.left === left && prev.top === top ? prev : { left, top }));
  }, [anchor, children]);
  return createPortal(
    <div ref={card} className="hover-card" style={at ? { left: at.left, top: at.top } : { left: -9999, top: -9999 }}>
      {children}
    </div>,
    document.body,
  );
}
