import { Suspense, useRef, useState, type PointerEvent } from 'react';
import { showDockTab, uiStore, useUi } from '../../store/ui-store';
import { Icon } from '../shell/icons';
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

/**
 * The bottom dock: tabs from the registry (`registerDockTab`). A tab's panel mounts the first
 * time it is shown and stays mounted while hidden, so editors and charts keep their state.
 */
export function Dock() {
  const tabs = useDockTabs();
  const active = useUi((s) => s.dockTab);
  const height = useUi((s) => s.dockHeight);
  const collapsed = useUi((s) => s.dockCollapsed);
  const [visited, setVisited] = useState<ReadonlySet<string>>(() => new Set([active]));
  const drag = useRef<{ y: number; height: number } | null>(null);
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  if (current && !collapsed && !visited.has(current.id)) setVisited(new Set([...visited, current.id]));

  const onPointerDown = (e: PointerEvent) => {
    drag.current = { y: e.clientY, height };
    (e.target as Element).setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag.current) return;
    const max = Math.max(160, window.innerHeight - 220);
    const next = Math.round(Math.min(max, Math.max(120, drag.current.height + drag.current.y - e.clientY)));
    uiStore.setState({ dockHeight: next, dockCollapsed: false });
  };
  const onPointerUp = () => {
    drag.current = null;
  };

  return (
    <section className={`dock ${collapsed ? 'is-collapsed' : ''}`} style={collapsed ? undefined : { height }} data-testid="dock" aria-label="Dock">
      {collapsed ? null : <div className="dock-resize" onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} title="Drag to resize" />}
      <div className="dock-bar" role="tablist">
        {tabs.map((tab) => (
          <TabButton key={tab.id} tab={tab} active={!collapsed && tab.id === current?.id} onClick={() => showDockTab(tab.id)} />
        ))}
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
