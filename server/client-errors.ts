import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_CODES, type ErrorBody } from '../common/ods-api/errors';

/**
 * Requests Node refuses before the app sees them. A request head (request line and headers) may be
 * up to 64 KiB: a long `where` or a drawn polygon travels in the URL, and Node's default of 16 KiB
 * cut those off. Past that, and for any other malformed request, Node would answer a bare status
 * with no body and no CORS header, which a browser on another origin cannot even read; the hook
 * below answers ODS's JSON error body with `Access-Control-Allow-Origin` instead.
 */

export const MAX_HEADER_BYTES = 64 * 1024;

interface ClientError extends Error {
  code?: string;
  rawPacket?: Buffer;
}

/**
 * 431 for a head over the limit, whether the URL or the headers make it long: Node hands the hook
 * only the last piece it read, so which of the two overflowed cannot be told reliably.
 */
function refusal(error: ClientError): { status: number; reason: string; message: string } {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431,
      reason: 'Request Header Fields Too Large',
      message: `The request URL and headers are larger than ${MAX_HEADER_BYTES / 1024} KiB; send fewer or shorter parameters.`,
    };
  }
  return { status: 400, reason: 'Bad Request', message: 'The request is not valid HTTP.' };
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: ClientError, socket: Socket) => {
    // A client that hung up or timed out cannot be answered.
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, reason, message } = refusal(error);
    const body = JSON.stringify({ error_code: ERROR_CODES.invalidParameter, message } satisfies ErrorBody);
    socket.end(
      [
        `HTTP/1.1 ${status} ${reason}`,
        'Content-Type: application/json; charset=utf-8',
        `Content-Length: ${Buffer.byteLength(body)}`,
        'Access-Control-Allow-Origin: *',
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  });
}
