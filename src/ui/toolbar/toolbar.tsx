import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useDocumentStore } from '../../store/document-store';
import { selectDiagnostics, selectTopologyName } from '../../store/selectors';
import { selectSaveStatus, showDockTab, useUi } from '../../store/ui-store';
import { getCommand, runCommand, useCommands, useCommandView, type Command } from '../commands/registry';
import { Icon } from '../shell/icons';
import { MenuButton, type MenuEntry } from '../shell/menu';
import { fitToolbar, type FitItem, type ItemForm } from './toolbar-fit';
import './toolbar.css';

const GROUP_ORDER = ['file', 'edit', 'view', 'run', 'help'];
const GROUP_TITLE: Record<string, string> = { file: 'File', edit: 'Edit', view: 'View', run: 'Run', help: 'Help' };
/** What a shown group adds besides its buttons: the nav's gap and the group's separator and padding (toolbar.css). */
const GROUP_GAP = 6 + 1 + 8;
const groupIndex = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);

function CommandButton({ command, form, measure }: { command: Command; form: 'full' | 'compact'; measure?: boolean }) {
  const view = useCommandView(command);
  const label = form === 'full' && !command.toolbar?.iconOnly;
  const title = `${view.description ?? view.label}${command.shortcut ? ` (${command.shortcut})` : ''}`;
  return (
    <button
      type="button"
      className={`btn ${label ? '' : 'btn-icon'}`}
      disabled={!view.enabled}
      title={title}
      aria-label={view.label}
      data-testid={measure ? undefined : `toolbar.${command.id}`}
      data-command={command.id}
      data-measure={measure ? `${command.id}:${form}` : undefined}
      tabIndex={measure ? -1 : undefined}
      onClick={() => void runCommand(command.id)}
    >
      {view.icon ? <Icon name={view.icon} /> : null}
      {label ? <span>{view.label}</span> : null}
    </button>
  );
}

function SaveStatus() {
  const save = useUi(selectSaveStatus);
  const text = save.status === 'saved' ? 'Saved in this browser' : save.status === 'pending' ? 'Saving…' : 'Not saved';
  const short = save.status === 'saved' ? 'Saved' : save.status === 'pending' ? 'Saving…' : 'Not saved';
  return (
    <span
      className={`save-status is-${save.status}`}
      role="status"
      data-testid="toolbar.save-status"
      data-status={save.status}
      title={save.message ?? 'Your work is kept in this browser (IndexedDB) as you edit.'}
    >
      <span className="save-dot" />
      <span className="save-long">{text}</span>
      <span className="save-short">{short}</span>
    </span>
  );
}

function ProblemsButton() {
  const index = useDocumentStore(selectDiagnostics);
  const tone = index.errors ? 'error' : index.warnings ? 'warning' : 'ok';
  const text = index.errors ? `${index.errors} error${index.errors === 1 ? '' : 's'}` : index.warnings ? `${index.warnings} warning${index.warnings === 1 ? '' : 's'}` : 'Valid';
  return (
    <button type="button" className={`btn problems-button is-${tone}`} data-testid="toolbar.problems" title="Show the Problems tab" onClick={() => showDockTab('problems')}>
      <Icon name={tone === 'ok' ? 'check' : tone} size={14} />
      {text}
    </button>
  );
}

function ThemeButton() {
  const command = getCommand('view.theme');
  const view = useCommandView(command ?? FALLBACK_THEME);
  if (!command) return null;
  return (
    <button type="button" className="btn btn-icon" data-testid="toolbar.view.theme" title={view.description} aria-label={view.label} onClick={() => void runCommand(command.id)}>
      <Icon name={view.icon ?? 'moon'} />
    </button>
  );
}
const FALLBACK_THEME: Command = { id: 'view.theme', label: 'Toggle theme', group: 'view', perform: () => {} };

/** The toolbar's buttons, in groups, each with its order. */
function toolbarCommands(commands: readonly Command[]): Command[] {
  return commands
    .filter((c) => c.toolbar)
    .sort((a, b) => groupIndex(a.group) - groupIndex(b.group) || a.group.localeCompare(b.group) || a.toolbar!.order - b.toolbar!.order);
}

/** Every command for the "More" menu, by group (the Help menu has the docs). */
function moreEntries(commands: readonly Command[]): MenuEntry[] {
  const listed = commands.filter((c) => c.group !== 'help' || c.id === 'help.show');
  const groups = [...new Set(listed.map((c) => c.group))].sort((a, b) => groupIndex(a) - groupIndex(b) || a.localeCompare(b));
  const entries: MenuEntry[] = [];
  for (const g of groups) {
    entries.push({ kind: 'heading', label: GROUP_TITLE[g] ?? g, key: `heading.${g}` });
    const inGroup = listed.filter((c) => c.group === g);
    // Toolbar commands in their toolbar order first, then the others as registered.
    const ordered = [...inGroup.filter((c) => c.toolbar).sort((a, b) => a.toolbar!.order - b.toolbar!.order), ...inGroup.filter((c) => !c.toolbar)];
    for (const command of ordered) entries.push({ kind: 'command', command });
  }
  return entries;
}

/** The Help menu: help commands (orders below 100: the help, a tour, lessons), then the docs. */
function helpEntries(commands: readonly Command[]): MenuEntry[] {
  const listed = commands.filter((c) => c.helpMenu).sort((a, b) => a.helpMenu!.order - b.helpMenu!.order);
  const entries: MenuEntry[] = [];
  for (const command of listed) {
    if (command.helpMenu!.order >= 100 && !entries.some((e) => e.kind === 'heading')) entries.push({ kind: 'heading', label: 'Documentation', key: 'heading.docs' });
    entries.push({ kind: 'command', command });
  }
  return entries;
}

type Widths = Readonly<Record<string, { full: number; compact: number }>>;

/**
 * The toolbar's buttons that fit (with their label, or as their icon), measured on a hidden copy
 * of every button in both forms; the rest wait in the "More" menu, which lists every command.
 */
function useToolbarFit(items: readonly Command[]) {
  const nav = useRef<HTMLElement>(null);
  const measure = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(Number.POSITIVE_INFINITY);
  const [widths, setWidths] = useState<Widths>({});

  useLayoutEffect(() => {
    const navEl = nav.current;
    const measureEl = measure.current;
    if (!navEl || !measureEl) return;
    const read = () => {
      setAvailable(navEl.clientWidth);
      const next: Record<string, { full: number; compact: number }> = {};
      for (const el of measureEl.querySelectorAll<HTMLElement>('[data-measure]')) {
        const [id, form] = el.dataset.measure!.split(':') as [string, 'full' | 'compact'];
        next[id] = { ...(next[id] ?? { full: 0, compact: 0 }), [form]: Math.ceil(el.getBoundingClientRect().width) };
      }
      setWidths((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    };
    read();
    // Labels change (Run → Restart) and fonts arrive: every measured button is watched.
    const observer = new ResizeObserver(read);
    observer.observe(navEl);
    for (const el of measureEl.querySelectorAll('[data-measure]')) observer.observe(el);
    return () => observer.disconnect();
  }, [items]);

  const forms = useMemo(() => {
    const fit: FitItem[] = items.map((c) => ({
      id: c.id,
      group: c.group,
      full: widths[c.id]?.full ?? 0,
      compact: widths[c.id]?.compact ?? 0,
      priority: c.toolbar?.priority ?? 50,
      essential: c.toolbar?.essential ?? false,
    }));
    return fitToolbar(fit, available, GROUP_GAP);
  }, [items, widths, available]);
  return { nav, measure, forms };
}

/** The top bar: brand and topology name, the command buttons that fit, "More", status, help, theme. */
export function Toolbar() {
  const commands = useCommands();
  const name = useDocumentStore(selectTopologyName);
  const items = useMemo(() => toolbarCommands(commands), [commands]);
  const { nav, measure, forms } = useToolbarFit(items);
  const groups = [...new Set(items.map((c) => c.group))];
  const shown = (c: Command): ItemForm => forms[c.id] ?? 'full';
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="storm" size={18} />
        </span>
        <span className="brand-name">Storm Studio</span>
        <span className="brand-sep">/</span>
        <span className="topology-name" data-testid="toolbar.topology-name" title={`${name} (edit the name in the topology settings)`}>
          {name}
        </span>
      </div>
      <nav className="toolbar-groups" aria-label="Commands" ref={nav}>
        {groups.map((g) => {
          const visible = items.filter((c) => c.group === g && shown(c) !== 'hidden');
          if (visible.length === 0) return null;
          return (
            <div className="toolbar-group" key={g} role="group" aria-label={GROUP_TITLE[g] ?? g}>
              {visible.map((c) => (
                <CommandButton key={c.id} command={c} form={shown(c) === 'full' ? 'full' : 'compact'} />
              ))}
            </div>
          );
        })}
        <div className="toolbar-measure" ref={measure} aria-hidden="true">
          {items.map((c) => (
            <span key={c.id}>
              <CommandButton command={c} form="full" measure />
              <CommandButton command={c} form="compact" measure />
            </span>
          ))}
        </div>
      </nav>
      <MenuButton label="All commands" testId="toolbar.more" icon="more" entries={moreEntries(commands)} />
      <div className="toolbar-end">
        <ProblemsButton />
        <SaveStatus />
        <MenuButton label="Help" testId="toolbar.help" icon="help" entries={helpEntries(commands)} />
        <ThemeButton />
      </div>
    </header>
  );
}
