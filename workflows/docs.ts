/**
 * Keeps the diagrams in docs/workflows.md and README.md current: each workflow's Mermaid flowchart
 * sits between `<!-- diagram:<id>:start -->` and `<!-- diagram:<id>:end -->`. `npm run docs`
 * (cli/docs.ts) rewrites them; a test regenerates and compares.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { dataActionSpecs } from "../data-actions";
import { DATA_ACTION_DEFAULTS } from "../data-actions/options";
import { workflowMermaid } from "./diagram";
import type { WorkflowDefinition } from "./model";
import { previewAcceptedWorkflow } from "./preview-accepted";
import { previewEndedWorkflow } from "./preview-ended";

export const DOCS_FILE = path.resolve(__dirname, "..", "docs", "workflows.md");
/** Every document that shows the diagrams. */
export const DIAGRAM_FILES = [DOCS_FILE, path.resolve(__dirname, "..", "README.md")];

/** The workflows as an environment with the defaults deploys them (conversation-id keys, Json events). */
export function documentedWorkflows(): WorkflowDefinition[] {
  const options = {
    correlationKey: "conversationId" as const,
    dataActions: dataActionSpecs(DATA_ACTION_DEFAULTS),
  };
  return [previewAcceptedWorkflow({ ...options, dataFormat: "Json" }), previewEndedWorkflow(options)];
}

/** The markdown with every diagram block replaced by the current diagram; throws if a marker is missing. */
export function withCurrentDiagrams(markdown: string, workflows: readonly WorkflowDefinition[] = documentedWorkflows()): string {
  return workflows.reduce((text, workflow) => {
    const start = `<!-- diagram:${workflow.id}:start -->`;
    const end = `<!-- diagram:${workflow.id}:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`the document needs the markers ${start} and ${end}`);
    return `${text.slice(0, from + start.length)}\n\n\`\`\`mermaid\n${workflowMermaid(workflow)}\n\`\`\`\n\n${text.slice(to)}`;
  }, markdown);
}

/** Rewrites the diagram blocks of each file that needs it; returns one line per file saying what happened. */
export function updateDiagramFiles(files: readonly string[] = DIAGRAM_FILES): string[] {
  return files.map((file) => {
    const markdown = readFileSync(file, "utf8");
    const current = withCurrentDiagrams(markdown);
    const shown = path.relative(process.cwd(), file);
    if (current === markdown) return `Unchanged: the workflow diagrams in ${shown} are current`;
    writeFileSync(file, current);
    return `Updated the workflow diagrams in ${shown}`;
  });
}
