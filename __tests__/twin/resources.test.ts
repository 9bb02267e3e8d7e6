import { describe, expect, it } from "vitest";
import { emptyOrg, objectsOf } from "../../twin/org";
import { RESOURCE_MODELS } from "../../twin/resources";

describe("resource models", () => {
  it("GIVEN an object deleted from the org WHEN its resource is read THEN the read returns null (terraform plans it again)", () => {
    const org = emptyOrg();
    const role = RESOURCE_MODELS.genesyscloud_auth_role;
    const id = role.write(org, { name: "r", description: "d", permissions: [], permission_policies: [], default_role_id: null }, undefined);
    expect(role.read(org, id, {})).not.toBeNull();
    delete objectsOf(org, "genesyscloud_auth_role")[id];
    for (const [type, model] of Object.entries(RESOURCE_MODELS)) {
      if (type === "genesyscloud_architect_datatable_row") continue; // its id is "<table id>/<key>", checked by the drift test
      expect(model.read(org, id, { id }), type).toBeNull();
    }
  });

  it("GIVEN a stored object WHEN read THEN the prior state is kept, id is set and the stored fields replace the prior ones", () => {
    const org = emptyOrg();
    const table = RESOURCE_MODELS.genesyscloud_architect_datatable;
    const id = table.write(org, { name: "t", description: "d", properties: [] }, undefined);
    expect(table.read(org, id, { name: "old", lifecycle_only: "kept" })).toEqual({
      lifecycle_only: "kept",
      id,
      name: "t",
      description: "d",
      division_id: expect.any(String),
      properties: [],
    });
  });
});
