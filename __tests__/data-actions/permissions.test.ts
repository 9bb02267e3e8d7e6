import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { requiredPermissions } from "../../data-actions";
import type { HttpMethod } from "../../data-actions/spec";
import { allSpecs } from "./support/specs";

interface ProviderResourcePermissions {
  readonly api: readonly string[];
  readonly permissions: readonly string[];
}

/** Vendored from the provider's 1.84.1 documentation (fixtures/README.md). */
const providerPermissions = JSON.parse(readFileSync(join(__dirname, "fixtures", "provider-permissions-1.84.1.json"), "utf8")) as Record<
  string,
  ProviderResourcePermissions
>;

/** Genesys permission actions follow the HTTP verb for these CRUD endpoints. */
const ACTION_OF_METHOD: Record<HttpMethod, string> = { GET: "view", POST: "add", PUT: "edit", PATCH: "edit", DELETE: "delete" };

describe("permissions", () => {
  it("the role gets exactly row add/edit/delete and contact view/add, no wildcard", () => {
    expect(requiredPermissions(allSpecs)).toEqual([
      "architect:datatableRow:add",
      "architect:datatableRow:delete",
      "architect:datatableRow:edit",
      "outbound:contact:add",
      "outbound:contact:view",
    ]);
  });

  it.each(allSpecs.map((spec) => [spec.id, spec] as const))(
    "%s needs permissions that the provider's permission list ties to the same endpoint",
    (_id, spec) => {
      const call = `${spec.endpoint.method} ${spec.endpoint.path}`;
      const resources = Object.entries(providerPermissions).filter(([, entry]) => entry.api.includes(call));
      expect(resources.length, call).toBeGreaterThan(0);
      const permissionsOfEndpoint = new Set(resources.flatMap(([, entry]) => entry.permissions));
      for (const permission of spec.endpoint.permissions) {
        expect(permission).not.toContain("*");
        expect(permissionsOfEndpoint.has(permission), permission).toBe(true);
        expect(permission.split(":")[2]).toBe(ACTION_OF_METHOD[spec.endpoint.method]);
      }
      expect(spec.endpoint.permissions).toHaveLength(1);
    },
  );
});
