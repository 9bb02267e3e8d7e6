import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Construct } from "constructs";
import { DataGenesyscloudAuthDivisionHome } from "../.gen/providers/genesyscloud/data-genesyscloud-auth-division-home";
import { Flow } from "../.gen/providers/genesyscloud/flow";
import type { WorkflowKey } from "../deployment/names";
import type { OrgReference, SubstitutionValue, WorkflowPlan } from "../deployment/plan";
import { formatFinding, lintWorkflow } from "../workflows/lint";
import { renderWorkflowYaml } from "../workflows/render";
import { App, AssetType, TerraformAsset, type ITerraformDependable } from "./cdk";
import { escapeForTerraform } from "./terraform-escape";

/** Terraform values of the org references a workflow's substitutions may use, except the home division (resolved here). */
export type OrgReferenceResolver = (reference: Exclude<OrgReference, { object: "homeDivision" }>) => string;

export interface PreviewRetriesWorkflowsProps {
  readonly workflows: Readonly<Record<WorkflowKey, WorkflowPlan>>;
  /** Terraform references to the tables and data actions the substitutions name. */
  readonly resolve: OrgReferenceResolver;
  /** What must exist before the flows are published: tables, data actions. @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

/**
 * The two workflows as `genesyscloud_flow` resources. Each model is rendered to Archy YAML, written to
 * a file shipped as a Terraform asset, and published with a substitution for every `{{key}}` it
 * holds. The workflow lint runs as a construct validation, so one synth reports every finding.
 */
export class PreviewRetriesWorkflows extends Construct {
  /** Flow ids by workflow. */
  readonly flowIds: Readonly<Record<WorkflowKey, string>>;
  /** The Archy YAML of each workflow as rendered, before the provider's substitution. */
  readonly yaml: Readonly<Record<WorkflowKey, string>>;
  private homeDivisionName?: string;

  constructor(scope: Construct, id: string, props: PreviewRetriesWorkflowsProps) {
    super(scope, id);
    const resolve = (value: SubstitutionValue): string => {
      if ("literal" in value) return escapeForTerraform(value.literal);
      const { reference } = value;
      if (reference.object === "homeDivision") return this.homeDivision();
      return props.resolve(reference);
    };

    // Inside the app's output folder (not a temp folder per synth): the asset copies it into the stack's folder.
    const outputDirectory = path.join(App.of(this).outdir, ".workflow-sources", ...this.node.path.split("/"));
    mkdirSync(outputDirectory, { recursive: true });
    const deploy = (plan: WorkflowPlan) => {
      const { definition } = plan;
      const substitutions = Object.fromEntries(Object.entries(plan.substitutions).map(([key, value]) => [key, resolve(value)]));
      this.node.addValidation({
        validate: () =>
          lintWorkflow(definition, { substitutionKeys: new Set(Object.keys(plan.substitutions)) }).map(
            (finding) => `workflow "${plan.name}": ${formatFinding(finding)}`,
          ),
      });
      const yaml = renderWorkflowYaml(definition);
      const file = path.join(outputDirectory, `${definition.id}.yaml`);
      writeFileSync(file, yaml);
      const asset = new TerraformAsset(this, `${definition.id}-yaml`, { path: file, type: AssetType.FILE });
      // file_content_hash is computed by the provider (never set); the asset path changes with the content.
      const flow = new Flow(this, definition.id, { filepath: asset.path, substitutions, dependsOn: [...(props.dependsOn ?? [])] });
      if (plan.adoptId !== undefined) flow.importFrom(plan.adoptId);
      return { flowId: flow.id, yaml };
    };

    const accepted = deploy(props.workflows.accepted);
    const ended = deploy(props.workflows.ended);
    this.flowIds = { accepted: accepted.flowId, ended: ended.flowId };
    this.yaml = { accepted: accepted.yaml, ended: ended.yaml };
  }

  private homeDivision(): string {
    this.homeDivisionName ??= new DataGenesyscloudAuthDivisionHome(this, "home-division", {}).name;
    return this.homeDivisionName;
  }
}
