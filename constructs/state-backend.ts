import type { Construct } from "constructs";
import type { StateBackendPlan as BackendConfig } from "../deployment/plan";
import { AzurermBackend, CloudBackend, GcsBackend, LocalBackend, NamedCloudWorkspace, PgBackend, S3Backend } from "./cdk";

const DEFAULT_KEY_PREFIX = "preview-retries";

/** The local backend's state file, relative to the stack's working directory cdktf.out/stacks/<stackId>: <project>/<directory>/. */
export function localStateFile(backend: Extract<BackendConfig, { type: "local" }>, environmentName: string, stackId: string): string {
  return `../../../${backend.directory ?? "terraform-state"}/${environmentName}/${stackId}.tfstate`;
}

/**
 * Declares the stack's state backend. Every state key is derived from the environment and the
 * stack id, so two stacks never share a state. Secrets (access keys, tokens, connection strings)
 * are never written here: each backend reads them from its usual environment variables.
 */
export function addStateBackend(scope: Construct, backend: BackendConfig, environmentName: string, stackId: string): void {
  const statePath = `${environmentName}/${stackId}`;
  switch (backend.type) {
    case "local":
      // Relative to the stack's working directory cdktf.out/stacks/<stackId>: lands in <project>/<directory>/.
      new LocalBackend(scope, { path: localStateFile(backend, environmentName, stackId) });
      return;
    case "s3":
      new S3Backend(scope, {
        bucket: backend.bucket,
        region: backend.region,
        key: `${backend.keyPrefix ?? DEFAULT_KEY_PREFIX}/${statePath}.tfstate`,
        encrypt: true,
      }).addOverride("use_lockfile", true); // S3-native locking (Terraform >= 1.10); cdktf 0.21 has no typed field for it.
      return;
    case "gcs":
      new GcsBackend(scope, { bucket: backend.bucket, prefix: `${backend.prefix ?? DEFAULT_KEY_PREFIX}/${statePath}` });
      return;
    case "azurerm":
      new AzurermBackend(scope, {
        resourceGroupName: backend.resourceGroupName,
        storageAccountName: backend.storageAccountName,
        containerName: backend.containerName,
        key: `${backend.keyPrefix ?? DEFAULT_KEY_PREFIX}/${statePath}.tfstate`,
      });
      return;
    case "hcp":
      new CloudBackend(scope, {
        organization: backend.organization,
        hostname: backend.hostname ?? "app.terraform.io",
        // The stack id already names the package and the environment: preview-retries-<env>.
        workspaces: new NamedCloudWorkspace(`${backend.workspacePrefix ?? ""}${stackId}`),
      });
      return;
    case "pg":
      // The connection string comes from PG_CONN_STR in the environment, never from config.
      new PgBackend(scope, {
        connStr: "",
        schemaName: `${backend.schemaPrefix ?? "tfstate"}_${stackId.replace(/-/g, "_")}`,
      }).addOverride("conn_str", undefined);
      return;
  }
}
