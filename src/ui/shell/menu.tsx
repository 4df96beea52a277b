/**
 * A menu button (WAI-ARIA menu button pattern) listing commands of the registry: each item shows
 * the command's label as it is now, its shortcut, and is disabled when the command cannot run.
 * Arrow keys, Home and End move between items, Enter or Space runs one, Escape closes and gives
 * the focus back to the button; a click elsewhere or Tab closes it.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { runCommand, useCommandView, type Command } from '../commands/registry';
import { Icon } from './icons';

export type MenuEntry = { readonly kind: 'command'; readonly command: Command } | { readonly kind: 'heading'; readonly label: string; readonly key: string };

function MenuItem({ command, onPick }: { command: Command; onPick: (command: Command) => void }) {
  const view = useCommandView(command);
  return (
    <button type="button" role="menuitem" className="menu-item" data-command={command.id} data-testid={`menu.${command.id}`} disabled={!view.enabled} title={view.description} onClick={() => onPick(command)}>
      <span className="menu-icon">{view.icon ? <Icon name={view.icon} size={14} /> : null}</span>
      <span className="menu-label">{view.label}</span>
      {command.shortcut ? <kbd className="menu-shortcut">{command.shortcut}</kbd> : null}
    </button>
  );
}

const items = (menu: HTMLElement | null) => [...(menu?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];

export function MenuButton(props: { label: string; testId: string; icon: string; entries: readonly MenuEntry[]; text?: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const [alignRight, setAlignRight] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  };

  useLayoutEffect(() => {
    if (!open) return;
    const r = trigger.current?.getBoundingClientRect();
    if (r) setAlignRight(r.left + r.width / 2 > window.innerWidth / 2);
    items(menu.current)[0]?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!wrapper.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown, true);
    return () => document.removeEventListener('pointerdown', onDown, true);
  }, [open]);

  const onMenuKey = (e: KeyboardEvent) => {
    const list = items(menu.current);
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const move = (i: number) => list[(i + list.length) % list.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      Home: () => move(0),
      End: () => move(list.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    const act = keys[e.key];
    if (!act) return;
    // Tab moves on as usual; the other keys are the menu's (not the canvas's, not a dialog's).
    if (e.key !== 'Tab') e.preventDefault();
    e.stopPropagation();
    act();
  };

  const pick = (command: Command) => {
    setOpen(false);
    void runCommand(command.id);
  };

  return (
    <div className={`menu-wrap ${props.className ?? ''}`} ref={wrapper}>
      <button
        ref={trigger}
        type="button"
        className={`btn ${props.text ? '' : 'btn-icon'} ${open ? 'is-open' : ''}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={props.label}
        title={props.label}
        data-testid={props.testId}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name={props.icon} />
        {props.text}
      </button>
      {open ? (
        <div ref={menu} role="menu" aria-label={props.label} className={`menu ${alignRight ? 'is-right' : ''}`} data-testid="menu" onKeyDown={onMenuKey}>
          {props.entries.map((entry) =>
            entry.kind === 'heading' ? (
              <div key={entry.key} className="menu-heading" role="presentation">
                {entry.label}
              </div>
            ) : (
              <MenuItem key={entry.command.id} command={entry.command} onPick={pick} />
            ),
          )}
        </div>
      ) : null}
    </div>
  );
}
