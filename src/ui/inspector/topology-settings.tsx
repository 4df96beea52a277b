import { WELL_KNOWN_CONFIG_KEYS, type ConfigValue, type SimulationSettings, type TopologyConfig } from '../../model';
import { setTopologyName, updateSimulation, updateTopologyConfig } from '../../model/operations';
import { documentStore, useDocumentStore } from '../../store/document-store';
import { selectDocument, selectTopologyDiagnostics } from '../../store/selectors';
import { DiagnosticList } from '../shell/diagnostic-list';
import { Icon } from '../shell/icons';
import { CheckboxField, NumberField, Section, SelectField, TextField } from './fields';
import { PackagesSection } from './packages-section';

const setConfig = (patch: Partial<TopologyConfig>) => (documentStore.getState().edit((d) => updateTopologyConfig(d, patch)), null);
const setSimulation = (patch: Partial<SimulationSettings>) => (documentStore.getState().edit((d) => updateSimulation(d, patch)), null);

/** Where a custom key may not go: the document has its own fields for Storm's well-known keys. */
const FIELD_FOR: Record<string, string> = {
  'topology.workers': 'Workers',
  'topology.acker.executors': 'Ackers',
  'topology.message.timeout.secs': 'Message timeout',
  'topology.max.spout.pending': 'Max spout pending',
  'topology.debug': 'Debug',
};

function customKeyProblem(custom: TopologyConfig['custom'], key: string, except?: string): string | null {
  if (key === '') return 'A key may not be empty.';
  if ((WELL_KNOWN_CONFIG_KEYS as readonly string[]).includes(key)) return `Set ${key} with the "${FIELD_FOR[key]}" field above.`;
  if (key !== except && key in custom) return `"${key}" is already set.`;
  return null;
}

/** Renames a key in place, keeping the order of the others. */
function renameKey(custom: TopologyConfig['custom'], from: string, to: string): Record<string, ConfigValue> {
  return Object.fromEntries(Object.entries(custom).map(([k, v]) => [k === from ? to : k, v]));
}

export function parseJsonValue(text: string): { value: ConfigValue } | { error: string } {
  try {
    return { value: JSON.parse(text) as ConfigValue };
  } catch (e) {
    const hint = /^[A-Za-z]/.test(text.trim()) && !['true', 'false', 'null'].includes(text.trim()) ? ` Text needs quotes: "${text.trim()}".` : '';
    return { error: `Not a JSON value (${(e as Error).message}).${hint}` };
  }
}

function CustomKeys({ custom }: { custom: TopologyConfig['custom'] }) {
  const entries = Object.entries(custom);
  const add = () => {
    let key = 'custom.key';
    for (let n = 2; key in custom; n++) key = `custom.key.${n}`;
    setConfig({ custom: { ...custom, [key]: '' } });
  };
  return (
    <Section
      title="Custom configuration"
      testId="settings.custom"
      aside={
        <button type="button" className="btn btn-sm" data-testid="settings.custom.add" onClick={add}>
          <Icon name="plus" size={14} /> Add key
        </button>
      }
    >
      {entries.length === 0 ? <p className="muted">Any other Storm key, or your own: components read them from conf in initialize(conf, context).</p> : null}
      {entries.map(([key, value], i) => (
        <div className="custom-row" key={key} data-testid={`settings.custom.${i}`}>
          <TextField
            label="Key"
            value={key}
            mono
            testId={`settings.custom.${i}.key`}
            onCommit={(next) => customKeyProblem(custom, next, key) ?? setConfig({ custom: renameKey(custom, key, next) })}
          />
          <TextField
            label="Value (JSON)"
            value={JSON.stringify(value)}
            mono
            testId={`settings.custom.${i}.value`}
            onCommit={(text) => {
              const r = parseJsonValue(text);
              return 'error' in r ? r.error : setConfig({ custom: { ...custom, [key]: r.value } });
            }}
          />
          <button
            type="button"
            className="btn btn-icon btn-sm btn-danger custom-remove"
            aria-label={`Remove ${key}`}
            data-testid={`settings.custom.${i}.remove`}
            onClick={() => setConfig({ custom: Object.fromEntries(entries.filter(([k]) => k !== key)) })}
          >
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </Section>
  );
}

/** The inspector when nothing is selected: the topology's name, Storm config and simulation settings. */
export function TopologySettings() {
  const doc = useDocumentStore(selectDocument);
  const problems = useDocumentStore(selectTopologyDiagnostics);
  const c = doc.config;
  const s = doc.simulation;
  return (
    <div className="inspector-body" data-testid="inspector.topology">
      <header className="inspector-title is-topology">
        <span className="inspector-kind-icon">
          <Icon name="settings" />
        </span>
        <div>
          <div className="inspector-kind">Topology</div>
          <div className="inspector-name">{doc.name}</div>
        </div>
      </header>
      <DiagnosticList diagnostics={problems} testId="inspector.problems" compact />
      <Section title="Storm configuration">
        <TextField label="Name" value={doc.name} mono testId="settings.name" onCommit={(name) => (documentStore.getState().edit((d) => setTopologyName(d, name)), null)} />
        <div className="field-row">
          <NumberField label="Workers" what="topology.workers" value={c.workers} rules={{ min: 1, integer: true }} testId="settings.workers" onCommit={(n) => setConfig({ workers: n! })} />
          <NumberField
            label="Ackers"
            what="topology.acker.executors"
            value={c.ackers}
            rules={{ min: 0, integer: true, nullable: true }}
            placeholder={`${c.workers} (per worker)`}
            testId="settings.ackers"
            onCommit={(n) => setConfig({ ackers: n })}
          />
        </div>
        <div className="field-row">
          <NumberField
            label="Message timeout (s)"
            what="topology.message.timeout.secs"
            value={c.messageTimeoutSecs}
            rules={{ min: 0, exclusive: true }}
            testId="settings.timeout"
            onCommit={(n) => setConfig({ messageTimeoutSecs: n! })}
          />
          <NumberField
            label="Max spout pending"
            what="topology.max.spout.pending"
            value={c.maxSpoutPending}
            rules={{ min: 1, integer: true, nullable: true }}
            placeholder="unlimited"
            testId="settings.max-pending"
            onCommit={(n) => setConfig({ maxSpoutPending: n })}
          />
        </div>
        <CheckboxField label="Debug (topology.debug): log every emitted tuple" checked={c.debug} testId="settings.debug" onChange={(debug) => setConfig({ debug })} />
        <div className="field-hint">0 ackers turns acking off: spout tuples are acked as soon as they are emitted. Max spout pending counts un-acked tuples per spout task.</div>
      </Section>
      <CustomKeys custom={c.custom} />
      <PackagesSection />
      <Section title="Simulation" testId="settings.simulation">
        <SelectField<SimulationSettings['onError']>
          label="When a component raises"
          value={s.onError}
          testId="settings.on-error"
          options={[
            { value: 'crash-worker', label: 'Crash the worker (as Storm and Petrel do)' },
            { value: 'fail-tuple', label: 'Fail the tuple and go on (for teaching)' },
          ]}
          onChange={(onError) => setSimulation({ onError })}
        />
        <div className="field-row">
          <NumberField label="Worker restart (s)" what="The worker restart delay" value={s.workerRestartSecs} rules={{ min: 0 }} testId="settings.restart-secs" onCommit={(n) => setSimulation({ workerRestartSecs: n! })} />
          <NumberField label="Default cost (ms)" what="The default cost per call" value={s.defaultCostMs} rules={{ min: 0 }} testId="settings.default-cost" onCommit={(n) => setSimulation({ defaultCostMs: n! })} />
        </div>
        <CheckboxField
          label="Charge measured CPU time instead of the default cost"
          checked={s.measureCost}
          testId="settings.measure-cost"
          hint="More realistic; two runs with the same seed may then differ."
          onChange={(measureCost) => setSimulation({ measureCost })}
        />
      </Section>
    </div>
  );
}
