import { isErrorBody, isQuotaErrorBody } from '../../common/ods-api/errors';

/**
 * Every failed API call becomes an OdsApiError: the HTTP status (0 when the portal could not be
 * reached), ODS's error_code and message, and the rate-limit reset when the portal gave one.
 */
export class OdsApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly url: string,
    readonly resetAt: string | null = null,
  ) {
    super(message);
    this.name = 'OdsApiError';
  }
}

export async function errorFromResponse(response: Response): Promise<OdsApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: a proxy or an HTML error page; keep the status text.
  }
  const reset = response.headers.get('X-RateLimit-Reset');
  if (isErrorBody(body))
    return new OdsApiError(response.status, body.error_code, body.message, response.url, reset);
  if (isQuotaErrorBody(body)) {
    return new OdsApiError(
      response.status,
      `Quota${body.errorcode}`,
      body.error,
      response.url,
      body.reset_time,
    );
  }
  const message = text && text.length < 300 && !text.trimStart().startsWith('<') ? text : response.statusText;
  return new OdsApiError(
    response.status,
    `HTTP${response.status}`,
    message || `HTTP ${response.status}`,
    response.url,
    reset,
  );
}
