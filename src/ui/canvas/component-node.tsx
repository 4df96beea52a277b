import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { Icon } from '../shell/icons';
import { liveNodeProps, NodeLive, useComponentLive } from '../viz/canvas/node-live';
import { FALLBACK_SOURCE_HANDLE, parallelismLabel, TARGET_HANDLE, type BoltNode, type SpoutNode } from './flow-elements';

type Props = NodeProps<SpoutNode> | NodeProps<BoltNode>;

const LANGUAGE = { python: 'Python', javascript: 'JavaScript' } as const;

function problemsTitle(props: Props): string | undefined {
  const { problems } = props.data;
  return problems.length ? problems.map((d) => `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.message}`).join('\n') : undefined;
}

/** A spout or bolt on the canvas: id, kind, language, parallelism, tick period, streams with their handles. */
function ComponentNodeView(props: Props) {
  const { component: c, problems, tickSecs } = props.data;
  const errors = problems.filter((d) => d.severity === 'error').length;
  const warnings = problems.length - errors;
  const status = errors ? 'has-error' : warnings ? 'has-warning' : '';
  // While a run exists: this node's own live numbers (null otherwise: the designer's look).
  const live = useComponentLive(c.id);
  const liveProps = liveNodeProps(live);
  // React Flow measures handles when a node resizes; a renamed or added stream may not resize it.
  const updateNodeInternals = useUpdateNodeInternals();
  const handles = c.streams.map((s) => s.id).join('\u0000');
  const measuredHandles = useRef(handles);
  useEffect(() => {
    if (measuredHandles.current === handles) return;
    measuredHandles.current = handles;
    updateNodeInternals(c.id);
  }, [updateNodeInternals, c.id, handles]);
  return (
    <div
      className={`sn sn-${c.kind} ${props.selected ? 'is-selected' : ''} ${status} ${liveProps.className}`}
      style={liveProps.style}
      data-testid={`canvas.node.${c.id}`}
      data-kind={c.kind}
      title={problemsTitle(props)}
    >
      <Handle
        type="target"
        id={TARGET_HANDLE}
        position={Position.Left}
        isConnectable={c.kind === 'bolt'}
        className={c.kind === 'bolt' ? 'sn-handle sn-handle-in' : 'sn-handle-hidden'}
        data-testid={c.kind === 'bolt' ? `canvas.node.${c.id}.in` : undefined}
      />
      <div className="sn-header">
        <span className="sn-icon">
          <Icon name={c.kind} size={15} />
        </span>
        <span className="sn-id" data-testid={`canvas.node.${c.id}.id`}>
          {c.id}
        </span>
        <span className="sn-parallelism" data-testid={`canvas.node.${c.id}.parallelism`} title="Executors (parallelism hint) and tasks">
          {parallelismLabel(c)}
        </span>
      </div>
      <div className="sn-meta">
        <span className="sn-kind">{c.kind}</span>
        <span className="sn-dot">·</span>
        <span>{LANGUAGE[c.language]}</span>
        {tickSecs !== null ? (
          <span className="sn-tick" title={`Tick tuples every ${tickSecs} s`}>
            <Icon name="clock" size={12} /> {tickSecs}s
          </span>
        ) : null}
        {problems.length ? (
          <span className={`sn-problems ${errors ? 'is-error' : 'is-warning'}`} data-testid={`canvas.node.${c.id}.problems`}>
            <Icon name={errors ? 'error' : 'warning'} size={12} /> {problems.length}
          </span>
        ) : null}
      </div>
      {live ? <NodeLive id={c.id} live={live} /> : null}
      {c.streams.length ? (
        <div className="sn-streams">
          {c.streams.map((s) => (
            <div className="sn-stream" key={s.id}>
              <span className="sn-stream-id">{s.id}</span>
              <span className="sn-stream-fields">{s.fields.length ? s.fields.join(', ') : 'no fields'}</span>
              {s.direct ? <span className="sn-direct">direct</span> : null}
              <Handle
                type="source"
                id={s.id}
                position={Position.Right}
                className="sn-handle sn-handle-out"
                data-testid={`canvas.node.${c.id}.out.${s.id}`}
                title={`Drag to a bolt to subscribe it to stream "${s.id}"`}
              />
            </div>
          ))}
        </div>
      ) : null}
      <Handle type="source" id={FALLBACK_SOURCE_HANDLE} position={Position.Right} isConnectable={false} className="sn-handle-hidden" />
    </div>
  );
}

export const SpoutNodeView = memo((props: NodeProps<SpoutNode>) => <ComponentNodeView {...props} />);
SpoutNodeView.displayName = 'SpoutNode';
export const BoltNodeView = memo((props: NodeProps<BoltNode>) => <ComponentNodeView {...props} />);
BoltNodeView.displayName = 'BoltNode';
