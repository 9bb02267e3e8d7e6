import { JSON_BODY_HEADERS, type DataActionSpecOptions } from "./options";
import {
  ROWS_PATH,
  fullRowInputContract,
  rowBodyTemplate,
  rowOutputContract,
  rowPathParameterDeploymentValues,
  rowResponse,
} from "./retries-row";
import type { DataActionSpecBody } from "./spec";

/** Adds a row to the retries table. Fails if the key exists (POST is not an upsert): fall back to Update Row. */
export function insertRowSpec(options: DataActionSpecOptions): DataActionSpecBody {
  return {
    baseName: "Preview Retries - Insert Row",
    description: "Adds a row (a tracked preview) to the preview retries data table.",
    endpoint: {
      method: "POST",
      path: ROWS_PATH,
      queryParameters: {},
      pathParameterInputs: {},
      pathParameterDeploymentValues: rowPathParameterDeploymentValues,
      permissions: ["architect:datatableRow:add"],
    },
    inputContract: fullRowInputContract("Insert Row input"),
    outputContract: rowOutputContract("Insert Row output"),
    request: { bodyTemplate: rowBodyTemplate(), headers: JSON_BODY_HEADERS },
    response: rowResponse(),
    timeoutSeconds: options.timeoutSeconds,
  };
}
