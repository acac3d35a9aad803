/**
 * The error bodies ODS answers (ods-api.md §8). Every API error is `{"error_code", "message"}`
 * except quota errors, which use ODS's other shape (`errorcode`, `error`, `reset_time`, …).
 */

export const ERROR_CODES = {
  notFound: 'NotFoundResource',
  invalidParameter: 'InvalidRESTParameterError',
  odsql: 'ODSQLError',
  odsqlSyntax: 'ODSQLSyntaxError',
  server: 'ServerError',
  payloadTooLarge: 'PayloadTooLarge',
  queryTimeout: 'QueryTimeoutError',
  unauthorized: 'UnauthorizedError',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface ErrorBody {
  error_code: string;
  message: string;
}

export interface QuotaErrorBody {
  errorcode: number;
  reset_time: string;
  limit_time_unit: string;
  call_limit: number;
  error: string;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).error_code === 'string' &&
    typeof (value as ErrorBody).message === 'string'
  );
}

export function isQuotaErrorBody(value: unknown): value is QuotaErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as QuotaErrorBody).errorcode === 'number' &&
    typeof (value as QuotaErrorBody).error === 'string'
  );
}
