import { JSON_BODY_HEADERS, type DataActionSpecOptions } from "./options";
import {
  ROW_PATH,
  fullRowInputContract,
  rowBodyTemplate,
  rowOutputContract,
  rowPathParameterDeploymentValues,
  rowPathParameterInputs,
  rowResponse,
} from "./retries-row";
import type { DataActionSpecBody } from "./spec";

/** Replaces a row of the retries table (full row; the row id in the path is the URL-encoded key, `+` → `%2B`). */
export function updateRowSpec(options: DataActionSpecOptions): DataActionSpecBody {
  return {
    baseName: "Preview Retries - Update Row",
    description: "Replaces a row of the preview retries data table, every column written.",
    endpoint: {
      method: "PUT",
      path: ROW_PATH,
      queryParameters: {},
      pathParameterInputs: rowPathParameterInputs,
      pathParameterDeploymentValues: rowPathParameterDeploymentValues,
      permissions: ["architect:datatableRow:edit"],
    },
    inputContract: fullRowInputContract("Update Row input"),
    outputContract: rowOutputContract("Update Row output"),
    request: { bodyTemplate: rowBodyTemplate(), headers: JSON_BODY_HEADERS },
    response: rowResponse(),
    timeoutSeconds: options.timeoutSeconds,
  };
}
