/**
 * A workflow model drawn as a self-contained SVG tree, laid out here (no browser, no Mermaid
 * runtime): each state is a root, its actions its children top to bottom, each path an action can
 * take (yes/no, success/failure/timeout, found/notFound/failure) a labelled child holding that
 * path's actions. A path that does not end continues with the next action of the list it branched
 * from, and says so.
 */
import { alwaysEnds } from "./lint";
import { actionBranches, type Action, type ActionList, type WorkflowDefinition } from "./model";
import { describeExpression } from "./render";
import type { DataActionSpec } from "../data-actions/spec";
import { requestUrlTemplate } from "../data-actions/request-url";
import type { DataTableDefinition } from "../tables/definitions";

export type DiagramShape = "state" | "decision" | "callData" | "dataTableLookup" | "updateData" | "wait" | "end" | "branch" | "continue";

/** How the diagram names org objects: an environment's names, or the base names when left out. */
export interface DiagramNames {
  dataAction?(spec: DataActionSpec): string;
  table?(definition: DataTableDefinition): string;
}

export interface DiagramNode {
  readonly shape: DiagramShape;
  /** First line bold, the others details. */
  readonly lines: readonly string[];
  readonly children: readonly DiagramNode[];
}

/** A node placed on the canvas (pixels); `parent` is the index of its parent in the list, -1 for a root. */
export interface PlacedNode {
  readonly node: DiagramNode;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly parent: number;
}

const FONT_SIZE = 12;
/** Advance width of one character of the monospace font at FONT_SIZE (a generous upper bound). */
const CHAR_WIDTH = 7.4;
const LINE_HEIGHT = 16;
const PADDING_X = 10;
const PADDING_Y = 6;
const INDENT = 34;
const ROW_GAP = 10;
const MARGIN = 16;
/** Longer detail lines wrap: the page stays readable without horizontal scrolling for most expressions. */
const WRAP_AT = 96;
/** A decision's slanted sides take this much room left and right of its text. */
const DECISION_INSET = 8;

/** The workflow as a tree of nodes, one root per state. */
export function workflowTree(workflow: WorkflowDefinition, names: DiagramNames = {}): DiagramNode[] {
  const dataActionName = names.dataAction ?? ((spec: DataActionSpec) => spec.baseName);
  const tableName = names.table ?? ((definition: DataTableDefinition) => definition.baseName);

  const actionNode = (action: Action, continuation: string): DiagramNode => {
    const branches = Object.entries(actionBranches(action)).map(([label, actions]): DiagramNode => ({
      shape: "branch",
      lines: [label],
      children: listNodes(actions, continuation),
    }));
    switch (action.kind) {
      case "decision":
        return {
          shape: "decision",
          lines: [`Decision: ${action.name}`, ...wrap(describeExpression(action.condition))],
          children: branches,
        };
      case "callData":
        return {
          shape: "callData",
          lines: [
            `Call Data Action: ${action.name}`,
            `${dataActionName(action.dataAction.spec)} (timeout ${action.timeoutSeconds} s)`,
            ...wrap(`${action.dataAction.spec.endpoint.method} ${requestUrlTemplate(action.dataAction.spec)}`),
          ],
          children: branches,
        };
      case "dataTableLookup":
        return {
          shape: "dataTableLookup",
          lines: [`Data Table Lookup: ${action.name}`, `${tableName(action.table.definition)}[${describeExpression(action.lookupValue)}]`],
          children: branches,
        };
      case "updateData":
        return {
          shape: "updateData",
          lines: [
            `Update Data: ${action.name}`,
            ...action.statements.flatMap((statement) =>
              wrap(`${statement.variable.scope}.${statement.variable.name} = ${describeExpression(statement.value)}`),
            ),
          ],
          children: [],
        };
      case "wait":
        return { shape: "wait", lines: [`Wait: ${action.name}`, ...wrap(describeExpression(action.duration))], children: [] };
      case "endWorkflow":
        return { shape: "end", lines: [`End: ${action.exitReason}`], children: [] };
    }
  };

  /** The actions of a list; a list that does not always end gets a last node saying where the run goes on. */
  const listNodes = (actions: ActionList, continuation: string): DiagramNode[] => {
    const nodes = actions.map((action, index) => actionNode(action, nextOf(actions, index, continuation)));
    return alwaysEnds(actions) ? nodes : [...nodes, { shape: "continue", lines: [`↓ continues with ${continuation}`], children: [] }];
  };

  const nextOf = (actions: ActionList, index: number, continuation: string) => {
    const next = actions[index + 1];
    return next === undefined ? continuation : `“${next.kind === "endWorkflow" ? `End: ${next.exitReason}` : next.name}”`;
  };

  return workflow.states.map((state) => ({
    shape: "state",
    lines: [`State: ${state.name}`],
    children: listNodes(state.actions, "the end of the state (the workflow ends)"),
  }));
}

function wrap(text: string): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > WRAP_AT) {
    const cut = rest.lastIndexOf(" ", WRAP_AT);
    const at = cut > WRAP_AT / 2 ? cut : WRAP_AT;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at).trimStart();
  }
  return [...lines, rest];
}

/** Rows top to bottom, each node indented by its depth: boxes never overlap and edges never cross. */
export function layoutTree(roots: readonly DiagramNode[]): { nodes: PlacedNode[]; width: number; height: number } {
  const nodes: PlacedNode[] = [];
  let y = MARGIN;
  const place = (node: DiagramNode, depth: number, parent: number) => {
    const inset = node.shape === "decision" ? DECISION_INSET : 0;
    const width = Math.ceil(Math.max(...node.lines.map((line) => line.length)) * CHAR_WIDTH + 2 * (PADDING_X + inset));
    const height = node.lines.length * LINE_HEIGHT + 2 * PADDING_Y;
    const index = nodes.push({ node, x: MARGIN + depth * INDENT, y, width, height, parent }) - 1;
    y += height + ROW_GAP;
    for (const child of node.children) place(child, depth + 1, index);
  };
  for (const root of roots) place(root, 0, -1);
  const width = Math.max(...nodes.map((node) => node.x + node.width)) + MARGIN;
  return { nodes, width, height: y - ROW_GAP + MARGIN };
}

const STYLES: Readonly<Record<DiagramShape, { fill: string; stroke: string; dash?: string; radius: number }>> = {
  state: { fill: "#dbe7fd", stroke: "#3b6fd4", radius: 14 },
  decision: { fill: "#fff4cc", stroke: "#c99a06", radius: 0 },
  callData: { fill: "#e3f4e8", stroke: "#2f8a4c", radius: 3 },
  dataTableLookup: { fill: "#f1e6fb", stroke: "#8144b8", radius: 8 },
  updateData: { fill: "#f1f3f4", stroke: "#70757a", radius: 3 },
  wait: { fill: "#ffffff", stroke: "#70757a", dash: "5 3", radius: 3 },
  end: { fill: "#fde7e4", stroke: "#c5392b", radius: 14 },
  branch: { fill: "#ffffff", stroke: "#9aa0a6", radius: 9 },
  continue: { fill: "none", stroke: "none", radius: 0 },
};

/** The SVG document of a workflow: one tree per state. */
export function workflowSvg(workflow: WorkflowDefinition, names: DiagramNames = {}): string {
  const { nodes, width, height } = layoutTree(workflowTree(workflow, names));
  const edges = nodes.flatMap((node, index) => {
    if (node.parent < 0) return [];
    const parent = nodes[node.parent];
    const spineX = parent.x + INDENT / 2;
    const midY = node.y + node.height / 2;
    const siblingsAbove = nodes.slice(node.parent + 1, index).some((other) => other.parent === node.parent);
    // The spine runs down from the parent (or from the previous sibling's elbow) to this node's elbow.
    const fromY = siblingsAbove ? previousSiblingMidY(nodes, node.parent, index) : parent.y + parent.height;
    return [
      `<path d="M${spineX} ${fromY} V${midY} H${node.x - 2}" fill="none" stroke="#9aa0a6" stroke-width="1.2" marker-end="url(#arrow)"/>`,
    ];
  });
  const boxes = nodes.map(({ node, x, y, width: boxWidth, height: boxHeight }) => {
    const style = STYLES[node.shape];
    const shape =
      node.shape === "decision"
        ? `<polygon points="${hexagon(x, y, boxWidth, boxHeight)}" fill="${style.fill}" stroke="${style.stroke}"/>`
        : `<rect x="${x}" y="${y}" width="${boxWidth}" height="${boxHeight}" rx="${style.radius}" fill="${style.fill}" stroke="${style.stroke}"${style.dash ? ` stroke-dasharray="${style.dash}"` : ""}${node.shape === "callData" ? ` stroke-width="2"` : ""}/>`;
    const text = node.lines
      .map((line, i) => {
        const weight = i === 0 && node.shape !== "continue" && node.shape !== "branch" ? ` font-weight="bold"` : "";
        const italic = node.shape === "continue" ? ` font-style="italic" fill="#5f6368"` : "";
        const inset = node.shape === "decision" ? DECISION_INSET : 0;
        return `<text x="${x + PADDING_X + inset}" y="${y + PADDING_Y + (i + 1) * LINE_HEIGHT - 4}"${weight}${italic}>${escapeXml(line)}</text>`;
      })
      .join("");
    return `<g data-shape="${node.shape}">${shape}${text}</g>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, Menlo, Consolas, 'DejaVu Sans Mono', monospace" font-size="${FONT_SIZE}" role="img" aria-label="${escapeXml(`Workflow ${workflow.id}`)}">`,
    `<defs><marker id="arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0 L8 4 L0 8 z" fill="#9aa0a6"/></marker></defs>`,
    ...edges,
    ...boxes,
    `</svg>`,
  ].join("\n");
}

function previousSiblingMidY(nodes: readonly PlacedNode[], parent: number, index: number): number {
  for (let i = index - 1; i > parent; i--) if (nodes[i].parent === parent) return nodes[i].y + nodes[i].height / 2;
  return nodes[parent].y + nodes[parent].height;
}

function hexagon(x: number, y: number, width: number, height: number): string {
  const cut = Math.min(DECISION_INSET + 2, height / 2);
  return [
    [x + cut, y],
    [x + width - cut, y],
    [x + width, y + height / 2],
    [x + width - cut, y + height],
    [x + cut, y + height],
    [x, y + height / 2],
  ]
    .map(([px, py]) => `${px},${py}`)
    .join(" ");
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
