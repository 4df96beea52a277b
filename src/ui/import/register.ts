/**
 * Adds the formats' importers to the designer's importer registry ("Open…" and drag-and-drop on
 * the canvas): Petrel projects (create.py, topology.yaml, modules, as files or a zip) and Flux
 * YAML files. What an import had to guess is shown in a dialog next to the opened topology.
 */
import { err, ok } from '../../model';
import { readInputs, registerImporter, runImport, type Importer } from '../../store/importers';
import { openDialog } from '../../store/ui-store';
import { registerDialog } from '../dialogs/registry';
import { ImportWarningsDialog, IMPORT_WARNINGS_DIALOG, type ImportWarningsProps } from './import-warnings-dialog';

const projectImporter: Importer = {
  id: 'formats.petrel-flux',
  label: 'Petrel project (create.py with topology.yaml and the modules, or its .zip) or Storm Flux file (.yaml)',
  extensions: ['.py', '.yaml', '.yml', '.zip'],
  accepts: (names) => names.some((n) => /\.(py|ya?ml|zip)$/i.test(n)),
  async import(files) {
    // Bytes for everything (the reader decodes them as Python, YAML and UTF-8 do), read off the main thread.
    const inputs = await readInputs(files);
    if (!inputs.ok) return inputs;
    const r = await runImport(inputs.value);
    if (!r.ok) return err(r.errors);
    // Validation findings also show in the Problems panel; the rest is what the reader guessed.
    const guessed = r.value.warnings.filter((w) => w.code !== 'W_INVALID_TOPOLOGY');
    if (guessed.length) {
      const props: ImportWarningsProps = { title: `Opened ${files.map((f) => f.name).join(', ')} with ${guessed.length} warning${guessed.length === 1 ? '' : 's'}`, warnings: guessed };
      openDialog(IMPORT_WARNINGS_DIALOG, props);
    }
    return ok(r.value.document);
  },
};

let done = false;

export function registerImport(): void {
  if (done) return;
  done = true;
  registerDialog(IMPORT_WARNINGS_DIALOG, ImportWarningsDialog);
  registerImporter(projectImporter);
}
