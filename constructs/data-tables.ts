import { Construct } from "constructs";
import { ArchitectDatatable } from "../.gen/providers/genesyscloud/architect-datatable";
import { ArchitectDatatableRow } from "../.gen/providers/genesyscloud/architect-datatable-row";
import type { PolicyRowPlan, TablePlan } from "../deployment/plan";
import type { ITerraformDependable } from "./cdk";
import { escapeForTerraform } from "./terraform-escape";

export interface DataTableProps {
  readonly table: TablePlan;
  /** Division of the table. @default the org's home division */
  readonly divisionId?: string;
  /** Rows managed by Terraform, every column written. @default [] (rows are not managed) */
  readonly rows?: readonly PolicyRowPlan[];
}

/**
 * A `genesyscloud_architect_datatable` with the string `key` column and the definition's columns,
 * and optionally its rows. With `preventDestroy` Terraform refuses to destroy or replace it; with an
 * `adoptId` the first apply imports the existing object instead of creating one.
 */
export class DataTable extends Construct implements ITerraformDependable {
  readonly tableId: string;
  readonly tableName: string;
  readonly fqn: string;

  constructor(scope: Construct, id: string, props: DataTableProps) {
    super(scope, id);
    const { definition } = props.table;
    const table = new ArchitectDatatable(this, "table", {
      name: props.table.name,
      description: definition.description,
      divisionId: props.divisionId,
      properties: [
        { name: "key", type: "string", title: definition.keyTitle },
        ...definition.columns.map((column) => ({ name: column.name, type: column.type, title: column.title, default: column.default })),
      ],
    });
    if (props.table.preventDestroy) table.addOverride("lifecycle.prevent_destroy", true);
    if (props.table.adoptId !== undefined) table.importFrom(props.table.adoptId);
    this.tableId = table.id;
    this.tableName = table.name;
    this.fqn = table.fqn;

    for (const row of props.rows ?? []) {
      // encodeURIComponent keeps construct ids unique and free of "/" whatever the key holds.
      const resource = new ArchitectDatatableRow(this, `row-${encodeURIComponent(row.key)}`, {
        datatableId: table.id,
        keyValue: escapeForTerraform(row.key),
        // Every column explicitly: the provider fills defaults at plan time otherwise, and plans never settle.
        propertiesJson: escapeForTerraform(JSON.stringify(row.columns)),
      });
      if (row.adoptId !== undefined) resource.importFrom(escapeForTerraform(row.adoptId));
    }
  }
}
