import { JSON_SCHEMA_DRAFT_04, type DataActionSpecOptions } from "./options";
import { ROW_PATH, rowKeyInputContract, rowPathParameterDeploymentValues, rowPathParameterInputs } from "./retries-row";
import type { DataActionSpecBody } from "./spec";

/** Removes a row of the retries table once its contact is no longer retried. */
export function deleteRowSpec(options: DataActionSpecOptions): DataActionSpecBody {
  return {
    baseName: "Preview Retries - Delete Row",
    description: "Deletes a row of the preview retries data table by key.",
    endpoint: {
      method: "DELETE",
      path: ROW_PATH,
      queryParameters: {},
      pathParameterInputs: rowPathParameterInputs,
      pathParameterDeploymentValues: rowPathParameterDeploymentValues,
      permissions: ["architect:datatableRow:delete"],
    },
    inputContract: rowKeyInputContract("Delete Row input"),
    outputContract: {
      $schema: JSON_SCHEMA_DRAFT_04,
      title: "Delete Row output",
      type: "object",
      properties: {},
      additionalProperties: false,
    },
    request: { bodyTemplate: "", headers: {} },
    // The API answers with an empty body: nothing to translate.
    response: { translationMap: {}, translationMapDefaults: {}, successTemplate: "{}" },
    timeoutSeconds: options.timeoutSeconds,
  };
}
