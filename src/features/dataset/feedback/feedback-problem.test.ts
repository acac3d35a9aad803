import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PortalTarget } from '../../../api/client';
import { probeFeedback, sendFeedback } from '../../../api/feedback';
import { latestRateLimit } from '../../../api/rate-limit';
import { feedbackProblem } from './feedback-problem';

/** The send's error paths, each from a faked answer: what the form is told to do. */

const remote: PortalTarget = { portal: 'https://data.example.org', apiVersion: '2.1' };
const NOW = Date.UTC(2026, 11, 2, 1, 0, 0);

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetch = vi.fn(
    async () =>
      new Response(typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json', ...headers },
      }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return feedbackProblem(error, NOW);
  }
  throw new Error('expected a failure');
}

const send = () =>
  sendFeedback(remote, 'trees', { comment: 'x', recordId: 'r1', newValues: { height: 1.5 } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('feedback problems', () => {
  it('a 400 names the input: a field of newValues, an unknown field, or the comment', async () => {
    answer(400, {
      error_code: 'InvalidRESTParameterError',
      message: 'Invalid value for feedback.newValues.height: expected an integer, got number 1.5.',
    });
    expect(await problemOf(send())).toEqual({
      kind: 'invalid',
      message: 'Invalid value for feedback.newValues.height: expected an integer, got number 1.5.',
      at: { field: 'height' },
    });
    answer(400, {
      error_code: 'InvalidRESTParameterError',
      message: 'Invalid value for feedback.newValues: "hieght" is not a field of dataset trees.',
    });
    expect(await problemOf(send())).toMatchObject({ kind: 'invalid', at: { field: 'hieght' } });
    answer(400, {
      error_code: 'InvalidRESTParameterError',
      message: 'Invalid value for feedback.comment: it must not be empty.',
    });
    expect(await problemOf(send())).toMatchObject({ kind: 'invalid', at: { comment: true } });
    answer(413, { error_code: 'PayloadTooLarge', message: 'The feedback body is larger than 64 KiB.' });
    expect(await problemOf(send())).toMatchObject({ kind: 'invalid', at: null });
  });

  it('a 429 says when to try again: Retry-After first, else the reset the portal gave', async () => {
    const quota = {
      errorcode: 10005,
      reset_time: '2026-12-02T01:05:00Z',
      limit_time_unit: 'minute',
      call_limit: 30,
      error: 'Too many',
    };
    answer(429, quota, { 'Retry-After': '42', 'X-RateLimit-Reset': String(NOW / 1000 + 300) });
    expect(await problemOf(send())).toEqual({
      kind: 'rate-limited',
      message: 'Too many',
      retryAt: new Date(NOW + 42_000),
    });
    answer(429, quota);
    expect(await problemOf(send())).toMatchObject({ retryAt: new Date('2026-12-02T01:05:00Z') });
    // The feedback limit is the endpoint's own: the header's quota badge must not read it.
    expect(latestRateLimit(remote.portal)).toBeNull();
    answer(429, 'slow down', { 'Content-Type': 'text/plain' });
    expect(await problemOf(send())).toMatchObject({ kind: 'rate-limited', retryAt: null });
  });

  it('an unreachable portal is offered a retry; a missing endpoint says so; anything else fails plainly', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    expect(await problemOf(send())).toEqual({
      kind: 'unreachable',
      message: 'Could not reach https://data.example.org',
    });
    answer(404, { error_code: 'NotFound', message: 'Unknown resource' });
    expect(await problemOf(send())).toMatchObject({ kind: 'absent' });
    answer(405, 'Method Not Allowed', { 'Content-Type': 'text/plain' });
    expect(await problemOf(send())).toMatchObject({ kind: 'absent' });
    answer(500, { error_code: 'InternalServerError', message: 'Internal server error' });
    expect(await problemOf(send())).toEqual({ kind: 'failed', message: 'Internal server error' });
  });

  it('the probe reads a refusal as "there", 404 and 405 as "absent", and never asks the embedded portal', async () => {
    const fetch = answer(400, {
      error_code: 'InvalidRESTParameterError',
      message: 'Invalid value for feedback.comment: it is required.',
    });
    expect(await probeFeedback(remote, 'trees')).toBe('available');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://data.example.org/api/explore/v2.1/catalog/datasets/trees/feedback');
    expect(init.method).toBe('PUT');
    expect(JSON.parse(init.body as string)).toEqual({ feedback: {} });
    answer(404, { error_code: 'NotFound', message: 'Unknown resource' });
    expect(await probeFeedback(remote, 'trees')).toBe('absent');
    answer(405, '');
    expect(await probeFeedback(remote, 'trees')).toBe('absent');
    const embedded = answer(500, {});
    expect(await probeFeedback({ portal: '', apiVersion: '2.0' }, 'trees')).toBe('available');
    expect(embedded).not.toHaveBeenCalled();
  });
});
