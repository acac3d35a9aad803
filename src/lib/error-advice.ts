import { MAX_LIMIT, MAX_WINDOW } from '../../common/ods-api/params';
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
import { formatDateTime, formatWait } from '../i18n/format';
import { type MessageKey, t } from '../i18n/translate';

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
  const portal = portalName;
  const detail =
    error instanceof OdsApiError && error.status > 0 ? `${error.errorCode}: ${error.message}` : null;
  if (error instanceof PortalUnreachableError) {
    return {
      title: t('common.error.unreachable.title', { portal }),
      message: t('common.error.unreachable.message'),
      detail: null,
      actions: ['retry', 'choose-portal'],
    };
  }
  if (error instanceof UnexpectedResponseError) {
    return {
      title: t('common.error.unexpected.title', { portal }),
      message: t('common.error.unexpected.message'),
      detail: unexpectedDetail(error),
      actions: ['choose-portal'],
    };
  }
  if (error instanceof AuthenticationError) {
    return error.sentApiKey
      ? {
          title: t('common.error.keyRefused.title', { portal }),
          message: t('common.error.keyRefused.message'),
          detail,
          actions: ['api-key', 'retry'],
        }
      : {
          title: t('common.error.keyNeeded.title', { portal }),
          message: t('common.error.keyNeeded.message'),
          detail,
          actions: ['api-key'],
        };
  }
  if (error instanceof NotFoundError) {
    return {
      title: t('common.error.notFound.title', { portal }),
      message: notFound ?? t('common.error.notFound.message'),
      detail,
      actions: ['catalog', 'choose-portal'],
    };
  }
  if (error instanceof RateLimitError) {
    const limit = error.rateLimit?.limit;
    // Whole sentences, each from the catalogue, in the order they are read.
    const sentences = [
      limit != null
        ? t('common.error.quota.allows', { count: limit, period: periodName(error.period) })
        : null,
      error.resetAt
        ? t('common.error.quota.backAt', {
            wait: formatWait(error.resetAt, now),
            date: formatDateTime(error.resetAt),
          })
        : t('common.error.quota.backLater'),
      t('common.error.quota.then'),
    ];
    return {
      title: t('common.error.quota.title', { portal }),
      message: sentences.filter((sentence) => sentence !== null).join(' '),
      detail,
      actions: ['retry', 'api-key'],
    };
  }
  if (error instanceof OdsqlError) {
    return {
      title: t('common.error.odsql.title'),
      message: t('common.error.odsql.message'),
      detail,
      actions: [],
    };
  }
  if (error instanceof InvalidParameterError) {
    return {
      title: t('common.error.parameter.title'),
      message: t('common.error.parameter.message', { limit: MAX_LIMIT, window: MAX_WINDOW }),
      detail,
      actions: ['catalog'],
    };
  }
  if (error instanceof ServerError) {
    return {
      title: t('common.error.server.title', { portal, status: String(error.status) }),
      message: t('common.error.server.message'),
      detail,
      actions: ['retry'],
    };
  }
  if (error instanceof OdsApiError) {
    return {
      title: t('common.error.refused.title', { portal, status: String(error.status) }),
      message: t('common.error.refused.message'),
      detail,
      actions: ['retry'],
    };
  }
  return {
    title: t('common.error.other.title'),
    message: t('common.error.other.message'),
    detail: error instanceof Error ? error.message : String(error),
    actions: ['retry'],
  };
}

/**
 * A failure in one line, where there is no room for advice (a download's row): the explorer's own
 * words, in the reader's language, for the errors it makes up; the portal's message, as it came,
 * for the errors the portal explains.
 */
export function errorSummary(error: unknown): string {
  if (error instanceof PortalUnreachableError) {
    // The origin, as the portal was asked (a host alone could be another portal's).
    return t('common.error.unreachable.title', {
      portal: error.origin || t('common.portal.theEmbedded'),
    });
  }
  if (error instanceof UnexpectedResponseError) return unexpectedDetail(error);
  return error instanceof Error ? error.message : String(error);
}

function unexpectedDetail(error: UnexpectedResponseError): string {
  return error.contentType
    ? t('common.error.unexpected.detail', { type: error.contentType })
    : t('common.error.unexpected.detailNoType');
}

type PeriodKey = Extract<MessageKey, `common.error.period.${string}`>;

const PERIODS: Readonly<Record<string, PeriodKey>> = {
  minute: 'common.error.period.minute',
  hour: 'common.error.period.hour',
  day: 'common.error.period.day',
  month: 'common.error.period.month',
};

/** ODS's `limit_time_unit` ("day", "month") in the reader's language; a day when the portal says none. */
function periodName(period: string | null): string {
  const key = PERIODS[period ?? 'day'];
  return key ? t(key) : period!;
}
