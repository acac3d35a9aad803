import { Link, Outlet, useSearch } from '@tanstack/react-router';
import { ChevronDown, Database, Globe, KeyRound, Server } from 'lucide-react';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { PortalTarget } from '../api/client';
import { Button } from '../components/button';
import { DownloadsTray } from '../components/downloads-tray';
import { EmptyState, PendingState } from '../components/states';
import { browserLanguages, readSavedLocale, resolveLocale, setCurrentLocale } from '../i18n/locale';
import { t } from '../i18n/translate';
import { embeddedPortalTitle } from '../lib/embedded-portal';
import { EXAMPLE_PORTAL, portalName, readPortalParam } from '../lib/portal';
import { PortalContext, type PortalContextValue } from '../lib/portal-context';
import { apiKeyFor, rememberPortal, subscribePortalStorage } from '../lib/portal-storage';
import styles from './app-shell.module.css';
import { LanguageSwitcher } from './language-switcher';
import { PortalPicker } from './portal-picker';
import { QuotaBadge } from './quota-badge';
import { ThemeToggle } from './theme-toggle';
import { useApiVersion } from './use-api-version';

/**
 * The frame of every page: the header (portal name, portal picker, quota, theme) and the page.
 * It turns the `portal` search parameter, the key kept for that portal and the API version it
 * speaks into the PortalTarget every query uses; pages wait for the version.
 */
export function AppShell() {
  const { portal: portalParam, lang } = useSearch({ from: '__root__' });
  const [savedLocale, setSavedLocale] = useState(readSavedLocale);
  const locale = resolveLocale(lang, savedLocale, browserLanguages());
  // Set while rendering, before any child renders, so every message and formatter below reads it;
  // the page under <main> is keyed by it, so a switch re-mounts it with nothing left in the old one.
  setCurrentLocale(locale);
  const param = readPortalParam(portalParam, window.location.origin);
  const portal = param.ok ? param.portal : '';
  const keyOrigin = portal || window.location.origin;
  const apiKey = useSyncExternalStore(subscribePortalStorage, () => apiKeyFor(keyOrigin));
  const apiVersion = useApiVersion(portal, keyOrigin, apiKey);
  const [picker, setPicker] = useState<'address' | 'api-key' | null>(null);
  const name = portalName(portal, embeddedPortalTitle());

  useEffect(() => {
    if (portal) rememberPortal(portal);
  }, [portal]);

  const openPicker = useCallback((focus: 'address' | 'api-key' = 'address') => setPicker(focus), []);
  const context = useMemo<PortalContextValue | null>(() => {
    if (!apiVersion) return null;
    const target: PortalTarget = apiKey
      ? { portal, apiVersion, apiKey, lang: locale }
      : { portal, apiVersion, lang: locale };
    return { target, name, openPicker };
  }, [portal, apiKey, apiVersion, name, openPicker, locale]);

  return (
    <PortalContext.Provider value={context}>
      <div className={styles.shell}>
        <a href="#main" className={styles.skip}>
          {t('common.shell.skip')}
        </a>
        <header className={styles.header}>
          <Link to="/" className={styles.brand} activeOptions={{ exact: true }}>
            <Database aria-hidden size={19} />
            <span className={styles.brandName}>{name}</span>
          </Link>
          <span className={styles.product}>ODS Explorer</span>
          <div className={styles.spacer} />
          <QuotaBadge portal={portal} />
          <button
            type="button"
            className={styles.portalButton}
            aria-haspopup="dialog"
            aria-label={t(apiKey ? 'common.shell.portalButtonWithKey' : 'common.shell.portalButton', {
              portal: name,
            })}
            onClick={() => openPicker('address')}
          >
            {portal ? <Globe aria-hidden size={15} /> : <Server aria-hidden size={15} />}
            <span className={styles.portalHost}>
              {portal ? new URL(portal).host : t('common.portal.embedded')}
            </span>
            {apiKey && <KeyRound aria-hidden size={13} className={styles.keyIcon} />}
            <ChevronDown aria-hidden size={14} />
          </button>
          <LanguageSwitcher locale={locale} onChange={setSavedLocale} />
          <ThemeToggle />
        </header>
        <main id="main" key={locale} className={styles.main} tabIndex={-1}>
          {!param.ok ? (
            <InvalidPortal raw={param.raw} onChoose={() => openPicker('address')} />
          ) : context ? (
            <Outlet />
          ) : (
            <PendingState label={t('common.shell.askingVersion', { portal: name })} />
          )}
        </main>
      </div>
      <DownloadsTray />
      {picker && <PortalPicker current={portal} focus={picker} onClose={() => setPicker(null)} />}
    </PortalContext.Provider>
  );
}

function InvalidPortal({ raw, onChoose }: { raw: string; onChoose: () => void }) {
  return (
    <EmptyState title={t('common.shell.invalidTitle', { address: raw })}>
      <p>{t('common.shell.invalidBody', { example: EXAMPLE_PORTAL })}</p>
      <p className={styles.invalidActions}>
        <Button variant="primary" onClick={onChoose}>
          {t('common.portal.choose')}
        </Button>
        <Link to="/" search={{ portal: '' }}>
          {t('common.shell.openEmbedded')}
        </Link>
      </p>
    </EmptyState>
  );
}
