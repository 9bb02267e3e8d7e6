import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DIAGRAM_FILES, DOCS_FILE, documentedWorkflows, updateDiagramFiles, withCurrentDiagrams } from "../../workflows/docs";
import { workflowMermaid } from "../../workflows/diagram";
import { allActions } from "./support";

describe("workflow diagrams in the docs", () => {
  it.each(DIAGRAM_FILES)("GIVEN %s THEN its diagrams are the ones the current models generate (run `npm run docs`)", (file) => {
    const markdown = readFileSync(file, "utf8");
    expect(withCurrentDiagrams(markdown)).toBe(markdown);
  });

  it.each(documentedWorkflows().map((workflow) => [workflow.id, workflow] as const))(
    "GIVEN the %s diagram THEN it has one node per action and an edge for every non-empty path",
    (_, workflow) => {
      const diagram = workflowMermaid(workflow);
      const actions = allActions(workflow.states[0].actions);
      const nodes = diagram.split("\n").filter((line) => /^ {2}a\d+[[({]/.test(line));
      expect(nodes).toHaveLength(actions.length);
      for (const action of actions.filter((candidate) => candidate.kind === "endWorkflow")) {
        expect(diagram).toContain(`(["End: ${action.kind === "endWorkflow" ? action.exitReason : ""}"])`);
      }
      expect(diagram).toMatch(/-->\|failure\|/);
    },
  );

  it("GIVEN a document without the markers THEN regeneration says which markers are missing", () => {
    expect(() => withCurrentDiagrams("# no markers")).toThrow(/needs the markers <!-- diagram:preview-accepted:start -->/);
  });

  it("GIVEN current diagrams THEN npm run docs says so and leaves the file alone; GIVEN a stale one THEN it updates it", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "docs-")), "workflows.md");
    copyFileSync(DOCS_FILE, file);
    expect(updateDiagramFiles([file])).toEqual([`Unchanged: the workflow diagrams in ${path.relative(process.cwd(), file)} are current`]);
    writeFileSync(file, readFileSync(file, "utf8").replace("flowchart TD", "flowchart LR"));
    expect(updateDiagramFiles([file])).toEqual([`Updated the workflow diagrams in ${path.relative(process.cwd(), file)}`]);
    expect(readFileSync(file, "utf8")).toBe(readFileSync(DOCS_FILE, "utf8"));
  });
});
