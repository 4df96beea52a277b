import { useSyncExternalStore } from 'react';
import { documentStore, useDocumentStore, useHistory } from '../../store/document-store';
import { selectDiagnostics, selectTopologyName } from '../../store/selectors';
import { selectSaveStatus, selectTheme, showDockTab, uiStore, useUi } from '../../store/ui-store';
import { runCommand, useCommands, type Command } from '../commands/registry';
import { Icon } from '../shell/icons';
import './toolbar.css';

const GROUP_ORDER = ['file', 'edit', 'view', 'run'];

/** Re-render on any store change that may flip a command's `enabled()` (cheap: the toolbar is small). */
function useEnabledTick(): number {
  const subscribe = (l: () => void) => {
    const a = documentStore.subscribe(l);
    const b = documentStore.temporal.subscribe(l);
    const c = uiStore.subscribe(l);
    return () => (a(), b(), c());
  };
  const snapshot = () => documentStore.temporal.getState().pastStates.length * 1e6 + documentStore.temporal.getState().futureStates.length * 1e3 + uiStore.getState().selection.components.length;
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

function CommandButton({ command }: { command: Command }) {
  const enabled = command.enabled ? command.enabled() : true;
  const title = `${command.description ?? command.label}${command.shortcut ? ` (${command.shortcut})` : ''}`;
  return (
    <button
      type="button"
      className={`btn ${command.toolbar?.iconOnly ? 'btn-icon' : ''}`}
      disabled={!enabled}
      title={title}
      aria-label={command.label}
      data-testid={`toolbar.${command.id}`}
      onClick={() => void runCommand(command.id)}
    >
      {command.icon ? <Icon name={command.icon} /> : null}
      {command.toolbar?.iconOnly ? null : <span>{command.label}</span>}
    </button>
  );
}

function SaveStatus() {
  const save = useUi(selectSaveStatus);
  const text = save.status === 'saved' ? 'Saved in this browser' : save.status === 'pending' ? 'Saving…' : 'Not saved';
  return (
    <span className={`save-status is-${save.status}`} data-testid="toolbar.save-status" data-status={save.status} title={save.message ?? 'Your work is kept in this browser (IndexedDB) as you edit.'}>
      <span className="save-dot" />
      {text}
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

/** The top bar: brand and topology name, command groups from the registry, status, theme. */
export function Toolbar() {
  const commands = useCommands();
  const name = useDocumentStore(selectTopologyName);
  const theme = useUi(selectTheme);
  useEnabledTick();
  useHistory((h) => h.pastStates.length + h.futureStates.length);
  const inToolbar = commands.filter((c) => c.toolbar && c.id !== 'view.theme');
  const groups = [...new Set(inToolbar.map((c) => c.group))].sort((a, b) => {
    const i = (g: string) => (GROUP_ORDER.includes(g) ? GROUP_ORDER.indexOf(g) : GROUP_ORDER.length);
    return i(a) - i(b);
  });
  return (
    <header className="toolbar" data-testid="toolbar">
      <div className="brand">
        <span className="brand-mark">
          <Icon name="storm" size={18} />
        </span>
        <span className="brand-name">Storm Studio</span>
        <span className="brand-sep">/</span>
        <span className="topology-name" data-testid="toolbar.topology-name" title="Topology name (edit it in the topology settings)">
          {name}
        </span>
      </div>
      <nav className="toolbar-groups" aria-label="Commands">
        {groups.map((g) => (
          <div className="toolbar-group" key={g} role="group" aria-label={g}>
            {inToolbar
              .filter((c) => c.group === g)
              .sort((a, b) => a.toolbar!.order - b.toolbar!.order)
              .map((c) => (
                <CommandButton key={c.id} command={c} />
              ))}
          </div>
        ))}
      </nav>
      <div className="toolbar-end">
        <ProblemsButton />
        <SaveStatus />
        <button
          type="button"
          className="btn btn-icon"
          data-testid="toolbar.view.theme"
          title={theme === 'dark' ? 'Switch to the light theme' : 'Switch to the dark theme'}
          aria-label="Toggle theme"
          onClick={() => void runCommand('view.theme')}
        >
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
        </button>
      </div>
    </header>
  );
}
