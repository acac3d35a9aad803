import { ERROR_CODES, type ErrorBody } from '../common/ods-api/errors';

/** An error the API answers with ODS's JSON body and the given status. */
export class OdsHttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 413 | 429 | 500 | 503,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'OdsHttpError';
  }

  body(): ErrorBody {
    return { error_code: this.errorCode, message: this.message };
  }
}

export function notFound(message: string): OdsHttpError {
  return new OdsHttpError(404, ERROR_CODES.notFound, message);
}

export function invalidParameter(message: string): OdsHttpError {
  return new OdsHttpError(400, ERROR_CODES.invalidParameter, message);
}
