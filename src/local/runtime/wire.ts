/**
 * What crosses the SDK boundary. The real @forge SDKs call `global.__forge_fetch__(descriptor, path, init)` and read a
 * WHATWG Response; the router in forge-globals.ts turns that call into a WireRequest for one emulated service and the
 * service's WireResponse back into a Response. Services never see HTTP objects, so they are tested without them.
 */
export type WireRequest = {
  /** The path the SDK asked for, e.g. `/api/v1/get` (KVS) or `/webhook/queue/publish/{contextAri}/…` (queue). */
  path: string;
  method: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  /** The raw body text, as the SDK sent it (JSON for every service the app uses). */
  body: string | undefined;
};

export type WireResponse = {
  status: number;
  headers?: Record<string, string>;
  /** Raw text; JSON services use jsonResponse(). Omitted for an empty body (e.g. 204). */
  body?: string;
};

/** Who is calling: the invocation the SDK call was made from. */
export type Caller = {
  appId: string;
  environmentId: string;
  appVersion: string;
  installationId: string;
  functionKey: string;
  invocationId: string;
  /** The user the invocation runs for (UI resolvers); absent for triggers, schedules and consumers. */
  accountId?: string;
};

export interface WireService {
  handle(request: WireRequest, caller: Caller): Promise<WireResponse>;
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): WireResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Forge's error body shape: `{code, message, ...extra}`; @forge/kvs turns it into ForgeKvsAPIError(code). */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): WireResponse {
  return jsonResponse(status, { code, message, ...extra }, headers);
}
