// The one place an AWS call's exception becomes data: a `Got<T>` plus an entry in the account's errors.
import type { CallError, Got } from '../inventory/types';

/** Where errors of one account go. `accountId` may be filled in later (see collectAccount). */
export interface CallContext {
  accountId: string;
  errors: CallError[];
}

export interface CallSpec<T> {
  /** `service:Operation`, e.g. `s3:GetBucketVersioning`. */
  api: string;
  /** Region the call goes to, or `global`. */
  region: string;
  resource?: string;
  /** Error codes that mean "not configured": they yield `value`, not an error. */
  absent?: { codes: readonly string[]; value: T };
}

// IAM actions whose name differs from the API operation.
const PERMISSIONS: Record<string, string> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  's3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  's3:GetBucketReplication': 's3:GetReplicationConfiguration',
  's3:ListDirectoryBuckets': 's3express:ListAllMyDirectoryBuckets',
};

export function permissionFor(api: string): string {
  return PERMISSIONS[api] ?? api;
}

export const ok = <T>(value: T): Got<T> => ({ ok: true, value });
/** A failure, assignable to any `Got<T>`. */
export const failed = (error: CallError): { ok: false; error: CallError } => ({ ok: false, error });

export async function call<T>(ctx: CallContext, spec: CallSpec<T>, fn: () => Promise<T>): Promise<Got<T>> {
  try {
    return ok(await fn());
  } catch (err) {
    if (spec.absent && isError(err, spec.absent.codes)) return ok(spec.absent.value);
    const error = toCallError(err, spec, ctx.accountId);
    ctx.errors.push(error);
    return failed(error);
  }
}

export function toCallError(err: unknown, spec: { api: string; region: string; resource?: string }, accountId: string): CallError {
  const e: CallError = {
    api: spec.api,
    permission: permissionFor(spec.api),
    code: errorCode(err),
    message: errorMessage(err),
    accountId,
    region: spec.region,
  };
  if (spec.resource !== undefined) e.resource = spec.resource;
  return e;
}

interface ErrLike {
  name?: unknown;
  Code?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: number };
  $response?: unknown;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);

/** AWS error code, or a local code for failures that never got an AWS answer. */
export function errorCode(err: unknown): string {
  const e = (err ?? {}) as ErrLike;
  const status = e.$metadata?.httpStatusCode;
  // The SDK could not parse the answer (an emulator's HTML 404 page, a proxy's error page).
  if (isDeserializationError(e)) return status === 404 || status === 501 ? 'NotImplemented' : 'DeserializationError';
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return 'NetworkError';
  if (e.name === 'TimeoutError') return 'TimeoutError';
  if (e.name === 'CredentialsProviderError') return 'CredentialsError';
  if (typeof e.Code === 'string' && e.Code) return e.Code;
  if (typeof e.name === 'string' && e.name && e.name !== 'Error') {
    // S3 answers some errors with an empty body; the SDK then names them after the status.
    if (e.name === 'UnknownError' || /^\d{3}$/.test(e.name)) return status ? httpCode(status) : 'UnknownError';
    return e.name;
  }
  return status ? httpCode(status) : 'UnknownError';
}

/** True when the error's wire code (`ReportInProgress`) or SDK name (`CredentialReportNotReadyException`) is listed. */
export function isError(err: unknown, codes: readonly string[]): boolean {
  const e = (err ?? {}) as ErrLike;
  return codes.includes(errorCode(err)) || (typeof e.name === 'string' && codes.includes(e.name));
}

function isDeserializationError(e: ErrLike): boolean {
  return e.name === 'SyntaxError' || (typeof e.message === 'string' && e.message.includes('Deserialization error'));
}

function httpCode(status: number): string {
  const known: Record<number, string> = { 400: 'BadRequest', 403: 'AccessDenied', 404: 'NotFound', 500: 'InternalError', 501: 'NotImplemented', 503: 'ServiceUnavailable' };
  return known[status] ?? `Http${status}`;
}

const MAX_MESSAGE = 500;

function errorMessage(err: unknown): string {
  const e = (err ?? {}) as ErrLike;
  let msg = typeof e.message === 'string' ? e.message : String(err);
  msg = msg.split('\n  Deserialization error:')[0];
  if (isDeserializationError(e) && e.$metadata?.httpStatusCode) {
    msg = `The endpoint answered HTTP ${e.$metadata.httpStatusCode} with a body the SDK could not parse (${msg.slice(0, 120)})`;
  }
  return redact(msg).replace(/\s+/g, ' ').trim().slice(0, MAX_MESSAGE);
}

/** Strips anything that looks like a credential; error messages are written to reports. */
export function redact(text: string): string {
  return text
    .replace(/\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}\b/g, '$1****')
    .replace(/((?:secret|token|signature|credential)[\w-]*["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, '$1****')
    .replace(/(X-Amz-(?:Security-Token|Signature|Credential)=)[^&\s]+/gi, '$1****');
}

/** What to check when the account cannot be identified: the endpoint when it could not be reached, else the credentials. */
export function identityHint(code: string, opts: { endpoint?: string; profile?: string }): string {
  if (code === 'NetworkError') return opts.endpoint ? `The endpoint ${opts.endpoint} could not be reached: check --endpoint-url and that the service is running.` : 'AWS could not be reached: check the network or proxy.';
  return `Check the credentials${opts.profile ? ` of profile ${opts.profile}` : ''}.`;
}
