/** The run's options (clock, seed, speed) and buttons, above the tables. */
import { useState } from 'react';
import { useRunStore } from '../../store/run-store';
import { Icon } from '../shell/icons';
import { pauseOrResume, startRun, stepRun, stopRun } from './run-actions';
import { SpeedSelect } from './speed-select';

function SeedInput() {
  const seed = useRunStore((s) => s.options.seed);
  const setOptions = useRunStore((s) => s.setOptions);
  const [text, setText] = useState<string | null>(null);
  const value = text ?? String(seed);
  const valid = /^-?\d+$/.test(value.trim()) && Number.isSafeInteger(Number(value));
  const commit = () => {
    if (valid) setOptions({ seed: Number(value) });
    setText(null);
  };
  return (
    <label className="run-field" title="The run's seed: in virtual time the same seed replays the same run, event by event">
      <span>Seed</span>
      <input
        className={`input run-seed ${valid ? '' : 'is-invalid'}`}
        data-testid="run.seed"
        value={value}
        inputMode="numeric"
        aria-invalid={!valid}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}

export function RunControls() {
  const status = useRunStore((s) => s.status);
  const clock = useRunStore((s) => s.options.clock);
  const speed = useRunStore((s) => s.options.speed);
  const setOptions = useRunStore((s) => s.setOptions);
  const active = status === 'running' || status === 'paused';
  return (
    <div className="run-controls" data-testid="run.controls">
      <div className="run-buttons">
        <button type="button" className="btn btn-primary btn-sm" data-testid="run.start" onClick={() => void startRun()} title="Run (F5)">
          <Icon name="play" size={14} />
          {active || status === 'loading' ? 'Restart' : 'Run'}
        </button>
        <button type="button" className="btn btn-outline btn-sm" data-testid="run.pause" disabled={!active} onClick={() => void pauseOrResume()} title="Pause / resume (F6)">
          <Icon name={status === 'paused' ? 'play' : 'pause'} size={14} />
          {status === 'paused' ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="btn btn-outline btn-sm" data-testid="run.step" disabled={!active || clock !== 'virtual'} onClick={() => void stepRun()} title="One event, then pause (F10; virtual time)">
          <Icon name="step" size={14} />
          Step
        </button>
        <button type="button" className="btn btn-outline btn-sm" data-testid="run.stop" disabled={!active && status !== 'loading'} onClick={() => void stopRun()} title="Stop (Shift+F5)">
          <Icon name="stop" size={14} />
          Stop
        </button>
      </div>
      <label className="run-field" title="Virtual time: deterministic, all executors in one Web Worker. Wall time: real time, one Web Worker per Storm worker.">
        <span>Clock</span>
        <select className="select" data-testid="run.clock" value={clock} onChange={(e) => setOptions({ clock: e.target.value as 'virtual' | 'wall' })}>
          <option value="virtual">Virtual time</option>
          <option value="wall">Wall time</option>
        </select>
      </label>
      <SeedInput />
      <label className="run-field" title={clock === 'virtual' ? 'Simulated seconds per real second (Max: as fast as possible)' : "The engine clock's rate: sleeps and measured costs follow it (Max = 1×: wall time runs what is due as fast as it can)"}>
        <span>Speed</span>
        <SpeedSelect testId="run.speed" value={speed} onChange={(value) => setOptions({ speed: value })} />
      </label>
    </div>
  );
}
