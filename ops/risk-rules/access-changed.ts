import { changeKind, type ChangeKind } from "../plan-json";
import { finding, type RiskRule } from "./rule";

const ACCESS_TYPES: Readonly<Record<string, string>> = {
  genesyscloud_oauth_client: "OAuth client",
  genesyscloud_auth_role: "role",
};

const CONSEQUENCES: Partial<Record<ChangeKind, string>> = {
  update: "updated: review the permissions or grants it changes",
  replace: "replaced: its id changes, and the data actions fail until the integration's credential uses the new client",
  delete: "deleted: the data actions can no longer authenticate",
  forget: "removed from Terraform state (not deleted): Terraform stops managing it",
};

/** The data actions authenticate with this client and role: a change can break every action or widen access. */
export const accessChanged: RiskRule = {
  id: "access-changed",
  title: "OAuth client or role changed",
  check(changes) {
    return changes.flatMap((change) => {
      const label = ACCESS_TYPES[change.type];
      if (label === undefined) return [];
      const consequence = CONSEQUENCES[changeKind(change.change.actions)];
      return consequence ? [finding(accessChanged, change, `The ${label} ${change.address} will be ${consequence}.`)] : [];
    });
  },
};
