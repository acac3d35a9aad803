import { ERROR_CODES, isErrorBody, isQuotaErrorBody } from '../../common/ods-api/errors';
import { parseResetTime, parseRetryAfter, type RateLimit, readRateLimit } from './rate-limit';

/**
 * Every failed API call rejects with an OdsApiError: the HTTP status (0 when the portal could not
 * be reached at all), ODS's `error_code` and `message` (ods-api.md §8), and the URL asked for.
 * Subclasses name the cases the explorer explains differently; anything else stays an OdsApiError.
 */
export class OdsApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'OdsApiError';
  }
}

/**
 * No answer: the portal is down, the address is wrong, or CORS blocked the request (the browser
 * cannot tell which). The message is for developers; the interface words it in the reader's
 * language (lib/error-advice.ts), naming the embedded portal (`origin` '') as it does.
 */
export class PortalUnreachableError extends OdsApiError {
  constructor(
    url: string,
    readonly origin: string,
  ) {
    super(0, 'NetworkError', `Could not reach ${origin || url}`, url);
    this.name = 'PortalUnreachableError';
  }
}

/** The portal answered 2xx but not with the API's JSON: probably not an ODS portal. */
export class UnexpectedResponseError extends OdsApiError {
  constructor(
    status: number,
    url: string,
    readonly contentType: string | null,
  ) {
    super(
      status,
      'UnexpectedResponse',
      `The answer was not Explore API JSON (${contentType ?? 'no content type'})`,
      url,
    );
    this.name = 'UnexpectedResponseError';
  }
}

/** 401 (no or wrong credentials) or 403 (credentials without the right). */
export class AuthenticationError extends OdsApiError {
  constructor(
    status: number,
    errorCode: string,
    message: string,
    url: string,
    /** Whether the request carried an API key, so the message can say "refused" rather than "needed". */
    readonly sentApiKey: boolean,
  ) {
    super(status, errorCode, message, url);
    this.name = 'AuthenticationError';
  }
}

export class NotFoundError extends OdsApiError {
  override name = 'NotFoundError';
}

/** 429: the portal's quota is used up (ods-api.md §8, both body shapes). */
export class RateLimitError extends OdsApiError {
  constructor(
    errorCode: string,
    message: string,
    url: string,
    readonly rateLimit: RateLimit | null,
    /** When the quota comes back: the body's `reset_time`, else `X-RateLimit-Reset`, else `Retry-After`. */
    readonly resetAt: Date | null,
    readonly retryAfterSeconds: number | null,
    /** `limit_time_unit` of ODS's quota body ("day", "month"), when given. */
    readonly period: string | null,
  ) {
    super(429, errorCode, message, url);
    this.name = 'RateLimitError';
  }
}

/** 400 ODSQLError or ODSQLSyntaxError: a where/select/order_by the portal could not read. */
export class OdsqlError extends OdsApiError {
  override name = 'OdsqlError';

  get isSyntaxError(): boolean {
    return this.errorCode === ERROR_CODES.odsqlSyntax;
  }
}

/** 400 InvalidRESTParameterError: a parameter out of range (limit > 100, offset + limit > 10000 …). */
export class InvalidParameterError extends OdsApiError {
  override name = 'InvalidParameterError';
}

export class ServerError extends OdsApiError {
  override name = 'ServerError';
}

function typedError(
  status: number,
  errorCode: string,
  message: string,
  url: string,
  sentApiKey: boolean,
): OdsApiError {
  if (status === 401 || status === 403)
    return new AuthenticationError(status, errorCode, message, url, sentApiKey);
  if (status === 404) return new NotFoundError(status, errorCode, message, url);
  if (status === 400 && (errorCode === ERROR_CODES.odsql || errorCode === ERROR_CODES.odsqlSyntax)) {
    return new OdsqlError(status, errorCode, message, url);
  }
  if (status === 400 && errorCode === ERROR_CODES.invalidParameter) {
    return new InvalidParameterError(status, errorCode, message, url);
  }
  if (status >= 500) return new ServerError(status, errorCode, message, url);
  return new OdsApiError(status, errorCode, message, url);
}

/** Reads a non-2xx response (body and headers) into the matching OdsApiError subclass. */
export async function errorFromResponse(
  response: Response,
  url: string,
  { sentApiKey = false, now = Date.now() }: { sentApiKey?: boolean; now?: number } = {},
): Promise<OdsApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a proxy or an HTML error page; the status text will do.
  }
  const status = response.status;
  let errorCode: string;
  let message: string;
  let quotaReset: string | null = null;
  let period: string | null = null;
  if (isErrorBody(body)) {
    errorCode = body.error_code;
    message = body.message;
  } else if (isQuotaErrorBody(body)) {
    errorCode = `Quota${body.errorcode}`;
    message = body.error;
    quotaReset = body.reset_time;
    period = body.limit_time_unit;
  } else {
    errorCode = `HTTP${status}`;
    const readable = text && text.length < 300 && !text.trimStart().startsWith('<');
    message = (readable ? text.trim() : response.statusText) || `HTTP ${status}`;
  }
  if (status === 429) {
    const rateLimit = readRateLimit(response.headers, now);
    const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'), now);
    const resetAt =
      parseResetTime(quotaReset, now) ??
      rateLimit?.resetAt ??
      (retryAfterSeconds === null ? null : new Date(now + retryAfterSeconds * 1000));
    return new RateLimitError(errorCode, message, url, rateLimit, resetAt, retryAfterSeconds, period);
  }
  return typedError(status, errorCode, message, url, sentApiKey);
}
