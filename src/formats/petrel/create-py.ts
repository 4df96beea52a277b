/**
 * Writes Petrel's `create.py`: `create(builder)` with `setSpout`, `setBolt` and chained groupings,
 * `addOutputStream` for non-default streams, and the component configuration (tick frequency,
 * task count) the document asks for.
 */
import { DEFAULT_STREAM, findComponent, type ConfigMap, type ConfigValue, type Subscription, type TopologyDocument } from '../../model';
import { canonical, type ComponentModule } from '../component-modules';
import { commentText, pyList, pyLiteral, pyStr, quoted, shellWord } from '../escape';
import type { FormatWarning } from '../types';

/** The helper create.py defines when a component's configuration must differ from what its class returns. */
export const CONFIG_HELPER = '_component_config';
/** Storm's component-config key behind `setNumTasks`: Petrel has no setter, but the key works the same. */
export const TASKS_KEY = 'topology.tasks';
/** The marker line that carries the topology's name (read back by the importer). */
export const NAME_MARKER = '# Storm Studio topology: ';

const GROUPING_METHOD = {
  shuffle: 'shuffleGrouping',
  fields: 'fieldsGrouping',
  global: 'globalGrouping',
  all: 'allGrouping',
  none: 'noneGrouping',
  localOrShuffle: 'localOrShuffleGrouping',
  direct: 'directGrouping',
  partialKey: 'fieldsGrouping',
} as const;

/** The configuration a component's deployed instance must report: the document's, plus `topology.tasks`. */
export function desiredComponentConfig(m: ComponentModule, warnings: FormatWarning[]): ConfigMap {
  const c = m.component;
  const conf: Record<string, ConfigValue> = {};
  for (const [k, v] of Object.entries(c.config)) Object.defineProperty(conf, k, { value: v, enumerable: true, writable: true, configurable: true });
  if (c.numTasks !== null) {
    if (TASKS_KEY in conf && conf[TASKS_KEY] !== c.numTasks) {
      warnings.push({ code: 'W_COMPONENT_CONFIG', component: c.id, message: `Component ${quoted(c.id)}: its config key ${TASKS_KEY} (${JSON.stringify(conf[TASKS_KEY])}) is replaced by its task count ${c.numTasks}.` });
    }
    conf[TASKS_KEY] = c.numTasks;
  }
  return conf;
}

interface Line {
  readonly comments: string[];
  readonly code: string;
}

/**
 * The text of `create.py`. Warnings about what Petrel cannot express are appended to `warnings`
 * and written as comments next to the line they are about.
 */
export function writeCreatePy(doc: TopologyDocument, modules: readonly ComponentModule[], warnings: FormatWarning[]): string {
  const ordered = [...modules.filter((m) => m.component.kind === 'spout'), ...modules.filter((m) => m.component.kind === 'bolt')];
  let needsHelper = false;
  const body: Line[] = [];
  for (const m of ordered) {
    const c = m.component;
    const comments: string[] = [];
    const note = (w: FormatWarning) => {
      warnings.push(w);
      comments.push(w.message);
    };
    if (m.generated) comments.push(`${c.id} is JavaScript-only in Storm Studio: ${m.module}.py raises until it is ported (see ${m.module}.js).`);
    else if (m.javascript !== null) comments.push(`${c.id} runs JavaScript in Storm Studio; Petrel runs the Python code in ${m.module}.py.`);
    if (c.numTasks !== null) {
      note({ code: 'W_NUM_TASKS', component: c.id, message: `Petrel has no setNumTasks: component ${quoted(c.id)} gets its ${c.numTasks} tasks through the component config key ${TASKS_KEY}, which is what Storm's setNumTasks sets.` });
    }
    if (c.costMs !== null) {
      note({ code: 'W_COST', component: c.id, message: `Component ${quoted(c.id)} has a simulated cost of ${c.costMs} ms per call: a Storm Studio setting, not exported (Storm measures real time).` });
    }
    let instance = `${m.module}.${m.info.className}()`;
    const desired = desiredComponentConfig(m, []);
    const fromCode = m.info.componentConfig;
    const codeConf = fromCode.kind === 'value' ? fromCode.value : fromCode.kind === 'absent' ? {} : null;
    if (codeConf === null || canonical(codeConf as ConfigValue) !== canonical(desired as ConfigValue)) {
      needsHelper = true;
      instance = `${CONFIG_HELPER}(${instance}, ${pyLiteral(desired as ConfigValue)})`;
      if (codeConf === null && fromCode.kind === 'unreadable') {
        note({
          code: 'W_COMPONENT_CONFIG',
          component: c.id,
          message: `Component ${quoted(c.id)}: getComponentConfiguration() in ${m.module}.py (line ${fromCode.line}) cannot be read without running it (${fromCode.reason}); create.py replaces it with the document's component configuration ${commentText(canonical(desired as ConfigValue))}.`,
        });
      } else if (Object.keys(codeConf ?? {}).length > 0) {
        note({
          code: 'W_COMPONENT_CONFIG',
          component: c.id,
          message: `Component ${quoted(c.id)}: its getComponentConfiguration() returns ${commentText(canonical(codeConf as ConfigValue))}, the document says ${commentText(canonical(desired as ConfigValue))}; create.py makes Storm use the document's.`,
        });
      }
    }
    checkFields(m, warnings);
    const method = c.kind === 'spout' ? 'setSpout' : 'setBolt';
    const set = `builder.${method}(${pyStr(c.id)}, ${instance}, ${c.parallelism})`;
    const groupings = c.kind === 'bolt' ? doc.subscriptions.filter((s) => s.to === c.id).map((s) => grouping(s, note)) : [];
    if (groupings.length <= 1) body.push({ comments, code: set + groupings.join('') });
    else body.push({ comments, code: `(${set}\n        ${groupings.join('\n        ')})` });
    for (const s of c.streams) {
      if (s.id === DEFAULT_STREAM) {
        if (s.direct) {
          note({ code: 'W_DIRECT_FLAG', component: c.id, message: `Component ${quoted(c.id)}: Petrel always declares the default stream as not direct (Storm does not enforce the flag: emitDirect works with a directGrouping subscriber).` });
        }
        continue;
      }
      body.push({ comments: [], code: `builder.addOutputStream(${pyStr(c.id)}, ${pyStr(s.id)}, ${pyList(s.fields)}${s.direct ? ', direct=True' : ''})` });
    }
  }
  for (const s of doc.subscriptions) {
    const target = findComponent(doc, s.to);
    if (!target || target.kind === 'spout') {
      const message = `Subscription ${quoted(s.from)} -> ${quoted(s.to)} is not exported: ${target ? 'a spout cannot subscribe (setSpout is not chainable)' : 'there is no such bolt'}.`;
      warnings.push({ code: 'W_INVALID_TOPOLOGY', message });
      body.push({ comments: [message], code: '' });
    }
  }

  const imports = [...new Set(ordered.map((m) => m.module))].sort();
  const out: string[] = [];
  out.push(`# create.py of the Petrel project for the topology ${quoted(doc.name)}, written by Storm Studio.`);
  out.push(`${NAME_MARKER}${quoted(doc.name)}`);
  out.push('# Run it locally:      petrel submit --config topology.yaml --logdir `pwd`');
  out.push(`# Submit to a cluster: petrel submit --config topology.yaml ${commentText(shellWord(doc.name))}`);
  out.push(...imports.map((m) => `import ${m}`));
  if (needsHelper) {
    out.push('', '');
    out.push(`def ${CONFIG_HELPER}(component, conf):`);
    out.push('    # Storm takes a component\'s configuration from getComponentConfiguration() when create() runs:');
    out.push('    # this makes it the one Storm Studio shows (tick frequency, task count), whatever the class returns.');
    out.push('    component.getComponentConfiguration = lambda: conf');
    out.push('    return component');
  }
  out.push('', '');
  out.push('def create(builder):');
  if (body.length === 0) out.push('    pass');
  for (const line of body) {
    for (const comment of line.comments) out.push(`    # Storm Studio: ${commentText(comment)}`);
    if (line.code) out.push(`    ${line.code}`);
  }
  return out.join('\n') + '\n';
}

function grouping(s: Subscription, note: (w: FormatWarning) => void): string {
  const g = s.grouping;
  const args = [pyStr(s.from)];
  if (g.kind === 'fields' || g.kind === 'partialKey') args.push(pyList(g.fields));
  if (s.stream !== DEFAULT_STREAM) args.push(`streamId=${pyStr(s.stream)}`);
  if (g.kind === 'partialKey') {
    note({
      code: 'W_PARTIAL_KEY',
      component: s.to,
      message: `Petrel has no partialKey grouping: ${quoted(s.from)} -> ${quoted(s.to)} is exported as fieldsGrouping on the same fields, so every tuple of a key goes to one task (a hot key is not split over two).`,
    });
  }
  return `.${GROUPING_METHOD[g.kind]}(${args.join(', ')})`;
}

/** Warns when the fields the code declares for the default stream differ from the document's. */
function checkFields(m: ComponentModule, warnings: FormatWarning[]): void {
  const c = m.component;
  const doc = c.streams.find((s) => s.id === DEFAULT_STREAM)?.fields ?? [];
  const code = m.info.fields;
  if (code.kind === 'value' && JSON.stringify(code.value) !== JSON.stringify(doc)) {
    warnings.push({
      code: 'W_FIELDS_MISMATCH',
      component: c.id,
      file: `${m.module}.py`,
      line: code.line,
      message: `Component ${quoted(c.id)}: declareOutputFields() returns ${commentText(JSON.stringify(code.value))} but the document's default stream has ${commentText(JSON.stringify(doc))}; Petrel declares what the code returns.`,
    });
  } else if (code.kind === 'unreadable') {
    warnings.push({
      code: 'W_UNREADABLE',
      component: c.id,
      file: `${m.module}.py`,
      line: code.line,
      message: `Component ${quoted(c.id)}: declareOutputFields() cannot be read without running it (${code.reason}); Petrel declares whatever it returns.`,
    });
  }
}
