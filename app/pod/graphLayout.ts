/**
 * Lays a state machine out in layers from its own edge table: each state's layer is its BFS
 * distance from the first state, states in a layer keep their table order. No coordinates are
 * written by hand, so a state added to the core's table appears in the drawing.
 */
export interface LaidOutNode {
  id: string;
  layer: number;
  slot: number;
  x: number;
  y: number;
}

export interface Layout {
  nodes: Map<string, LaidOutNode>;
  edges: { from: string; to: string }[];
  width: number;
  height: number;
}

export function layoutGraph(
  states: readonly string[],
  edges: Readonly<Record<string, readonly string[]>>,
  size: { nodeWidth: number; nodeHeight: number; gapX: number; gapY: number },
): Layout {
  const layer = new Map<string, number>([[states[0]!, 0]]);
  const queue = [states[0]!];
  while (queue.length) {
    const s = queue.shift()!;
    for (const t of edges[s] ?? []) {
      if (!layer.has(t)) {
        layer.set(t, layer.get(s)! + 1);
        queue.push(t);
      }
    }
  }
  let maxLayer = Math.max(...layer.values());
  for (const s of states) if (!layer.has(s)) layer.set(s, ++maxLayer);
  const byLayer = new Map<number, string[]>();
  for (const s of states) {
    const l = layer.get(s)!;
    byLayer.set(l, [...(byLayer.get(l) ?? []), s]);
  }
  const widest = Math.max(...[...byLayer.values()].map((l) => l.length));
  const nodes = new Map<string, LaidOutNode>();
  const columnWidth = size.nodeWidth + size.gapX;
  const width = widest * columnWidth - size.gapX;
  for (const [l, ids] of byLayer) {
    const offset = (width - (ids.length * columnWidth - size.gapX)) / 2;
    ids.forEach((id, slot) =>
      nodes.set(id, {
        id,
        layer: l,
        slot,
        x: offset + slot * columnWidth,
        y: l * (size.nodeHeight + size.gapY),
      }),
    );
  }
  return {
    nodes,
    edges: states.flatMap((from) => (edges[from] ?? []).map((to) => ({ from, to }))),
    width,
    height: (Math.max(...layer.values()) + 1) * (size.nodeHeight + size.gapY) - size.gapY,
  };
}
