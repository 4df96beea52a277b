/**
 * The module of each component, as the exporters write it. A Petrel project has only Python: the
 * component's Python code, or for a JavaScript component the Python code it also has, or a module
 * that says plainly it must be ported. A Storm project runs each component in its own language.
 * Also checks every value the exporters will write (no lone surrogates, finite numbers).
 */
import { className, err, ok, validate, type ComponentSpec, type ConfigValue, type Language, type Result, type TopologyDocument } from '../model';
import { hasLoneSurrogate, pyList, pyStr, quoted } from './escape';
import { analyzeModule, type ModuleInfo } from '../python/module-info';
import { pythonModuleNames } from '../python/module-names';
import type { FormatError, FormatWarning } from './types';

export interface ComponentModule {
  readonly component: ComponentSpec;
  /** Python module name (file `<module>.py`). */
  readonly module: string;
  /** The Python source written to `<module>.py`. */
  readonly code: string;
  readonly info: ModuleInfo & { readonly className: string };
  /** The component's JavaScript source, written next to the module when it is what Storm Studio runs. */
  readonly javascript: string | null;
  /** True when the module was generated because the component has only JavaScript code. */
  readonly generated: boolean;
}

/**
 * Checks the document for values no file can hold, and prepares each component's module.
 * Warnings are appended to `warnings`.
 */
export function prepareModules(doc: TopologyDocument, warnings: FormatWarning[], target: string): Result<ComponentModule[], FormatError> {
  const errors = checkDocument(doc, warnings);
  if (errors.length) return err(errors);
  const names = pythonModuleNames(doc.components);
  const out: ComponentModule[] = [];
  for (const c of doc.components) {
    const module = names.get(c.id)!;
    const file = `${module}.py`;
    const python = c.code.python ?? '';
    const javascript = c.language === 'javascript' ? (c.code.javascript ?? '') : null;
    let code = python;
    let generated = false;
    if (c.language === 'javascript') {
      if (python.trim() !== '') {
        warnings.push({
          code: 'W_JAVASCRIPT',
          component: c.id,
          message: `Component ${quoted(c.id)} runs JavaScript in Storm Studio, which ${target} cannot run: the export uses the Python code the component also has (${file}), not what the simulator ran. Check that the two agree; the JavaScript is in ${module}.js.`,
        });
      } else {
        code = portMe(c, module);
        generated = true;
        warnings.push({
          code: 'W_JAVASCRIPT_ONLY',
          component: c.id,
          message: `Component ${quoted(c.id)} has only JavaScript code, which ${target} cannot run: ${file} is a Python module that declares its fields but raises NotImplementedError when it runs, so the deployed topology fails until it is ported. The JavaScript is in ${module}.js.`,
        });
      }
    } else if (python.trim() === '') {
      errors.push(noCode(doc, c, 'Python'));
      continue;
    }
    const info = pythonInfo(c, file, code, errors, warnings);
    if (info) out.push({ component: c, module, code, info, javascript, generated });
  }
  return errors.length ? err(errors) : ok(out);
}

/** A component module of a Storm project: the code of the language the component runs, as is. */
export interface StormModule {
  readonly component: ComponentSpec;
  readonly module: string;
  readonly language: Language;
  /** `<module>.py`, or `<module>.mjs` for JavaScript (an ES module for Node). */
  readonly file: string;
  readonly code: string;
}

/**
 * Like {@link prepareModules}, for a project that runs each component in its own language on
 * Storm's multilang protocol (Python 3, or JavaScript on Node): no JavaScript is replaced.
 *
 * @example
 * prepareStormModules(withLanguage(wordCountExample(), 'javascript'), []).value[1].file // 'split.mjs'
 */
export function prepareStormModules(doc: TopologyDocument, warnings: FormatWarning[]): Result<StormModule[], FormatError> {
  const errors = checkDocument(doc, warnings);
  if (errors.length) return err(errors);
  const names = pythonModuleNames(doc.components);
  const out: StormModule[] = [];
  for (const c of doc.components) {
    const module = names.get(c.id)!;
    const language = c.language;
    const code = c.code[language] ?? '';
    if (code.trim() === '') {
      errors.push(noCode(doc, c, language === 'python' ? 'Python' : 'JavaScript'));
      continue;
    }
    const file = `${module}.${language === 'python' ? 'py' : 'mjs'}`;
    if (language === 'python' && !pythonInfo(c, file, code, errors, warnings)) continue;
    out.push({ component: c, module, language, file, code });
  }
  return errors.length ? err(errors) : ok(out);
}

/** Values no file can hold (errors), and what Storm would reject (warnings: the export still happens). */
function checkDocument(doc: TopologyDocument, warnings: FormatWarning[]): FormatError[] {
  const errors = checkValues(doc);
  if (errors.length) return errors;
  for (const d of validate(doc)) {
    // Storm Studio's own limits (E_LIMIT_*) bound the simulator, not Storm: an export is not refused for them.
    if (d.severity !== 'error' || d.code.startsWith('E_LIMIT_')) continue;
    const component = d.target.kind === 'component' ? d.target.id : undefined;
    warnings.push({ code: 'W_INVALID_TOPOLOGY', message: `Storm would reject this topology: ${d.message}`, ...(component ? { component } : {}) });
  }
  return [];
}

const noCode = (doc: TopologyDocument, c: ComponentSpec, language: string): FormatError => ({
  message: `Component ${quoted(c.id)} has no ${language} code to export.`,
  path: `components[${doc.components.indexOf(c)}].code.${language === 'Python' ? 'python' : 'javascript'}`,
});

/** What Petrel needs of a Python module (its class and `run()`), or an error naming the file and line. */
function pythonInfo(c: ComponentSpec, file: string, code: string, errors: FormatError[], warnings: FormatWarning[]): (ModuleInfo & { readonly className: string }) | null {
  const analysis = analyzeModule(code);
  if (!analysis.ok) {
    errors.push({ file, line: analysis.line, column: analysis.column, message: `Component ${quoted(c.id)}: ${analysis.message}. Fix its code before exporting.` });
    return null;
  }
  const info = analysis.info;
  if (info.className === null) {
    errors.push({ file, message: `Component ${quoted(c.id)}: its code defines no class deriving from Petrel's Spout, BasicBolt or Bolt (and run() instantiates none), so there is nothing to start.` });
    return null;
  }
  if (!info.hasRun) {
    errors.push({ file, message: `Component ${quoted(c.id)}: its code has no module-level run() function, which Petrel calls to start the component (def run(): ${info.className}().run()).` });
    return null;
  }
  if (info.base !== null && (info.base === 'Spout') !== (c.kind === 'spout')) {
    warnings.push({ code: 'W_UNREADABLE', component: c.id, file, ...(info.classLine ? { line: info.classLine } : {}), message: `Component ${quoted(c.id)} is a ${c.kind}, but its class ${info.className} derives from ${info.base}.` });
  }
  return { ...info, className: info.className };
}

/** A Python module for a JavaScript-only component: declares its fields, fails loudly when run. */
function portMe(c: ComponentSpec, module: string): string {
  const cls = className(c.id, c.kind);
  const base = c.kind === 'spout' ? 'Spout' : 'BasicBolt';
  const fields = c.streams.find((s) => s.id === 'default')?.fields ?? [];
  const message = pyStr(`component ${JSON.stringify(c.id)} was written in JavaScript in Storm Studio: port ${module}.js to Python`);
  const method = c.kind === 'spout' ? 'def nextTuple(self):' : 'def process(self, tup):';
  return `# Generated by Storm Studio: this component is written in JavaScript, which Petrel cannot run.
# Its JavaScript source is in ${module}.js; port it to Python here. Until then it raises when it runs.
from petrel.emitter import ${base}


class ${cls}(${base}):
    def __init__(self):
        super(${cls}, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ${pyList(fields)}

    ${method}
        raise NotImplementedError(${message})


def run():
    ${cls}().run()
`;
}

/** Values that no exported file could hold: lone surrogates anywhere, non-finite numbers. */
function checkValues(doc: TopologyDocument): FormatError[] {
  const errors: FormatError[] = [];
  const text = (value: string, path: string) => {
    if (hasLoneSurrogate(value)) errors.push({ path, message: `${path} holds an unpaired UTF-16 surrogate, which no UTF-8 file can hold: retype it.` });
  };
  const config = (value: ConfigValue, path: string, depth = 0): void => {
    if (depth > 100) {
      errors.push({ path, message: `${path} is nested too deeply to export.` });
      return;
    }
    if (typeof value === 'string') text(value, path);
    else if (typeof value === 'number' && !Number.isFinite(value)) errors.push({ path, message: `${path} is ${value}: only finite numbers can be exported.` });
    else if (Array.isArray(value)) value.forEach((v, i) => config(v, `${path}[${i}]`, depth + 1));
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        text(k, `${path} key ${JSON.stringify(k)}`);
        config(v, `${path}.${k}`, depth + 1);
      }
    }
  };
  text(doc.name, 'name');
  doc.components.forEach((c, i) => {
    const at = `components[${i}]`;
    text(c.id, `${at}.id`);
    for (const [lang, code] of Object.entries(c.code)) if (code) text(code, `${at}.code.${lang}`);
    c.streams.forEach((s, j) => {
      text(s.id, `${at}.streams[${j}].id`);
      s.fields.forEach((f, k) => text(f, `${at}.streams[${j}].fields[${k}]`));
    });
    config(c.config as ConfigValue, `${at}.config`);
    for (const n of [c.parallelism, c.numTasks, c.costMs]) {
      if (typeof n === 'number' && !Number.isFinite(n)) errors.push({ path: at, message: `Component ${quoted(c.id)} has a non-finite number.` });
    }
  });
  doc.subscriptions.forEach((s, i) => {
    text(s.stream, `subscriptions[${i}].stream`);
    if (s.grouping.kind === 'fields' || s.grouping.kind === 'partialKey') s.grouping.fields.forEach((f, k) => text(f, `subscriptions[${i}].grouping.fields[${k}]`));
  });
  config(doc.config.custom as ConfigValue, 'config.custom');
  return errors;
}

/** JSON with sorted keys: equality of configuration maps regardless of key order. */
export function canonical(value: ConfigValue | undefined): string {
  const sort = (v: ConfigValue): ConfigValue =>
    Array.isArray(v) ? v.map(sort) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, ConfigValue>)[k]!)])) : v;
  return JSON.stringify(value === undefined ? null : sort(value));
}
