import { Suspense, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { showDockTab, uiStore, useUi } from '../../store/ui-store';
import { Icon } from '../shell/icons';
import { clampDockHeight, effectiveDockHeight, keyboardDockHeight, maxDockHeight, MIN_DOCK } from './dock-size';
import { useDockTabs, type DockTab } from './dock-tabs';
import './dock.css';

function TabButton({ tab, active, onClick }: { tab: DockTab; active: boolean; onClick: () => void }) {
  const badge = tab.useBadge?.() ?? null;
  return (
    <button type="button" role="tab" aria-selected={active} className={`dock-tab ${active ? 'is-active' : ''}`} data-testid={`dock.tab.${tab.id}`} onClick={onClick}>
      {tab.title}
      {badge ? <span className={`dock-badge is-${badge.tone}`}>{badge.text}</span> : null}
    </button>
  );
}

/** The height of the dock's container (the space under the toolbar), followed as the window resizes. */
function useAvailableHeight(dock: RefObject<HTMLElement | null>): number {
  const [available, setAvailable] = useState(() => Math.max(0, window.innerHeight - 48));
  useLayoutEffect(() => {
    const parent = dock.current?.parentElement;
    if (!parent) return;
    const measure = () => setAvailable(parent.getBoundingClientRect().height);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(parent);
    return () => observer.disconnect();
  }, [dock]);
  return available;
}

/** The dock's top edge: drag it, or focus it and use the arrow keys (a WAI-ARIA window splitter). */
function ResizeHandle({ height, available }: { height: number; available: number }) {
  const drag = useRef<{ y: number; height: number } | null>(null);
  const set = (dockHeight: number | null) => uiStore.setState({ dockHeight, dockCollapsed: false });
  const onPointerDown = (e: PointerEvent) => {
    drag.current = { y: e.clientY, height };
    (e.target as Element).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (drag.current) set(clampDockHeight(drag.current.height + drag.current.y - e.clientY, available));
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const next = keyboardDockHeight(height, e.key, e.shiftKey, available);
    if (next === undefined) return;
    e.preventDefault();
    // React Flow listens to keys on the whole document (arrows move selected nodes).
    e.stopPropagation();
    set(next);
  };
  return (
    <div
      className="dock-resize"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Dock height"
      aria-valuenow={height}
      aria-valuemin={MIN_DOCK}
      aria-valuemax={maxDockHeight(available)}
      tabIndex={0}
      data-testid="dock.resize"
      title="Drag to resize the dock, or focus it and use ↑ ↓ (Shift: faster); Enter or double-click: default height"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onDoubleClick={() => set(null)}
      onKeyDown={onKeyDown}
    />
  );
}

/**
 * The bottom dock: tabs from the registry (`registerDockTab`). A tab's panel mounts the first
 * time it is shown and stays mounted while hidden, so editors and charts keep their state. Its
 * height is the user's (dragged or set with the keyboard, remembered in the preferences) or 40 %
 * of the space under the toolbar, always leaving the canvas room (see dock-size.ts).
 */
export function Dock() {
  const tabs = useDockTabs();
  const active = useUi((s) => s.dockTab);
  const chosen = useUi((s) => s.dockHeight);
  const collapsed = useUi((s) => s.dockCollapsed);
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([active]));
  const self = useRef<HTMLElement>(null);
  const available = useAvailableHeight(self);
  const height = effectiveDockHeight(chosen, available);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  if (current && !collapsed && !visited.has(current.id)) setVisited(new Set([...visited, current.id]));

  return (
    <section ref={self} className={`dock ${collapsed ? 'is-collapsed' : ''}`} style={collapsed ? undefined : { height }} data-testid="dock" aria-label="Dock">
      {collapsed ? null : <ResizeHandle height={height} available={available} />}
      <div className="dock-bar" data-testid="dock.bar">
        {/* Only the tabs wrap; the controls beside them stay on the first row, never on one of their own. */}
        <div className="dock-tabs" role="tablist" aria-label="Dock tabs" data-testid="dock.tabs">
          {tabs.map((tab) => (
            <TabButton key={tab.id} tab={tab} active={!collapsed && tab.id === current?.id} onClick={() => showDockTab(tab.id)} />
          ))}
        </div>
        <button
          type="button"
          className="btn btn-icon btn-sm dock-toggle"
          data-testid="dock.toggle"
          title={collapsed ? 'Show the dock' : 'Hide the dock'}
          onClick={() => uiStore.setState({ dockCollapsed: !collapsed })}
        >
          <Icon name={collapsed ? 'chevronUp' : 'chevronDown'} />
        </button>
      </div>
      {collapsed
        ? null
        : tabs
            .filter((t) => visited.has(t.id))
            .map((t) => (
              <div key={t.id} className="dock-panel" role="tabpanel" hidden={t.id !== current?.id} data-testid={`dock.panel.${t.id}`}>
                <Suspense fallback={<div className="dock-loading">Loading…</div>}>
                  <t.component />
                </Suspense>
              </div>
            ))}
    </section>
  );
}
