/**
 * Runs a data action the way the Data Actions service does, through its real specification: the
 * input checked against the input contract and the request rendered (engine.ts renderRequest), sent
 * to the in-memory org, the response translated and checked against the output contract
 * (engine.ts translateResponse). Faults injected by the replay input replace the call. Each
 * specification is prepared once (engine.ts prepareDataAction) and executed many times.
 */
import { DataActionExecutionError, prepareDataAction, type RenderedRequest } from "../../data-actions/engine";
import type { DataActionSpec } from "../../data-actions/spec";
import type { ApiResponse, InMemoryOrg } from "./org";

export type FaultOutcome = "failure" | "timeout";

/** Injected faults: the next `times` calls of an action (by spec id) fail or time out. */
export class FaultPlan {
  private readonly pending = new Map<string, { outcome: FaultOutcome; remaining: number }[]>();

  add(actionId: string, outcome: FaultOutcome, times: number): void {
    const queue = this.pending.get(actionId) ?? [];
    queue.push({ outcome, remaining: times });
    this.pending.set(actionId, queue);
  }

  /** The fault for this call of the action, if one is pending (consumed). */
  take(actionId: string): FaultOutcome | undefined {
    const queue = this.pending.get(actionId);
    const next = queue?.[0];
    if (!queue || !next) return undefined;
    next.remaining -= 1;
    if (next.remaining === 0) queue.shift();
    return next.outcome;
  }
}

/** The error a failed action reports (what Call Data Action's failure outputs carry). */
export interface DataActionError {
  readonly status: number;
  readonly errorCode: string;
  readonly message: string;
}

export type DataActionResult =
  | { readonly outcome: "success"; readonly output: Record<string, unknown> }
  | { readonly outcome: "failure"; readonly error: DataActionError }
  | { readonly outcome: "timeout" };

/** One execution, as the timeline shows it. */
export interface DataActionCall {
  readonly actionId: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly request?: RenderedRequest;
  readonly response?: ApiResponse;
  readonly injectedFault?: FaultOutcome;
  readonly result: DataActionResult;
  /**
   * Set when the specification itself broke: the input does not match the input contract, or a
   * successful API response cannot be turned into a result that matches the output contract. The
   * platform takes the failure path; the replay reports it as an unexpected failure.
   */
  readonly contractViolation?: string;
}

export function executeDataAction(
  spec: DataActionSpec,
  input: Readonly<Record<string, unknown>>,
  org: InMemoryOrg,
  faults: FaultPlan,
): DataActionCall {
  const injectedFault = faults.take(spec.id);
  if (injectedFault === "timeout") return { actionId: spec.id, input, injectedFault, result: { outcome: "timeout" } };
  if (injectedFault === "failure") {
    const error = { status: 500, errorCode: "replay.injected.failure", message: `fault injected into ${spec.id}` };
    return { actionId: spec.id, input, injectedFault, result: { outcome: "failure", error } };
  }

  const prepared = prepareDataAction(spec);
  let request: RenderedRequest;
  try {
    request = prepared.renderRequest(input);
  } catch (error) {
    return contractBroken(spec, input, error);
  }
  const response = org.handle({ method: request.method, url: request.url, body: request.body === "" ? undefined : request.body });
  if (response.status < 200 || response.status > 299) {
    const body = (response.body ?? {}) as { code?: string; message?: string };
    const error = { status: response.status, errorCode: body.code ?? "error", message: body.message ?? `HTTP ${response.status}` };
    return { actionId: spec.id, input, request, response, result: { outcome: "failure", error } };
  }
  try {
    const output = prepared.translateResponse(response.body);
    return { actionId: spec.id, input, request, response, result: { outcome: "success", output } };
  } catch (error) {
    return { ...contractBroken(spec, input, error), request, response };
  }
}

function contractBroken(spec: DataActionSpec, input: Readonly<Record<string, unknown>>, error: unknown): DataActionCall {
  if (!(error instanceof DataActionExecutionError)) throw error;
  return {
    actionId: spec.id,
    input,
    contractViolation: error.message,
    result: { outcome: "failure", error: { status: 400, errorCode: "invalid.contract", message: error.message } },
  };
}
