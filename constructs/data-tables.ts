import { Construct } from "constructs";
import { ArchitectDatatable } from "../.gen/providers/genesyscloud/architect-datatable";
import { ArchitectDatatableRow } from "../.gen/providers/genesyscloud/architect-datatable-row";
import type { WrapupPolicy } from "../config/schema";
import { escapeForTerraform } from "../data-actions/terraform-escape";
import { POLICY_TABLE, RETRIES_TABLE, tableName, type DataTableDefinition } from "../tables/definitions";

export interface DataTableProps {
  /** Prefix of the table name (the environment's `namePrefix`). */
  readonly namePrefix: string;
  /** Division of the table. @default the org's home division */
  readonly divisionId?: string;
}

function createTable(scope: Construct, definition: DataTableDefinition, props: DataTableProps): ArchitectDatatable {
  return new ArchitectDatatable(scope, "table", {
    name: tableName(definition, props.namePrefix),
    description: definition.description,
    divisionId: props.divisionId,
    properties: [
      { name: "key", type: "string", title: definition.keyTitle },
      ...definition.columns.map((column) => ({ name: column.name, type: column.type, title: column.title, default: column.default })),
    ],
  });
}

/**
 * `preview_contact_retries`: the runtime table the workflows write. It holds in-flight retries, so
 * Terraform refuses to destroy or replace it (prevent_destroy); its rows are never in Terraform.
 */
export class RetriesTable extends Construct {
  readonly table: ArchitectDatatable;
  readonly name: string;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    this.table = createTable(this, RETRIES_TABLE, props);
    this.table.addOverride("lifecycle.prevent_destroy", true);
    this.name = tableName(RETRIES_TABLE, props.namePrefix);
  }
}

export interface WrapupPolicyTableProps extends DataTableProps {
  readonly policies: readonly WrapupPolicy[];
}

/** `preview_retries_wrap_policy`: one row per configured wrap-up policy, every column written. */
export class WrapupPolicyTable extends Construct {
  readonly table: ArchitectDatatable;
  readonly name: string;
  readonly rowsByWrapupCode: ReadonlyMap<string, ArchitectDatatableRow>;

  constructor(scope: Construct, id: string, props: WrapupPolicyTableProps) {
    super(scope, id);
    this.table = createTable(this, POLICY_TABLE, props);
    this.name = tableName(POLICY_TABLE, props.namePrefix);
    this.rowsByWrapupCode = new Map(
      props.policies.map((policy) => [
        policy.wrapupCode,
        // encodeURIComponent keeps construct ids unique and free of "/" whatever the code holds.
        new ArchitectDatatableRow(this, `row-${encodeURIComponent(policy.wrapupCode)}`, {
          datatableId: this.table.id,
          keyValue: escapeForTerraform(policy.wrapupCode),
          // Every column explicitly: the provider fills defaults at plan time otherwise, and plans never settle.
          propertiesJson: JSON.stringify(policyRow(policy)),
        }),
      ]),
    );
  }
}

/** The non-key columns of a policy row, as stored in the table. */
export function policyRow(policy: WrapupPolicy): Record<(typeof POLICY_TABLE.columns)[number]["name"], number> {
  return { waitTime: policy.waitTimeSeconds, maxAttempts: policy.maxAttempts };
}
