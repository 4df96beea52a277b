/** The heading of a per-task view: its title and the component it shows, chosen from a list. */
export function ComponentHeading(props: { title: string; component: string; components: readonly string[]; testId: string; onChoose: (component: string) => void }) {
  return (
    <h4>
      {props.title}
      <select className="select" value={props.component} data-testid={props.testId} onChange={(e) => props.onChoose(e.target.value)} aria-label="Component">
        {props.components.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </h4>
  );
}
