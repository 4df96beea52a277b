/** A tuple tree drawn left to right: each tuple, then the tuples anchored to it. */
import { groupedHex, shortHex, signedDecimal } from '../viz/hex';
import { formatEngineTime } from '../viz/time';
import type { TupleView } from '../viz/tuple-tree';

const STATE_TEXT: Record<TupleView['state'], string> = {
  acked: 'acked',
  failed: 'failed',
  pending: 'in flight',
  unacked: 'never acked',
};

/** A 64-bit id, short, with the full value (hex and Storm's signed long) on hover. */
export function HexId({ id, className = '' }: { id: string; className?: string }) {
  return (
    <span className={`hex-id ${className}`} title={`${groupedHex(id)}\n${signedDecimal(id)} (as Storm logs it)`}>
      {shortHex(id)}
    </span>
  );
}

function TupleCard({ t, highlight }: { t: TupleView; highlight: string | null }) {
  const when = t.ackedAt !== null ? `acked at ${formatEngineTime(t.ackedAt)}` : t.failedAt !== null ? `failed at ${formatEngineTime(t.failedAt)}` : `emitted at ${formatEngineTime(t.emittedAt)}`;
  return (
    <div
      className={`tt-card is-${t.state} ${t.broke ? 'is-broke' : ''} ${highlight === t.id ? 'is-highlight' : ''}`}
      data-testid={`trees.tuple.${t.id}`}
      data-state={t.state}
      data-broke={t.broke ? 'true' : undefined}
      data-component={t.component}
      title={`emitted at ${formatEngineTime(t.emittedAt)}; ${when}`}
    >
      <div className="tt-card-top">
        <span className="tt-values" title={t.values}>
          {t.values}
        </span>
        <span className={`tt-state is-${t.state}`}>{STATE_TEXT[t.state]}</span>
      </div>
      <div className="tt-route">
        <span className="tt-comp">{t.component}</span> task {t.task} → <span className="tt-comp">{t.destComponent}</span> task {t.dest}
      </div>
      <div className="tt-foot">
        <span className="tt-stream">stream {t.stream}</span>
        <HexId id={t.id} />
      </div>
      {t.broke ? <div className="tt-broke">{t.state === 'failed' ? 'broke here: failed' : 'broke here: never acked'}</div> : null}
      {t.otherAnchors.length > 0 ? (
        <div className="tt-anchors">
          also anchored to{' '}
          {t.otherAnchors.map((a) => (
            <HexId key={a} id={a} />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function Branch({ t, highlight }: { t: TupleView; highlight: string | null }) {
  return (
    <div className="tt-branch">
      <TupleCard t={t} highlight={highlight} />
      {t.children.length > 0 ? (
        <div className="tt-children">
          {t.children.map((c) => (
            <div className="tt-child" key={c.id}>
              <Branch t={c} highlight={highlight} />
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

export function TreeDiagram({ roots, highlight }: { roots: readonly TupleView[]; highlight: string | null }) {
  return (
    <div className="tt-diagram" data-testid="trees.diagram">
      {roots.map((r) => (
        <Branch key={r.id} t={r} highlight={highlight} />
      ))}
    </div>
  );
}
