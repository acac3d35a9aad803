import { describe, expect, it } from 'vitest';
import { normalizePortalAddress, portalName, readPortalParam } from './portal';

describe('portal addresses', () => {
  it.each([
    ['https://data.economie.gouv.fr', 'https://data.economie.gouv.fr'],
    ['data.economie.gouv.fr', 'https://data.economie.gouv.fr'],
    ['  https://opendata.paris.fr/explore/?sort=modified  ', 'https://opendata.paris.fr'],
    ['https://public.opendatasoft.com/api/v2/catalog/datasets', 'https://public.opendatasoft.com'],
    ['HTTP://Example.ORG:8080/x', 'http://example.org:8080'],
    ['http://127.0.0.1:8181', 'http://127.0.0.1:8181'],
    ['localhost:5173', 'https://localhost:5173'],
  ])('%s → %s', (input, origin) => {
    expect(normalizePortalAddress(input)).toBe(origin);
  });

  it.each(['', 'not an address', 'javascript:alert(1)', 'ftp://files.example.org', 'foo', 'https://'])(
    'refuses %j',
    (input) => {
      expect(normalizePortalAddress(input)).toBeNull();
    },
  );

  it('reads an absent parameter as the portal a build baked in (VITE_DEFAULT_PORTAL), if any', () => {
    expect(readPortalParam(undefined, undefined, 'https://data.economie.gouv.fr')).toEqual({
      ok: true,
      portal: 'https://data.economie.gouv.fr',
    });
    expect(readPortalParam('', undefined, 'https://data.economie.gouv.fr').ok).toBe(true);
    expect(readPortalParam('opendata.paris.fr', undefined, 'https://data.economie.gouv.fr')).toEqual({
      ok: true,
      portal: 'https://opendata.paris.fr',
    });
  });

  it('reads the portal search parameter', () => {
    expect(readPortalParam(undefined)).toEqual({ ok: true, portal: '' });
    expect(readPortalParam('')).toEqual({ ok: true, portal: '' });
    expect(readPortalParam('data.economie.gouv.fr')).toEqual({
      ok: true,
      portal: 'https://data.economie.gouv.fr',
    });
    expect(readPortalParam('http://127.0.0.1:8181/', 'http://127.0.0.1:8181')).toEqual({
      ok: true,
      portal: '',
    });
    expect(readPortalParam('foo')).toEqual({ ok: false, raw: 'foo' });
  });

  it('names a portal by its host, or the embedded title', () => {
    expect(portalName('', 'Sample portal')).toBe('Sample portal');
    expect(portalName('https://data.economie.gouv.fr', 'Sample portal')).toBe('data.economie.gouv.fr');
  });
});
