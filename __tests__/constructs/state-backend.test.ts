import { describe, expect, it } from "vitest";
import type { EnvironmentInput } from "../../config/schema";
import { synthStack } from "../support/synth";

function backendOf(backend: EnvironmentInput["backend"], name = "prod") {
  return synthStack({ name, backend }).json.terraform.backend;
}

describe("state backend", () => {
  it("defaults to a local state file under terraform-state/, keyed by environment and stack", () => {
    expect(backendOf(undefined)).toEqual({ local: { path: "../../../terraform-state/prod/preview-retries-prod.tfstate" } });
  });

  it("keeps two environments' local states apart", () => {
    const dev = backendOf({ type: "local" }, "dev").local.path;
    const prod = backendOf({ type: "local" }, "prod").local.path;
    expect(dev).not.toBe(prod);
  });

  it("uses S3 with the native lock file and encryption", () => {
    expect(backendOf({ type: "s3", bucket: "acme-tfstate", region: "eu-west-1" })).toEqual({
      s3: {
        bucket: "acme-tfstate",
        region: "eu-west-1",
        key: "preview-retries/prod/preview-retries-prod.tfstate",
        encrypt: true,
        use_lockfile: true,
      },
    });
  });

  it("uses GCS with a prefix per environment and stack", () => {
    expect(backendOf({ type: "gcs", bucket: "acme-tfstate", prefix: "genesys" })).toEqual({
      gcs: { bucket: "acme-tfstate", prefix: "genesys/prod/preview-retries-prod" },
    });
  });

  it("uses AzureRM with a key per environment and stack", () => {
    expect(backendOf({ type: "azurerm", resourceGroupName: "rg", storageAccountName: "acct", containerName: "tfstate" })).toEqual({
      azurerm: {
        resource_group_name: "rg",
        storage_account_name: "acct",
        container_name: "tfstate",
        key: "preview-retries/prod/preview-retries-prod.tfstate",
      },
    });
  });

  it("uses an HCP Terraform workspace per stack (the cloud block, not a backend)", () => {
    const { json } = synthStack({ name: "prod", backend: { type: "hcp", organization: "acme" } });
    expect((json.terraform as Record<string, unknown>).cloud).toEqual({
      organization: "acme",
      hostname: "app.terraform.io",
      workspaces: { name: "preview-retries-prod" },
    });
  });

  it("uses Postgres with a schema per stack and no connection string in the output", () => {
    expect(backendOf({ type: "pg" })).toEqual({ pg: { schema_name: "tfstate_preview_retries_prod" } });
  });
});
