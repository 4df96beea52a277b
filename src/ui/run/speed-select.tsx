/** The Speed menu of the Run panel and of the Step tab: one list ({@link SPEEDS}), one value (the run store's). */
import { speedChoices } from './speeds';

export function SpeedSelect({ value, onChange, testId, className = '' }: { value: number; onChange: (speed: number) => void; testId: string; className?: string }) {
  return (
    <select className={`select ${className}`} data-testid={testId} value={String(value)} onChange={(e) => onChange(Number(e.target.value))}>
      {speedChoices(value).map((s) => (
        <option key={String(s.value)} value={String(s.value)} title={s.hint}>
          {s.label}
        </option>
      ))}
    </select>
  );
}
