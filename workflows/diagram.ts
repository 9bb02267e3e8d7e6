/** Mermaid flowchart of a workflow model: one node per action, edges labelled with the path taken. */
import { describeExpression } from "./render";
import { actionBranches, type Action, type ActionList, type WorkflowDefinition } from "./model";

export function workflowMermaid(workflow: WorkflowDefinition): string {
  const lines: string[] = ["flowchart TD"];
  let counter = 0;
  const nextId = () => `a${++counter}`;
  const edge = (from: string, to: string, label?: string) => lines.push(label ? `  ${from} -->|${label}| ${to}` : `  ${from} --> ${to}`);

  /** Emits the actions; returns the id of the first one (or `continuation` when empty). */
  const emitList = (actions: ActionList, continuation: string | undefined): string | undefined => {
    let next = continuation;
    for (const action of [...actions].reverse()) next = emitAction(action, next);
    return next;
  };

  const emitBranches = (from: string, branches: Readonly<Record<string, ActionList>>, continuation: string | undefined) => {
    for (const [label, actions] of Object.entries(branches)) {
      const target = emitList(actions, continuation);
      if (target) edge(from, target, label);
    }
  };

  const emitAction = (action: Action, continuation: string | undefined): string => {
    const id = nextId();
    switch (action.kind) {
      case "updateData":
        lines.push(`  ${id}["${label(`Update Data: ${action.name}`)}"]`);
        if (continuation) edge(id, continuation);
        break;
      case "wait":
        lines.push(`  ${id}["${label(`Wait: ${action.name}`)}<br/>${label(describeExpression(action.duration))}"]`);
        if (continuation) edge(id, continuation);
        break;
      case "endWorkflow":
        lines.push(`  ${id}(["${label(`End: ${action.exitReason}`)}"])`);
        break;
      case "decision":
        lines.push(`  ${id}{"${label(action.name)}<br/>${label(describeExpression(action.condition))}"}`);
        emitBranches(id, actionBranches(action), continuation);
        break;
      case "callData":
        lines.push(`  ${id}[["${label(`Call Data Action: ${action.name}`)}<br/>${label(action.dataAction.spec.baseName)}"]]`);
        emitBranches(id, actionBranches(action), continuation);
        break;
      case "dataTableLookup":
        lines.push(`  ${id}[("${label(`Data Table Lookup: ${action.name}`)}<br/>${label(action.table.definition.baseName)}")]`);
        emitBranches(id, actionBranches(action), continuation);
        break;
    }
    return id;
  };

  for (const state of workflow.states) {
    const first = emitList(state.actions, undefined);
    lines.push(`  start(("${label(state.name)}"))`);
    if (first) edge("start", first);
  }
  return lines.join("\n");
}

/** Mermaid label text: quotes and angle brackets as entities. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
