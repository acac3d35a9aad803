/**
 * Query-string keys never reach a log line: a client that sends `?apikey=…` (as ODS portals accept)
 * would otherwise leave its secret in every error logged for that request.
 */
const SECRET_PARAMS = /^(?:apikey|api_key|key|token|access_token)$/i;

export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.replace(/([?&](?:apikey|api_key|key|token|access_token)=)[^&#]*/gi, '$1REDACTED');
  }
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(name)) parsed.searchParams.set(name, 'REDACTED');
  }
  return parsed.toString();
}
