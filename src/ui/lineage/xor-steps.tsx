/**
 * The acker's XOR value for a tree as a chain of messages: each shows who sent it, what it XORed
 * in and the value after it, until the value reaches 0 (every tuple acked).
 */
import { groupedHex, isZero64, shortHex } from '../viz/hex';
import { formatEngineTime } from '../viz/time';
import type { XorStep } from '../viz/tuple-tree';

export function XorSteps({ steps, onHover }: { steps: readonly XorStep[]; onHover: (tuple: string | null) => void }) {
  if (steps.length === 0) return <p className="tt-empty">No acker message for this tree yet.</p>;
  return (
    <ol className="tt-xor" data-testid="trees.xor">
      {steps.map((s, i) => {
        const zero = isZero64(s.value) && s.op !== 'fail';
        return (
          <li
            key={i}
            className={`tt-xor-step is-${s.op} ${s.complete ? 'is-complete' : ''}`}
            data-testid={`trees.xor.step.${i}`}
            data-value={s.value}
            title={`${formatEngineTime(s.time)} — ${s.text}\n= ${groupedHex(s.value)}`}
            onMouseEnter={() => onHover(s.tuple)}
            onMouseLeave={() => onHover(null)}
          >
            <span className="tt-xor-op">
              {s.op} <span className="tt-xor-actor">{s.actor ?? `acker task ${s.ackerTask}`}</span>
            </span>
            {s.op === 'fail' ? <span className="tt-xor-delta">tree failed</span> : <span className="tt-xor-delta">⊕ {shortHex(s.delta)}</span>}
            <span className={`tt-xor-value ${zero ? 'is-zero' : ''}`}>{zero ? '= 0 ✓ complete' : `= ${shortHex(s.value)}`}</span>
          </li>
        );
      })}
    </ol>
  );
}
