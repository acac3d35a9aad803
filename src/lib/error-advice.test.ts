import { afterEach, describe, expect, it } from 'vitest';
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
import { setCurrentLocale } from '../i18n/locale';
import { adviseError, errorSummary } from './error-advice';

const context = { portalName: 'data.economie.gouv.fr', now: Date.UTC(2026, 0, 1, 22, 0) };

/** A quota of 10,000 requests a period, used up, coming back two hours after `context.now`. */
const quotaUsedUp = (period: string) =>
  new RateLimitError(
    'Quota10002',
    'Too many requests',
    'u',
    { limit: 10000, remaining: 0, resetAt: null },
    new Date(Date.UTC(2026, 0, 2, 0, 0)),
    null,
    period,
  );

describe('adviseError', () => {
  it('unreachable: says so and offers to retry or choose another portal', () => {
    const advice = adviseError(new PortalUnreachableError('u', 'https://data.economie.gouv.fr'), context);
    expect(advice.title).toBe('Could not reach data.economie.gouv.fr');
    expect(advice.message).toMatch(/Check the address/);
    expect(advice.actions).toEqual(['retry', 'choose-portal']);
  });

  it('401 without a key: asks for one; with a key: says it was refused', () => {
    const needed = adviseError(new AuthenticationError(401, 'Unauthorized', 'm', 'u', false), context);
    expect(needed.title).toBe('data.economie.gouv.fr needs an API key');
    expect(needed.actions).toEqual(['api-key']);
    const refused = adviseError(new AuthenticationError(401, 'Unauthorized', 'm', 'u', true), context);
    expect(refused.title).toBe('data.economie.gouv.fr refused the API key');
    expect(refused.actions).toContain('api-key');
  });

  it('404: uses the caller’s explanation and offers the catalog', () => {
    const advice = adviseError(new NotFoundError(404, 'NotFoundResource', 'Unknown dataset: x', 'u'), {
      ...context,
      notFound: 'There is no dataset “x”.',
    });
    expect(advice.message).toBe('There is no dataset “x”.');
    expect(advice.detail).toBe('NotFoundResource: Unknown dataset: x');
    expect(advice.actions).toContain('catalog');
  });

  it('429: says when the quota comes back and how to get more', () => {
    const error = quotaUsedUp('day');
    const advice = adviseError(error, context);
    expect(advice.title).toBe('data.economie.gouv.fr’s request quota is used up');
    expect(advice.message).toMatch(/allows 10,000 requests per day/);
    expect(advice.message).toMatch(/comes back in 2 hours/);
    expect(advice.message).toMatch(/API key/);
    expect(advice.actions).toEqual(['retry', 'api-key']);
  });

  it('ODSQL, parameter, server and other errors each get their own words', () => {
    expect(adviseError(new OdsqlError(400, 'ODSQLError', 'bad', 'u'), context).title).toMatch(
      /could not read the query/,
    );
    expect(
      adviseError(new InvalidParameterError(400, 'InvalidRESTParameterError', 'x', 'u'), context).message,
    ).toMatch(/10,000/);
    expect(adviseError(new ServerError(503, 'HTTP503', 'x', 'u'), context).title).toBe(
      'data.economie.gouv.fr had a problem (503)',
    );
    expect(adviseError(new UnexpectedResponseError(200, 'u', 'text/html'), context).actions).toEqual([
      'choose-portal',
    ]);
    expect(adviseError(new OdsApiError(418, 'HTTP418', 'teapot', 'u'), context).detail).toBe(
      'HTTP418: teapot',
    );
    expect(adviseError(new Error('boom'), context).detail).toBe('boom');
  });
});

describe('advice in French', () => {
  afterEach(() => setCurrentLocale('en'));

  it('words the explorer’s advice in the reader’s language and keeps the portal’s own message', () => {
    setCurrentLocale('fr');
    const error = quotaUsedUp('month');
    const advice = adviseError(error, context);
    expect(advice.title).toBe('Le quota de requêtes de data.economie.gouv.fr est épuisé');
    expect(advice.message).toMatch(
      /^Il permet 10\u202f000 requêtes par mois\. Le quota revient dans 2 heures/,
    );
    expect(advice.detail).toBe('Quota10002: Too many requests');
    expect(adviseError(new UnexpectedResponseError(200, 'u', 'text/html'), context).detail).toBe(
      'La réponse n’était pas du JSON de l’API Explore (text/html)',
    );
  });
});

describe('errorSummary', () => {
  afterEach(() => setCurrentLocale('en'));

  it('names the portal that did not answer, the embedded one in words, in the reader’s language', () => {
    expect(errorSummary(new PortalUnreachableError('/api/v2/catalog/datasets', ''))).toBe(
      'Could not reach the embedded portal',
    );
    expect(errorSummary(new PortalUnreachableError('u', 'https://data.example.org'))).toBe(
      'Could not reach https://data.example.org',
    );
    expect(errorSummary(new NotFoundError(404, 'NotFoundResource', 'Unknown dataset: x', 'u'))).toBe(
      'Unknown dataset: x',
    );
    setCurrentLocale('fr');
    expect(errorSummary(new PortalUnreachableError('/api/v2/catalog/datasets', ''))).toBe(
      'Impossible de joindre le portail intégré',
    );
    expect(errorSummary(new UnexpectedResponseError(200, 'u', null))).toBe(
      'La réponse n’était pas du JSON de l’API Explore (aucun type de contenu)',
    );
  });
});
