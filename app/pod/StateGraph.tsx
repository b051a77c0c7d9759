/** A state machine drawn from the core's own tables, the current state filled, the path traced. */
import { layoutGraph } from './graphLayout.ts';

const SIZE = { nodeWidth: 104, nodeHeight: 24, gapX: 8, gapY: 20 };

export function StateGraph(props: {
  label: string;
  states: readonly string[];
  edges: Readonly<Record<string, readonly string[]>>;
  meanings: Readonly<Record<string, string>>;
  current?: string;
  /** States visited, in order (the current one last). */
  path: string[];
}) {
  const layout = layoutGraph(props.states, props.edges, SIZE);
  const visited = new Set(props.path);
  const walked = new Set<string>();
  for (let i = 1; i < props.path.length; i++) walked.add(`${props.path[i - 1]}>${props.path[i]}`);
  const pad = 4;
  return (
    <svg
      role="img"
      aria-label={`${props.label}: ${props.current ?? 'not started'}; visited ${props.path.join(' → ') || 'nothing yet'}`}
      className="state-graph"
      viewBox={`${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}`}
      width={layout.width + 2 * pad}
    >
      <defs>
        <marker
          id={`arrow-${props.label}`}
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="6"
          markerHeight="6"
          orient="auto"
        >
          <path d="M0,0 L8,4 L0,8 z" fill="context-stroke" />
        </marker>
      </defs>
      {layout.edges.map(({ from, to }) => {
        const a = layout.nodes.get(from)!;
        const b = layout.nodes.get(to)!;
        const x1 = a.x + SIZE.nodeWidth / 2;
        const x2 = b.x + SIZE.nodeWidth / 2;
        const down = b.layer > a.layer;
        const y1 = down ? a.y + SIZE.nodeHeight : a.y;
        const y2 = down ? b.y : b.y + SIZE.nodeHeight;
        const same = a.layer === b.layer;
        const d = same
          ? `M${a.x + SIZE.nodeWidth},${a.y + SIZE.nodeHeight / 2} L${b.x},${b.y + SIZE.nodeHeight / 2}`
          : down
            ? `M${x1},${y1} C${x1},${y1 + 14} ${x2},${y2 - 14} ${x2},${y2}`
            : `M${x1 + 10},${y1} C${x1 + 40},${y1 - 30} ${x2 + 40},${y2 + 30} ${x2 + 10},${y2}`;
        const on = walked.has(`${from}>${to}`);
        return (
          <path
            key={`${from}>${to}`}
            d={d}
            className={on ? 'edge walked' : 'edge'}
            markerEnd={`url(#arrow-${props.label})`}
          />
        );
      })}
      {[...layout.nodes.values()].map((n) => {
        const cls =
          n.id === props.current ? 'node current' : visited.has(n.id) ? 'node visited' : 'node';
        return (
          <g key={n.id} className={cls} transform={`translate(${n.x},${n.y})`} data-state={n.id}>
            <title>{`${n.id}: ${props.meanings[n.id] ?? ''}`}</title>
            <rect width={SIZE.nodeWidth} height={SIZE.nodeHeight} rx="6" />
            <text x={SIZE.nodeWidth / 2} y={SIZE.nodeHeight / 2 + 4} textAnchor="middle">
              {n.id}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
