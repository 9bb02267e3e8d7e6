/**
 * The page of `npm run diagram` (cli/diagram.ts): one environment's two workflows, as that
 * environment deploys them (its names, correlation key, data format, timeouts, re-submit options,
 * trigger criteria: from planDeployment), in one self-contained HTML file that opens offline.
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { WORKFLOW_KEYS } from "../deployment/names";
import type { DeploymentPlan, TriggerPlan } from "../deployment/plan";
import type { MatchCriterion } from "../genesys/process-automation";
import { escapeXml, workflowSvg, type DiagramNames } from "../workflows/diagram-svg";

/** Where the page goes when --out is not given (in the current folder). */
export function defaultDiagramFile(deployment: DeploymentPlan): string {
  return `${deployment.stackId}-workflows.html`;
}

/** The environment's names for the objects the workflows use. */
function namesOf(deployment: DeploymentPlan): DiagramNames {
  const actionNames = new Map(Object.values(deployment.dataActions).map((action) => [action.spec.id, action.name]));
  const tables = [deployment.tables.retries, deployment.tables.policy];
  return {
    dataAction: (spec) => actionNames.get(spec.id) ?? spec.baseName,
    table: (definition) => tables.find((table) => table.definition.baseName === definition.baseName)?.name ?? definition.baseName,
  };
}

function criterionText(criterion: MatchCriterion): string {
  const value = "values" in criterion ? criterion.values : criterion.value;
  return `${criterion.jsonPath} ${criterion.operator} ${JSON.stringify(value)}`;
}

function triggerHtml(trigger: TriggerPlan): string {
  const { definition } = trigger;
  const facts = [
    ["trigger", trigger.name],
    ["enabled", String(trigger.enabled)],
    ["topic", definition.topicName],
    ["match criteria", definition.matchCriteria.map(criterionText).join("; ")],
    ["data format", definition.dataFormat],
    ["delay", definition.delayBySeconds === undefined ? "none" : `${definition.delayBySeconds} s`],
  ];
  return `<dl>${facts.map(([term, value]) => `<dt>${escapeXml(term)}</dt><dd>${escapeXml(value)}</dd>`).join("")}</dl>`;
}

/** The HTML page: no script, no stylesheet or font to fetch, the SVG inline. */
export function diagramPage(deployment: DeploymentPlan): string {
  const names = namesOf(deployment);
  const sections = WORKFLOW_KEYS.map((key) => {
    const workflow = deployment.workflows[key];
    return [
      `<section>`,
      `<h2>${escapeXml(workflow.name)}</h2>`,
      `<p>${escapeXml(workflow.definition.description)}</p>`,
      triggerHtml(deployment.triggers[workflow.key]),
      `<div class="diagram">${workflowSvg(workflow.definition, names)}</div>`,
      `</section>`,
    ].join("\n");
  });
  const title = `Preview retries workflows: environment ${deployment.environmentName}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 24px; color: #202124; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; font-size: 14px; }
dt { font-weight: bold; } dd { margin: 0; font-family: ui-monospace, monospace; }
.diagram { overflow-x: auto; border-top: 1px solid #dadce0; padding-top: 8px; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<p>Stack ${escapeXml(deployment.stackId)}, region ${escapeXml(deployment.region)}. Actions run top to bottom; each path an
action can take is a labelled branch; a branch that does not end continues where it says.</p>
${sections.join("\n")}
</body>
</html>
`;
}

/** Writes through a temporary file, so a failed write never leaves half a page. */
export function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
