/**
 * The run speeds the app offers, in one place: the Run panel's and the Step tab's Speed menus both
 * list these, so a speed chosen in one is shown by the other.
 *
 * Virtual time: simulated seconds per real second (`Infinity` = as fast as possible). Wall time:
 * the engine clock's rate (sleeps and measured costs follow it; `Infinity` runs as 1×).
 */
export interface SpeedChoice {
  readonly value: number;
  /** What the menu shows. */
  readonly label: string;
  /** A longer explanation (the option's tooltip). */
  readonly hint: string;
}

export const SPEEDS: readonly SpeedChoice[] = [
  { value: 0.001, label: '1/1000', hint: '1 ms of engine time per second: follow single tuples' },
  { value: 0.01, label: '1/100', hint: '10 ms of engine time per second' },
  { value: 0.1, label: '1/10', hint: '100 ms of engine time per second' },
  { value: 0.5, label: '0.5×', hint: 'half real time' },
  { value: 1, label: '1×', hint: 'real time' },
  { value: 2, label: '2×', hint: 'twice real time' },
  { value: 10, label: '10×', hint: '10 s of engine time per second' },
  { value: 100, label: '100×', hint: '100 s of engine time per second' },
  { value: Infinity, label: 'Max', hint: 'as fast as possible (wall time: 1×, running what is due at once)' },
];

/** A menu label for any speed, including one set outside the list (e.g. through the test API). */
export function speedLabel(speed: number): string {
  const known = SPEEDS.find((s) => s.value === speed);
  if (known) return known.label;
  if (speed === Infinity) return 'Max';
  return speed < 1 ? `1/${Number((1 / speed).toPrecision(4))}` : `${Number(speed.toPrecision(4))}×`;
}

/** The menu's choices for the current speed: the list, plus the current speed if it is not in it (in order). */
export function speedChoices(current: number): readonly SpeedChoice[] {
  if (!(current > 0) || SPEEDS.some((s) => s.value === current)) return SPEEDS;
  return [...SPEEDS, { value: current, label: speedLabel(current), hint: 'set outside this menu' }].sort((a, b) => a.value - b.value);
}
