import { describe, expect, it } from "vitest";
import { requestUrlTemplate } from "../../data-actions/request-url";
import type { ApiEndpoint } from "../../data-actions/spec";

const endpoint: ApiEndpoint = {
  method: "PUT",
  path: "/api/v2/flows/datatables/{datatableId}/rows/{rowId}",
  queryParameters: {},
  pathParameterInputs: { rowId: "key" },
  pathParameterDeploymentValues: { datatableId: "retriesTableId" },
  permissions: [],
};

describe("requestUrlTemplate", () => {
  it("GIVEN an endpoint THEN each path parameter becomes its input's $esc.url or its deployment value's placeholder", () => {
    expect(requestUrlTemplate({ endpoint })).toBe("/api/v2/flows/datatables/@@retriesTableId@@/rows/$esc.url($input.key)");
  });

  it("GIVEN a literal deployment value THEN it is URL-encoded as Terraform's urlencode() does", () => {
    expect(requestUrlTemplate({ endpoint, deploymentValues: { retriesTableId: "tbl 1/é" } })).toBe(
      "/api/v2/flows/datatables/tbl+1%2F%C3%A9/rows/$esc.url($input.key)",
    );
  });

  it("GIVEN query parameters THEN they follow the path in their order", () => {
    const withQuery = { ...endpoint, queryParameters: { priority: "true", doNotQueue: "false" } };
    expect(requestUrlTemplate({ endpoint: withQuery })).toMatch(/\/rows\/\$esc\.url\(\$input\.key\)\?priority=true&doNotQueue=false$/);
  });

  it("GIVEN a path parameter nothing fills THEN it throws naming the parameter", () => {
    expect(() => requestUrlTemplate({ endpoint: { ...endpoint, pathParameterInputs: {} } })).toThrow(/path parameter rowId/);
  });
});
