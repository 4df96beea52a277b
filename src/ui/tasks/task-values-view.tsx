/**
 * "What each task holds": per bolt, per task, the values it received in the sampled tuple trees,
 * most frequent first — with a fields grouping each value sits in one task; uneven keys make one
 * task hold more (skew). Shown under the Plan.
 */
import { useMemo, useState } from 'react';
import { useTaskValues, type TaskValues } from './task-values';
import { ComponentHeading } from './component-heading';
import './tasks.css';

const TOP = 6;

/** A tuple's values as shown: `["the"]` → `"the"`, `["the",3]` → `"the", 3`. */
export function shortValues(json: string): string {
  return json.startsWith('[') && json.endsWith(']') ? json.slice(1, -1).replace(/,/g, ', ') : json;
}

interface Row {
  readonly task: number;
  readonly total: number;
  readonly top: readonly (readonly [string, number])[];
  readonly distinct: number;
}

function rowsOf(values: TaskValues, component: string): Row[] {
  const tasks = values.get(component);
  if (!tasks) return [];
  return [...tasks.entries()]
    .sort(([a], [b]) => a - b)
    .map(([task, byValue]) => {
      const sorted = [...byValue.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      return { task, total: sorted.reduce((n, [, c]) => n + c, 0), top: sorted.slice(0, TOP), distinct: sorted.length };
    });
}

export function TaskValuesView() {
  const values = useTaskValues((s) => s.values);
  const version = useTaskValues((s) => s.version);
  const tuples = useTaskValues((s) => s.tuples);
  const components = useMemo(() => [...values.keys()].sort(), [values, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const [chosen, setChosen] = useState<string | null>(null);
  // By default the component whose tasks hold the most distinct values: where routing shows best.
  const busiest = useMemo(() => {
    const distinct = (c: string) => [...(values.get(c)?.values() ?? [])].reduce((n, m) => n + m.size, 0);
    return components.reduce<string | null>((best, c) => (best === null || distinct(c) > distinct(best) ? c : best), null);
  }, [values, components]);
  const component = chosen !== null && components.includes(chosen) ? chosen : busiest;
  const rows = useMemo(() => (component ? rowsOf(values, component) : []), [values, component, version]); // eslint-disable-line react-hooks/exhaustive-deps
  if (component === null) {
    return (
      <section className="tv" data-testid="tasks.values">
        <h4>What each task holds</h4>
        <p className="tv-note">During a run, the values each bolt task received show here, from the sampled tuple trees (one tree in 100 is sampled). Spout tuples need a message id to be tracked and sampled.</p>
      </section>
    );
  }
  return (
    <section className="tv" data-testid="tasks.values">
      <ComponentHeading title="What each task holds" component={component} components={components} testId="tasks.values.component" onChoose={setChosen} />
      <p className="tv-note">
        Values received by each {component} task in the sampled tuple trees ({tuples} sampled tuples this run, one tree in 100): with a fields grouping each value reaches one task.
      </p>
      <table className="tv-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.task} data-testid={`tasks.values.${component}.${r.task}`}>
              <th>
                {component} task {r.task}
              </th>
              <td>
                {r.top.map(([v, n]) => (
                  <span key={v} className="tv-value" data-value={v}>
                    <b>{shortValues(v)}</b>: {n}
                  </span>
                ))}
                {r.distinct > TOP ? <span className="tv-more">+{r.distinct - TOP} more</span> : null}
              </td>
              <td className="tv-total">{r.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
