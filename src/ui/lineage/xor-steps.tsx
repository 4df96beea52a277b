/** The acker's XOR value for a tree, message by message, reaching zero when every tuple is acked. */
import { groupedHex, isZero64 } from '../viz/hex';
import { formatEngineTime } from '../viz/time';
import type { XorStep } from '../viz/tuple-tree';
import { HexId } from './tree-diagram';

export function XorSteps({ steps, onHover }: { steps: readonly XorStep[]; onHover: (tuple: string | null) => void }) {
  if (steps.length === 0) return <p className="tt-empty">No acker message for this tree yet.</p>;
  return (
    <ol className="tt-xor" data-testid="trees.xor">
      {steps.map((s, i) => (
        <li
          key={i}
          className={`tt-xor-step is-${s.op} ${s.complete ? 'is-complete' : ''}`}
          data-testid={`trees.xor.step.${i}`}
          data-value={s.value}
          onMouseEnter={() => onHover(s.tuple)}
          onMouseLeave={() => onHover(null)}
        >
          <span className="tt-xor-time">{formatEngineTime(s.time)}</span>
          <span className="tt-xor-op">{s.op}</span>
          <span className="tt-xor-delta">
            ⊕ <HexId id={s.delta} />
          </span>
          <span className={`tt-xor-value ${isZero64(s.value) && s.op !== 'fail' ? 'is-zero' : ''}`} title={groupedHex(s.value)}>
            = {groupedHex(s.value)}
          </span>
          <span className="tt-xor-text" title={s.text}>
            acker task {s.ackerTask} ← {s.what}
          </span>
        </li>
      ))}
    </ol>
  );
}
