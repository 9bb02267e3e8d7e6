import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Construct } from "constructs";
import { DataGenesyscloudAuthDivisionHome } from "../.gen/providers/genesyscloud/data-genesyscloud-auth-division-home";
import { Flow } from "../.gen/providers/genesyscloud/flow";
import type { CorrelationKey } from "../config/schema";
import type { DataActionKey, DataActionSpecs } from "../data-actions";
import { assertValidWorkflow } from "../workflows/lint";
import type { TriggerDataFormat, WorkflowDefinition } from "../workflows/model";
import { previewAcceptedWorkflow } from "../workflows/preview-accepted";
import { previewEndedWorkflow } from "../workflows/preview-ended";
import { renderWorkflowYaml } from "../workflows/render";
import { SUBSTITUTION_KEYS, sharedSubstitutions } from "../workflows/substitutions";
import { escapeForTerraform } from "../data-actions/terraform-escape";
import { App, AssetType, TerraformAsset, Token, type ITerraformDependable } from "./cdk";

/** Names of the two workflows in an environment's org. */
export function workflowNames(namePrefix: string): { readonly accepted: string; readonly ended: string } {
  return { accepted: `${namePrefix}Preview Retries - Preview Accepted`, ended: `${namePrefix}Preview Retries - Preview Ended` };
}

/** A table the workflows read: its name and id (Terraform references, so the flows deploy after it). */
export interface WorkflowTable {
  readonly name: string;
  readonly id: string;
}

export interface PreviewRetriesWorkflowsProps {
  /** Prefix of the flow names (the environment's `namePrefix`). */
  readonly namePrefix: string;
  readonly correlationKey: CorrelationKey;
  /** Data format of the accepted trigger; the accepted workflow's inputs follow it. */
  readonly acceptedDataFormat: TriggerDataFormat;
  /** The data action specifications the workflows call (inputs and outputs are checked against them). */
  readonly dataActionSpecs: DataActionSpecs;
  /** Category of the data actions: the Data Actions integration's name. */
  readonly dataActionCategory: string;
  /** Name of each data action in the org (a Terraform reference to the action resource). */
  readonly dataActionNames: Readonly<Record<DataActionKey, string>>;
  readonly retriesTable: WorkflowTable;
  readonly policyTable: WorkflowTable;
  /** Division of the workflows, by name. @default the org's home division (data source) */
  readonly divisionName?: string;
  /** What must exist before the flows are published: tables, data actions. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/** One published workflow: its model, the YAML asset and the flow resource. */
export interface DeployedWorkflow {
  readonly definition: WorkflowDefinition;
  readonly yaml: string;
  /** The YAML file written at synth, which the asset copies into the stack's output. */
  readonly sourceFile: string;
  readonly asset: TerraformAsset;
  readonly flow: Flow;
  readonly substitutions: Readonly<Record<string, string>>;
}

/**
 * The two workflows as `genesyscloud_flow` resources. Each model is linted (synth stops on a
 * finding), rendered to Archy YAML, written to a file shipped as a Terraform asset, and published
 * with substitutions for every object name and id it references.
 */
export class PreviewRetriesWorkflows extends Construct {
  readonly accepted: DeployedWorkflow;
  readonly ended: DeployedWorkflow;

  constructor(scope: Construct, id: string, props: PreviewRetriesWorkflowsProps) {
    super(scope, id);
    const divisionName = props.divisionName ?? new DataGenesyscloudAuthDivisionHome(this, "home-division", {}).name;
    const names = workflowNames(props.namePrefix);
    const shared = sharedSubstitutions({
      divisionName,
      dataActionCategory: props.dataActionCategory,
      dataActionNames: props.dataActionNames,
      retriesTableName: props.retriesTable.name,
      retriesTableId: props.retriesTable.id,
      policyTableName: props.policyTable.name,
    });
    const options = { correlationKey: props.correlationKey, dataActions: props.dataActionSpecs };
    // Inside the app's output folder (not a temp folder per synth): the asset copies it into the stack's folder.
    const outputDirectory = path.join(App.of(this).outdir, ".workflow-sources", ...this.node.path.split("/"));
    mkdirSync(outputDirectory, { recursive: true });

    const deploy = (definition: WorkflowDefinition, flowName: string): DeployedWorkflow => {
      const substitutions = { ...shared, [SUBSTITUTION_KEYS.flowName]: flowName };
      assertValidWorkflow(definition, { substitutionKeys: new Set(Object.keys(substitutions)) });
      const yaml = renderWorkflowYaml(definition);
      const file = path.join(outputDirectory, `${definition.id}.yaml`);
      writeFileSync(file, yaml);
      const asset = new TerraformAsset(this, `${definition.id}-yaml`, { path: file, type: AssetType.FILE });
      // file_content_hash is computed by the provider (never set); the asset path changes with the content.
      const flow = new Flow(this, definition.id, {
        filepath: asset.path,
        substitutions: escapeLiteralsForTerraform(substitutions),
        dependsOn: [...(props.dependsOn ?? [])],
      });
      return { definition, yaml, sourceFile: file, asset, flow, substitutions };
    };

    this.accepted = deploy(previewAcceptedWorkflow({ ...options, dataFormat: props.acceptedDataFormat }), names.accepted);
    this.ended = deploy(previewEndedWorkflow(options), names.ended);
  }
}

/** Configured literals escaped for Terraform; Terraform references (cdktf tokens) left as they are. */
function escapeLiteralsForTerraform(map: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(map).map(([key, value]) => [key, Token.isUnresolved(value) ? value : escapeForTerraform(value)]),
  );
}
