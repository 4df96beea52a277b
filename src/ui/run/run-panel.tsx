/** The "Run" dock tab: controls, status, messages and Storm UI's tables. */
import { CapacityAdvisor } from '../advisor/capacity-advisor';
import { UntrackedHint } from '../untracked/untracked-hint';
import { RunControls } from './run-controls';
import { RunMessages, RunStatus } from './run-status';
import { StormTables } from './storm-tables';
import './run.css';

export default function RunPanel() {
  return (
    <div className="run-panel" data-testid="run.panel">
      <div className="run-head">
        <RunControls />
        <RunStatus />
      </div>
      <div className="run-body">
        <RunMessages />
        <UntrackedHint />
        <CapacityAdvisor />
        <StormTables />
      </div>
    </div>
  );
}
