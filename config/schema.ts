import { z } from "zod";
import { DATA_ACTION_KEYS, dataActionId } from "../data-actions";
import { DATA_ACTION_DEFAULTS } from "../data-actions/options";
import { TRIGGER_EVENTS } from "../genesys/events";
import { PLATFORM_LIMITS } from "../genesys/limits";
import { LIST_OPERATORS, MATCH_OPERATORS, TRIGGER_DATA_FORMATS, isListOperator } from "../genesys/process-automation";
import { GENESYS_REGIONS } from "../genesys/regions";
import { CORRELATION_KEYS } from "../tables/definitions";
import { ACCEPTED_TOPICS, END_TRIGGER_DEFAULT_DELAY_SECONDS } from "../triggers/definitions";
import { backendStringProblem, refinedString, yamlSubstitutionProblem } from "./free-strings";

const oneOf = (values: readonly string[]) => values.map((value) => `"${value}"`).join(", ");

/** One trigger match criterion: a JSONPath into the event, an operator, and `value` or `values`. */
const matchCriterionSchema = z
  .object({
    jsonPath: z.string().min(1, "must not be empty"),
    operator: z.enum(MATCH_OPERATORS, { error: `must be a trigger operator (${MATCH_OPERATORS.join(", ")})` }),
    value: z.json().optional(),
    values: z.array(z.json()).optional(),
  })
  .strict()
  .refine(
    (criterion) => (criterion.value === undefined) !== (criterion.values === undefined),
    "must have either value or values (the API rejects both and neither)",
  )
  .refine(
    (criterion) => criterion.values === undefined || isListOperator(criterion.operator),
    `values is only for the ${LIST_OPERATORS.slice(0, -1).join(", ")} and ${LIST_OPERATORS.at(-1)} operators (use value)`,
  );

/** Ids of the data actions, as `adopt.dataActionIds` keys them. */
const DATA_ACTION_IDS: readonly string[] = DATA_ACTION_KEYS.map(dataActionId);

const DATA_ACTION_TIMEOUT_RANGE = `must be between ${PLATFORM_LIMITS.dataActionTimeoutMinSeconds} and ${PLATFORM_LIMITS.dataActionTimeoutMaxSeconds} seconds`;
const TRIGGER_DELAY_RANGE = `must be between ${PLATFORM_LIMITS.triggerDelayMinSeconds} and ${PLATFORM_LIMITS.triggerDelayMaxSeconds} seconds`;

/** Run duplicate checks even when other fields of the same list are invalid, so every problem is reported at once. */
const ALWAYS = { when: () => true };

/** A Genesys object id (opaque: published ids are not always well-formed UUIDs). */
const genesysId = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "must be a Genesys object id (letters, digits and dashes)");

const uniqueIds = (what: string) =>
  z.array(genesysId).refine((ids) => new Set(ids).size === ids.length, `must not list the same ${what} twice`);

/** A non-empty string field that a backend cannot do without. */
const requiredBy = (backend: string) =>
  refinedString(
    z
      .string({ error: (issue) => (issue.input === undefined ? `is required for the ${backend} backend` : "must be a string") })
      .min(1, `is required for the ${backend} backend`),
    backendStringProblem,
  );

/** cdktf.json's "output": every synth replaces this folder, so no state may live in it (a test keeps the two equal). */
export const SYNTH_OUTPUT_DIRECTORY = "cdktf.out";

const backendKeyPrefix = z
  .string()
  .regex(/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, "must be a path of letters, digits, '_', '.', '-' separated by '/'");

export const backendSchema = z.discriminatedUnion(
  "type",
  [
    z
      .object({
        type: z.literal("local"),
        /** Folder for state files, relative to the project root; not inside cdktf.out (a synth replaces it). @default "terraform-state" */
        directory: backendKeyPrefix
          .refine((directory) => !directory.split("/").some((part) => part === "." || part === ".."), {
            error: "must stay inside the project: no '.' or '..' parts",
          })
          .refine((directory) => directory.split("/")[0] !== SYNTH_OUTPUT_DIRECTORY, {
            error: `must not be inside ${SYNTH_OUTPUT_DIRECTORY} (every synth replaces that folder)`,
          })
          .optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal("s3"),
        bucket: requiredBy("s3"),
        region: requiredBy("s3"),
        /** @default "preview-retries" */
        keyPrefix: backendKeyPrefix.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal("gcs"),
        bucket: requiredBy("gcs"),
        /** @default "preview-retries" */
        prefix: backendKeyPrefix.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal("azurerm"),
        resourceGroupName: requiredBy("azurerm"),
        storageAccountName: requiredBy("azurerm"),
        containerName: requiredBy("azurerm"),
        /** @default "preview-retries" */
        keyPrefix: backendKeyPrefix.optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal("hcp"),
        organization: requiredBy("hcp"),
        /** @default "app.terraform.io" */
        hostname: refinedString(z.string().min(1, "must not be empty"), backendStringProblem).optional(),
        /** Prepended to the stack id (preview-retries-<env>) to name the workspace. @default "" */
        workspacePrefix: z
          .string()
          .regex(/^[A-Za-z0-9_-]*$/, "may only hold letters, digits, '_' and '-'")
          .optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal("pg"),
        /** @default "tfstate" (schema "tfstate_<stackId>") */
        schemaPrefix: z
          .string()
          .regex(/^[a-z_][a-z0-9_]*$/, "must be a lowercase SQL identifier")
          .optional(),
      })
      .strict(),
  ],
  { error: 'must have a type of "local", "s3", "gcs", "azurerm", "hcp" or "pg"' },
);

export const wrapupPolicySchema = z
  .object({
    /** The wrap-up code as the contact's call record shows it, e.g. ININ-OUTBOUND-PREVIEW-SKIPPED. */
    wrapupCode: z
      .string()
      .min(1, "must not be empty")
      .max(
        PLATFORM_LIMITS.dataTableKeyMaxLength,
        `must be at most ${PLATFORM_LIMITS.dataTableKeyMaxLength} characters (data table key limit)`,
      )
      .refine((code) => code.trim() === code, "must not start or end with whitespace"),
    /** Seconds to wait before the contact is re-submitted. */
    waitTimeSeconds: z
      .number()
      .int("must be a whole number of seconds")
      .positive("must be greater than 0")
      .max(
        PLATFORM_LIMITS.workflowWaitMaxSeconds,
        `must be at most ${PLATFORM_LIMITS.workflowWaitMaxSeconds} (a workflow Wait ends after ${PLATFORM_LIMITS.workflowWaitMaxSeconds / 3600} hours)`,
      ),
    /** How many times a contact is re-submitted for this wrap-up before the retries stop. */
    maxAttempts: z.number().int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100"),
  })
  .strict();

export const environmentSchema = z
  .object({
    /** Environment name, used in stack ids and state keys. */
    name: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,30}$/,
        "must start with a lowercase letter and hold only lowercase letters, digits and '-' (at most 31 characters)",
      ),
    /** Genesys Cloud region of the org (the provider's `aws_region`). */
    region: z.enum(GENESYS_REGIONS, { error: `must be one of ${GENESYS_REGIONS.join(", ")}` }),
    /** Division for the tables and the OAuth client's role grant. @default the org's home division */
    divisionId: genesysId.optional(),
    /** Prefix of every object name in the org. @default "" */
    namePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_ -]{0,40}$/, "may hold at most 40 letters, digits, spaces, '_' and '-'")
      .default(""),
    /** Where Terraform keeps this environment's state. @default { type: "local" } */
    backend: backendSchema.default({ type: "local" }),
    /** Wrap-up codes that are retried, with their wait time and attempt cap. */
    wrapupPolicies: z
      .array(wrapupPolicySchema)
      .min(1, "must hold at least one policy")
      .max(PLATFORM_LIMITS.dataTableMaxRows, `must hold at most ${PLATFORM_LIMITS.dataTableMaxRows} policies (data table row limit)`)
      .superRefine((policies, ctx) => {
        if (!Array.isArray(policies)) return;
        const seen = new Map<string, number>();
        policies.forEach((policy, index) => {
          if (typeof policy?.wrapupCode !== "string") return;
          const first = seen.get(policy.wrapupCode);
          if (first !== undefined) {
            ctx.addIssue({
              code: "custom",
              path: [index, "wrapupCode"],
              message: `duplicate wrap-up code ${JSON.stringify(policy.wrapupCode)} (already at wrapupPolicies[${first}])`,
            });
          } else {
            seen.set(policy.wrapupCode, index);
          }
        });
      }, ALWAYS),
    /** What identifies a preview in the retries table: the conversation id (attested in both events) or the phone number (needs sandbox checks, README). @default "conversationId" */
    correlationKey: z.enum(CORRELATION_KEYS, { error: `must be one of ${oneOf(CORRELATION_KEYS)}` }).default("conversationId"),
    /** Only previews of these campaigns are tracked (accepted trigger). @default [] (all campaigns) */
    campaignIds: uniqueIds("campaign").default([]),
    /** Only callbacks ending in these queues are handled (end trigger). @default [] (all queues) */
    queueIds: uniqueIds("queue").default([]),
    /** Delay of the end trigger, so the disposition is on the contact before it is read. @default 60 */
    endTriggerDelaySeconds: z
      .number()
      .int("must be a whole number of seconds")
      .min(PLATFORM_LIMITS.triggerDelayMinSeconds, TRIGGER_DELAY_RANGE)
      .max(PLATFORM_LIMITS.triggerDelayMaxSeconds, TRIGGER_DELAY_RANGE)
      .default(END_TRIGGER_DEFAULT_DELAY_SECONDS),
    /** The two Process Automation triggers (docs/workflows.md). */
    triggers: z
      .object({
        /** Create the triggers enabled; false deploys everything but no event starts a workflow. @default true */
        enabled: z.boolean().default(true),
        /** The "preview accepted" trigger. */
        accepted: z
          .object({
            /**
             * Topic of the trigger (a change replaces the trigger). The workflow reads the dialer's contact
             * ids from the event, so only a topic whose event carries them is accepted.
             * @default "v2.detail.events.conversation.{id}.outbound"
             */
            topicName: z
              .string()
              .refine(
                (topic) => ACCEPTED_TOPICS.includes(topic),
                `must be a topic whose event carries outboundContactId and outboundContactListId: ${ACCEPTED_TOPICS.join(", ")}`,
              )
              .default(TRIGGER_EVENTS.outbound.topicName),
            /** Replaces the default criteria (mediaType == CALLBACK); campaignIds still scope it. @default [{ jsonPath: "mediaType", operator: "Equal", value: "CALLBACK" }] */
            matchCriteria: z
              .array(matchCriterionSchema)
              .min(1, "must hold at least one criterion (none would match every event)")
              .optional(),
            /** How the event reaches the workflow: Json (Flow.jsonData) or TopLevelPrimitives (one input per field). @default "Json" */
            dataFormat: z.enum(TRIGGER_DATA_FORMATS, { error: `must be one of ${oneOf(TRIGGER_DATA_FORMATS)}` }).default("Json"),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /** Division (by name: Archy names divisions) of the two workflows. @default the org's home division */
    workflowDivisionName: refinedString(z.string().min(1, "must not be empty"), yamlSubstitutionProblem).optional(),
    /** Data actions: the integration they run on and how contacts are re-submitted. */
    dataActions: z
      .object({
        /** Use this existing Data Actions integration instead of creating role, OAuth client and integration. Needs existingIntegrationName. @default undefined (create them) */
        existingIntegrationId: genesysId.optional(),
        /**
         * The existing integration's name exactly as the org shows it: the actions' category, by which
         * Architect finds them. Needs existingIntegrationId. @default undefined
         */
        existingIntegrationName: z
          .string()
          .refine(
            (name) =>
              name.length >= 1 && name.length <= 256 && ![...name].some((character) => '"\\{}'.includes(character) || character < " "),
            "must be the integration's name as the org shows it: 1-256 characters, no quotes, backslashes, braces or control characters (it is substituted into the workflow YAML)",
          )
          .refine((name) => name.trim() === name, "must not start or end with whitespace")
          .optional(),
        /**
         * Divisions in which the created OAuth client holds the data actions' role: a list of division
         * ids, or "all" (every division, present and future). The actions read contacts and write rows
         * only in these divisions; elsewhere they get 403. @default [divisionId], or the home division
         */
        roleDivisions: z
          .union([z.literal("all"), uniqueIds("division").min(1, 'must list at least one division id (or be "all")')], {
            error: 'must be "all" or a list of division ids',
          })
          .optional(),
        /** Execution timeout of every action, in seconds. @default 15 */
        timeoutSeconds: z
          .number()
          .int("must be a whole number of seconds")
          .min(PLATFORM_LIMITS.dataActionTimeoutMinSeconds, DATA_ACTION_TIMEOUT_RANGE)
          .max(PLATFORM_LIMITS.dataActionTimeoutMaxSeconds, DATA_ACTION_TIMEOUT_RANGE)
          .default(DATA_ACTION_DEFAULTS.timeoutSeconds),
        /** Query parameters of the re-submit call (POST .../contacts). */
        resubmit: z
          .object({
            /** Put the re-submitted contact at the front of the dialing queue. @default true */
            priority: z.boolean().default(DATA_ACTION_DEFAULTS.resubmit.priority),
            /** Clear the contact's system data (attempt counts, callable flags). @default false */
            clearSystemData: z.boolean().default(DATA_ACTION_DEFAULTS.resubmit.clearSystemData),
          })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    /**
     * Ids of objects that already exist in the org (built by hand, e.g. following the community
     * article). The stack emits Terraform import blocks for them, so the first apply adopts them
     * instead of creating duplicates. @default {} (create everything)
     */
    adopt: z
      .object({
        retriesTableId: genesysId.optional(),
        policyTableId: genesysId.optional(),
        /** Wrap-up codes whose rows already exist in the adopted policy table. @default every configured wrap-up code */
        policyRowCodes: z.array(z.string().min(1, "must not be empty")).optional(),
        roleId: genesysId.optional(),
        oauthClientId: genesysId.optional(),
        integrationId: genesysId.optional(),
        /** Existing data actions, keyed by the action's id in this package (see docs/data-actions.md). */
        dataActionIds: z
          .record(z.string(), genesysId)
          .superRefine((ids, ctx) => {
            for (const key of Object.keys(ids)) {
              if (!DATA_ACTION_IDS.includes(key)) {
                ctx.addIssue({
                  code: "custom",
                  path: [key],
                  message: `is not a data action of this package (${DATA_ACTION_IDS.join(", ")})`,
                });
              }
            }
          })
          .default({}),
        flowIds: z.object({ accepted: genesysId.optional(), ended: genesysId.optional() }).strict().prefault({}),
        triggerIds: z.object({ accepted: genesysId.optional(), ended: genesysId.optional() }).strict().prefault({}),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((environment, ctx) => {
    const { adopt } = environment;
    if (adopt.policyRowCodes && adopt.policyTableId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["adopt", "policyRowCodes"],
        message: "needs adopt.policyTableId (rows can only be adopted with their table)",
      });
    }
    const configured = new Set(environment.wrapupPolicies.map((policy) => policy.wrapupCode));
    adopt.policyRowCodes?.forEach((code, index) => {
      if (!configured.has(code)) {
        ctx.addIssue({
          code: "custom",
          path: ["adopt", "policyRowCodes", index],
          message: `${JSON.stringify(code)} is not a configured wrap-up code (wrapupPolicies)`,
        });
      }
    });
    const { existingIntegrationId, existingIntegrationName } = environment.dataActions;
    if ((existingIntegrationId === undefined) !== (existingIntegrationName === undefined)) {
      const missing = existingIntegrationId === undefined ? "existingIntegrationId" : "existingIntegrationName";
      const given = existingIntegrationId === undefined ? "existingIntegrationName" : "existingIntegrationId";
      ctx.addIssue({
        code: "custom",
        path: ["dataActions", missing],
        message: `is required with dataActions.${given} (an existing integration is named by both its id and its name)`,
      });
    }
    if (environment.dataActions.existingIntegrationId !== undefined && environment.dataActions.roleDivisions !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["dataActions", "roleDivisions"],
        message:
          "has no effect with dataActions.existingIntegrationId (no OAuth client is created): grant the existing integration's client in the org",
      });
    }
    if (environment.dataActions.existingIntegrationId !== undefined) {
      for (const field of ["roleId", "oauthClientId", "integrationId"] as const) {
        if (adopt[field] !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["adopt", field],
            message:
              "cannot be adopted while dataActions.existingIntegrationId is set (then no role, OAuth client or integration is managed)",
          });
        }
      }
    }
  });

export const configSchema = z
  .array(environmentSchema)
  .min(1, "must define at least one environment")
  .superRefine((environments, ctx) => {
    if (!Array.isArray(environments)) return;
    const seen = new Set<string>();
    environments.forEach((environment, index) => {
      if (typeof environment?.name !== "string") return;
      if (seen.has(environment.name)) {
        ctx.addIssue({ code: "custom", path: [index, "name"], message: `duplicate environment name ${JSON.stringify(environment.name)}` });
      }
      seen.add(environment.name);
    });
  }, ALWAYS);

/** What a user writes (optional fields may be left out). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A validated environment with every default applied. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;
export type BackendConfig = z.output<typeof backendSchema>;
export type WrapupPolicy = z.output<typeof wrapupPolicySchema>;
export type MatchCriterionConfig = z.output<typeof matchCriterionSchema>;
