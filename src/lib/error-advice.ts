import {
  AuthenticationError,
  InvalidParameterError,
  NotFoundError,
  OdsApiError,
  OdsqlError,
  PortalUnreachableError,
  RateLimitError,
  ServerError,
  UnexpectedResponseError,
} from '../api/errors';
import { formatCount, formatDateTime, formatWait } from '../i18n/format';

/**
 * What the explorer tells the user when a request fails: a title that names the problem, a
 * sentence that says what to do, the portal's own words for the curious, and the actions that help.
 */

export type ErrorAction = 'retry' | 'api-key' | 'choose-portal' | 'catalog';

export interface ErrorAdvice {
  title: string;
  message: string;
  /** The portal's error code and message, verbatim. */
  detail: string | null;
  actions: ErrorAction[];
}

export interface AdviceContext {
  /** How the portal is named in the interface: its host, or the embedded portal's title. */
  portalName: string;
  /** What a 404 means where the error happened, e.g. "This dataset does not exist on …". */
  notFound?: string;
  now?: number;
}

export function adviseError(
  error: unknown,
  { portalName, notFound, now = Date.now() }: AdviceContext,
): ErrorAdvice {
  const detail =
    error instanceof OdsApiError && error.status > 0 ? `${error.errorCode}: ${error.message}` : null;
  if (error instanceof PortalUnreachableError) {
    return {
      title: `Could not reach ${portalName}`,
      message:
        'No answer came back. Check the address and your connection; the portal may be down, or it may not accept requests from other sites (CORS).',
      detail: null,
      actions: ['retry', 'choose-portal'],
    };
  }
  if (error instanceof UnexpectedResponseError) {
    return {
      title: `${portalName} does not answer like an ODS portal`,
      message:
        'The address answered, but not with Explore API data. Check that it is the address of an OpenDataSoft (Huwise) portal.',
      detail: error.message,
      actions: ['choose-portal'],
    };
  }
  if (error instanceof AuthenticationError) {
    return error.sentApiKey
      ? {
          title: `${portalName} refused the API key`,
          message:
            'Check the key in the portal picker, or ask the portal’s administrators for a key that gives access.',
          detail,
          actions: ['api-key', 'retry'],
        }
      : {
          title: `${portalName} needs an API key`,
          message:
            'This content is private. Add an API key in the portal picker; it is kept in this browser only and sent to this portal only.',
          detail,
          actions: ['api-key'],
        };
  }
  if (error instanceof NotFoundError) {
    return {
      title: `Not found on ${portalName}`,
      message:
        notFound ??
        'The portal has nothing at this address. It may have been removed or renamed, or it may be private.',
      detail,
      actions: ['catalog', 'choose-portal'],
    };
  }
  if (error instanceof RateLimitError) {
    const allowance =
      error.rateLimit?.limit != null
        ? `It allows ${formatCount(error.rateLimit.limit)} requests per ${error.period ?? 'day'}. `
        : '';
    const when = error.resetAt
      ? `The quota comes back ${formatWait(error.resetAt, now)} (${formatDateTime(error.resetAt)}).`
      : 'The quota comes back later, usually at midnight UTC.';
    return {
      title: `${portalName}’s request quota is used up`,
      message: `${allowance}${when} Try again then, or add an API key with a larger quota.`,
      detail,
      actions: ['retry', 'api-key'],
    };
  }
  if (error instanceof OdsqlError) {
    return {
      title: 'The portal could not read the query',
      message: 'Change the search text or remove a filter, then try again.',
      detail,
      actions: [],
    };
  }
  if (error instanceof InvalidParameterError) {
    return {
      title: 'The portal refused a parameter',
      message:
        'The request asked for more than the API allows (at most 100 results at a time, and the first 10,000 in all). Narrow the search.',
      detail,
      actions: ['catalog'],
    };
  }
  if (error instanceof ServerError) {
    return {
      title: `${portalName} had a problem (${error.status})`,
      message: 'The error is on the portal’s side. Try again in a moment.',
      detail,
      actions: ['retry'],
    };
  }
  if (error instanceof OdsApiError) {
    return {
      title: `${portalName} refused the request (${error.status})`,
      message: 'Try again; if it keeps failing, the portal may not support this request.',
      detail,
      actions: ['retry'],
    };
  }
  return {
    title: 'Something went wrong',
    message: 'Try again; if it keeps failing, reload the page.',
    detail: error instanceof Error ? error.message : String(error),
    actions: ['retry'],
  };
}
