/**
 * The "Log" dock tab: every component's log lines in Petrel's format, filtered by component,
 * lowest level and text; the newest at the bottom, followed while scrolled to the end. The run
 * store keeps the last 10,000 lines; the panel draws the last 1,000 that pass the filter.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useRunStore } from '../../store/run-store';
import { filterLogs, LEVEL_CHOICES, petrelLine, VIRTUAL_EPOCH_MS, type LogFilter } from './log-format';
import { logFilterStore, useLogFilter } from './log-filter';
import './run.css';

const SHOWN = 1000;

export default function LogPanel() {
  const logs = useRunStore((s) => s.logs);
  const clock = useRunStore((s) => s.options.clock);
  const startedAt = useRunStore((s) => s.startedAt);
  const runDocument = useRunStore((s) => s.runDocument);
  const filter = useLogFilter((f) => f);
  const list = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const shown = useMemo(() => filterLogs(logs, filter), [logs, filter]);
  const visible = shown.length > SHOWN ? shown.slice(-SHOWN) : shown;
  const origin = clock === 'virtual' ? VIRTUAL_EPOCH_MS : (startedAt ?? 0);
  const components: string[] = runDocument?.components.map((c) => String(c.id)) ?? [];

  useLayoutEffect(() => {
    const el = list.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [visible]);
  useEffect(() => {
    const el = list.current;
    if (!el) return;
    const onScroll = () => {
      follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
    };
    el.addEventListener('scroll', onScroll);
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <div className="log-panel" data-testid="run.logs">
      <div className="log-filters">
        <label className="run-field">
          <span>Component</span>
          <select className="select" data-testid="run.logs.component" value={filter.component ?? ''} onChange={(e) => logFilterStore.setState({ component: e.target.value || null })}>
            <option value="">All components</option>
            {components.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
            {filter.component !== null && !components.includes(filter.component) ? <option value={filter.component}>{filter.component}</option> : null}
          </select>
        </label>
        <label className="run-field" title="DEBUG lines come from JavaScript's console.debug and from Python components whose log level is DEBUG (set it in the inspector)">
          <span>Level</span>
          <select className="select" data-testid="run.logs.level" value={filter.level} onChange={(e) => logFilterStore.setState({ level: e.target.value as LogFilter['level'] })}>
            {LEVEL_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        <label className="run-field log-search">
          <span>Find</span>
          <input className="input" data-testid="run.logs.text" value={filter.text} placeholder="text in the message" onChange={(e) => logFilterStore.setState({ text: e.target.value })} />
        </label>
        <span className="log-count" data-testid="run.logs.count">
          {shown.length > SHOWN ? `last ${SHOWN.toLocaleString('en-US')} of ${shown.length.toLocaleString('en-US')} lines` : `${shown.length.toLocaleString('en-US')} line${shown.length === 1 ? '' : 's'}`}
          {logs.length >= 10_000 ? ' (the log keeps the last 10,000)' : ''}
        </span>
      </div>
      <div className="log-lines" ref={list} data-testid="run.logs.lines">
        {visible.length === 0 ? (
          <p className="run-empty">{logs.length === 0 ? 'No log lines yet. Python logging, print and storm.log, JavaScript console, and crashes with their tracebacks appear here.' : 'No line matches the filter.'}</p>
        ) : (
          visible.map((l) => (
            <pre key={`${l.host}:${l.seq}`} className={`log-line is-${l.level.toLowerCase()}`} data-testid="run.logs.line" data-component={l.component} data-level={l.level}>
              {petrelLine(l, origin)}
            </pre>
          ))
        )}
      </div>
    </div>
  );
}
