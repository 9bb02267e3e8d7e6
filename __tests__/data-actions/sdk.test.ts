import { describe, expect, it } from "vitest";
import { renderRequest } from "../../data-actions/engine";
import { sdkEndpoints } from "./support/sdk-endpoints";
import { allSpecs, inputFor } from "./support/specs";

const endpoints = sdkEndpoints();

describe("the SDK endpoint list", () => {
  it("is parsed from the installed SDK (sanity: known operations are found)", () => {
    expect(endpoints.length).toBeGreaterThan(1000);
    expect(endpoints).toContainEqual(
      expect.objectContaining({
        method: "GET",
        path: "/api/v2/flows/datatables/{datatableId}/rows",
        queryParameters: expect.arrayContaining(["showbrief"]),
      }),
    );
  });
});

describe.each(allSpecs.map((spec) => [spec.id, spec] as const))("%s calls an endpoint of the official SDK", (_id, spec) => {
  const matching = endpoints.filter((endpoint) => endpoint.method === spec.endpoint.method && endpoint.path === spec.endpoint.path);

  it("with this method and path", () => {
    expect(matching, `${spec.endpoint.method} ${spec.endpoint.path}`).toHaveLength(1);
  });

  it("with these path and query parameters", () => {
    const [endpoint] = matching;
    const filled = [...Object.keys(spec.endpoint.pathParameterInputs), ...Object.keys(spec.endpoint.pathParameterDeploymentValues)];
    expect(filled.sort()).toEqual([...endpoint.pathParameters].sort());
    expect(endpoint.queryParameters).toEqual(expect.arrayContaining(Object.keys(spec.endpoint.queryParameters)));
  });

  it("and the rendered request calls exactly that endpoint", () => {
    const { method, url } = renderRequest(
      spec,
      inputFor(spec, (name) => `value-of-${name}`),
    );
    const parsed = new URL(url, "https://api.mypurecloud.com");
    const pattern = new RegExp(`^${spec.endpoint.path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    expect(parsed.pathname).toMatch(pattern);
    expect(method).toBe(spec.endpoint.method);
    expect([...parsed.searchParams.keys()]).toEqual(Object.keys(spec.endpoint.queryParameters));
  });
});
