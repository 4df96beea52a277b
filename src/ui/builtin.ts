/** Registers the designer's own commands, dock tabs and dialogs (once, at startup). */
import { IMPORT_ERRORS_DIALOG } from '../store/actions';
import { registerBuiltinCommands } from './commands/builtin-commands';
import { registerDockTab } from './dock/dock-tabs';
import { ProblemsPanel, useProblemsBadge } from './dock/problems-panel';
import { registerDialog } from './dialogs/registry';
import { ExamplesDialog } from './dialogs/examples-dialog';
import { ImportErrorsDialog } from './dialogs/import-errors-dialog';
import { CodePanel } from './editor/code-panel';
import { registerExport } from './export/register';
import { registerHelp } from './help/register';
import { registerImport } from './import/register';
import { registerRealStorm } from './real-storm/register';
import { registerTeaching } from './lessons/register';
import { registerRun } from './run/register';
import { registerTests } from './tests/register';
import { registerRunViews } from './viz/register';

let done = false;

export function registerBuiltins(): void {
  if (done) return;
  done = true;
  registerBuiltinCommands();
  registerDockTab({ id: 'code', title: 'Code', order: 10, component: CodePanel });
  registerDockTab({ id: 'problems', title: 'Problems', order: 20, component: ProblemsPanel, useBadge: useProblemsBadge });
  registerDialog(IMPORT_ERRORS_DIALOG, ImportErrorsDialog);
  registerDialog('examples', ExamplesDialog);
  registerExport();
  registerImport();
  registerRunViews();
  registerRun();
  registerTests();
  registerRealStorm();
  registerHelp();
  registerTeaching();
}
