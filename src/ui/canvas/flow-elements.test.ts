import { describe, expect, it } from 'vitest';
import { EXAMPLES, streamId } from '../../model';
import { updateComponent } from '../../model/operations';
import { diagnosticIndex } from '../../store/selectors';
import { FALLBACK_SOURCE_HANDLE, parallelismLabel, toFlowEdges, toFlowNodes } from './flow-elements';

const overlay = { selected: new Set<string>(), dragging: new Map(), measured: new Map() };

describe('flow elements', () => {
  it('derives one typed node per component, with positions from the document or a drag', () => {
    const doc = EXAMPLES[0]!.create();
    const nodes = toFlowNodes(doc, diagnosticIndex(doc), { ...overlay, selected: new Set(['split']), dragging: new Map([['count', { x: 1, y: 2 }]]) });
    expect(nodes.map((n) => [n.id, n.type, n.selected])).toEqual([
      ['sentences', 'spout', false],
      ['split', 'bolt', true],
      ['count', 'bolt', false],
    ]);
    expect(nodes[0]!.position).toEqual({ x: 0, y: 120 });
    expect(nodes[2]!.position).toEqual({ x: 1, y: 2 });
    expect(nodes[1]!.data.component).toBe(doc.components[1]);
  });

  it('labels edges with the grouping and the stream when it is not default', () => {
    const doc = EXAMPLES[2]!.create();
    const edges = toFlowEdges(doc, diagnosticIndex(doc), new Set());
    expect(edges.map((e) => e.data!.label)).toEqual(['all', 'global', 'shuffle', 'assign: direct', 'errors: shuffle']);
    expect(edges[3]!.sourceHandle).toBe('assign');
  });

  it('draws an edge from an undeclared stream from the fallback handle, with its problem', () => {
    const base = EXAMPLES[0]!.create();
    const doc = { ...base, subscriptions: base.subscriptions.map((s, i) => (i === 1 ? { ...s, stream: streamId('gone') } : s)) };
    const edge = toFlowEdges(doc, diagnosticIndex(doc), new Set())[1]!;
    expect(edge.sourceHandle).toBe(FALLBACK_SOURCE_HANDLE);
    expect(edge.data!.problems.map((d) => d.code)).toEqual(['E_UNKNOWN_STREAM']);
  });

  it('shows parallelism, and tasks when they differ', () => {
    const doc = updateComponent(EXAMPLES[0]!.create(), 'count', { numTasks: 6 });
    expect(parallelismLabel(doc.components[1]!)).toBe('×2');
    expect(parallelismLabel(doc.components[2]!)).toBe('×3 · 6 tasks');
  });
});
