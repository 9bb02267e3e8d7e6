import { describe, expect, it } from "vitest";
import { workflowMermaid } from "../../workflows/diagram";
import { layoutTree, workflowSvg, workflowTree, type DiagramNode } from "../../workflows/diagram-svg";
import { documentedWorkflows } from "../../workflows/docs";

const [accepted, ended] = documentedWorkflows();

function flatten(nodes: readonly DiagramNode[]): DiagramNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}

describe("the workflow SVG", () => {
  it.each([accepted, ended])(
    "GIVEN workflow $id THEN it has one box per action, as many as the Mermaid chart's action nodes",
    (workflow) => {
      const actionBoxes = flatten(workflowTree(workflow)).filter((node) => !["state", "branch", "continue"].includes(node.shape));
      const mermaidActionNodes = workflowMermaid(workflow)
        .split("\n")
        .filter((line) => /^ {2}a\d+[[({]/.test(line));
      expect(actionBoxes).toHaveLength(mermaidActionNodes.length);
    },
  );

  it("GIVEN a branch that does not end THEN it says which action the run continues with", () => {
    const nodes = flatten(workflowTree(accepted));
    const decision = nodes.find((node) => node.lines[0] === "Decision: Event incomplete?");
    const no = decision?.children.find((child) => child.lines[0] === "no");
    expect(no?.children.map((child) => child.lines[0])).toEqual(["↓ continues with “Find row”"]);
  });

  it.each([accepted, ended])("GIVEN workflow $id THEN no two boxes overlap and every box is on the canvas", (workflow) => {
    const { nodes, width, height } = layoutTree(workflowTree(workflow));
    for (const [i, a] of nodes.entries()) {
      expect(a.x + a.width).toBeLessThanOrEqual(width);
      expect(a.y + a.height).toBeLessThanOrEqual(height);
      for (const b of nodes.slice(i + 1)) {
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `${a.node.lines[0]} overlaps ${b.node.lines[0]}`).toBe(false);
      }
    }
  });

  it("GIVEN expressions with < and quotes THEN the SVG text carries them escaped", () => {
    const svg = workflowSvg(ended);
    const texts = [...svg.matchAll(/<text[^>]*>([^]*?)<\/text>/g)].map((match) => match[1]);
    expect(texts.some((text) => text.includes("&lt;"))).toBe(true);
    expect(texts.filter((text) => /<|&(?!lt;|gt;|amp;|quot;)/.test(text))).toEqual([]);
  });

  it("GIVEN names of an environment THEN data actions and tables are shown by those names", () => {
    const svg = workflowSvg(ended, { dataAction: (spec) => `acme_${spec.baseName}`, table: (table) => `acme_${table.baseName}` });
    expect(svg).toContain("acme_Preview Retries - Resubmit Contact (timeout");
    expect(svg).toContain("acme_preview_retries_wrap_policy[");
  });
});
