import { useNavigate } from '@tanstack/react-router';
import { Globe, KeyRound, Server, Trash2, X } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { latestRateLimit, subscribeRateLimits } from '../api/rate-limit';
import { Button } from '../components/button';
import { formatDateTime } from '../i18n/format';
import { RichMessage } from '../i18n/rich-message';
import { t } from '../i18n/translate';
import { embeddedPortalTitle } from '../lib/embedded-portal';
import { EXAMPLE_PORTAL, normalizePortalAddress, portalName } from '../lib/portal';
import {
  apiKeyFor,
  forgetPortal,
  recentPortals,
  rememberPortal,
  saveApiKey,
  subscribePortalStorage,
} from '../lib/portal-storage';
import styles from './portal-picker.module.css';

export interface PortalPickerProps {
  /** The current portal's origin ('' for the embedded portal). */
  current: string;
  focus: 'address' | 'api-key';
  onClose: () => void;
}

/** How the key travels (ods-api.md §2.2): an HTTP header, the same in every language. */
const AUTH_HEADER = 'Authorization: Apikey …';

/** Where the API key of a portal is kept: its origin, or this page's origin for the embedded portal. */
function keyOrigin(portal: string): string {
  return portal || window.location.origin;
}

/**
 * The portal picker: open any portal by address, reopen a recent one, and set the optional API key
 * of the portal being opened. A modal <dialog>, so focus stays inside and Escape closes it.
 */
export function PortalPicker({ current, focus, onClose }: PortalPickerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const addressInput = useRef<HTMLInputElement>(null);
  const keyInput = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const recents = useSyncExternalStore(subscribePortalStorage, recentPortals);
  const rateLimit = useSyncExternalStore(subscribeRateLimits, () => latestRateLimit(current));
  const [address, setAddress] = useState(current);
  const [apiKey, setApiKey] = useState(() => apiKeyFor(keyOrigin(current)));
  const [keyEdited, setKeyEdited] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = { heading: useId(), address: useId(), addressHelp: useId(), key: useId(), keyHelp: useId() };
  const embeddedTitle = embeddedPortalTitle();

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    (focus === 'api-key' ? keyInput : addressInput).current?.focus();
    return () => element.close();
  }, [focus]);

  // Show the key kept for the address being typed, until the user types a key of their own.
  useEffect(() => {
    if (keyEdited) return;
    const origin = address.trim() ? normalizePortalAddress(address) : '';
    if (origin !== null) setApiKey(apiKeyFor(keyOrigin(origin === window.location.origin ? '' : origin)));
  }, [address, keyEdited]);

  const open = (portal: string, key: string) => {
    saveApiKey(keyOrigin(portal), key);
    rememberPortal(portal);
    onClose();
    // '' rather than undefined: an absent portal would be carried over from the current URL.
    navigate({ to: '/', search: { portal } });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!address.trim()) {
      open('', apiKey);
      return;
    }
    const origin = normalizePortalAddress(address);
    if (!origin) {
      setError(t('common.picker.notAnAddress', { address: address.trim(), example: EXAMPLE_PORTAL }));
      addressInput.current?.focus();
      return;
    }
    open(origin === window.location.origin ? '' : origin, apiKey);
  };

  const openSaved = (portal: string) => open(portal, apiKeyFor(keyOrigin(portal)));

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click closes on the backdrop; Escape closes a modal dialog natively
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={ids.heading}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop lands on the dialog element itself.
        if (event.target === dialog.current) onClose();
      }}
    >
      <div className={styles.body}>
        <div className={styles.head}>
          <h2 id={ids.heading}>{t('common.portal.choose')}</h2>
          <Button variant="ghost" iconOnly aria-label={t('common.close')} onClick={onClose}>
            <X aria-hidden size={18} />
          </Button>
        </div>
        <p className={styles.intro}>{t('common.picker.intro')}</p>

        <form onSubmit={submit} className={styles.form} noValidate>
          <label htmlFor={ids.address}>{t('common.picker.address')}</label>
          <input
            ref={addressInput}
            id={ids.address}
            type="url"
            inputMode="url"
            placeholder={EXAMPLE_PORTAL}
            value={address}
            autoComplete="url"
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            aria-describedby={ids.addressHelp}
            onChange={(event) => {
              setAddress(event.target.value);
              setError(null);
            }}
          />
          <p
            id={ids.addressHelp}
            className={error ? styles.error : styles.help}
            role={error ? 'alert' : undefined}
          >
            {error ?? t('common.picker.addressHelp')}
          </p>

          <label htmlFor={ids.key}>
            <RichMessage
              k="common.picker.apiKey"
              values={{ optional: <span className={styles.optional}>{t('common.picker.optional')}</span> }}
            />
          </label>
          <input
            ref={keyInput}
            id={ids.key}
            type="password"
            value={apiKey}
            autoComplete="off"
            spellCheck={false}
            aria-describedby={ids.keyHelp}
            onChange={(event) => {
              setApiKey(event.target.value);
              setKeyEdited(true);
            }}
          />
          <p id={ids.keyHelp} className={styles.help}>
            <RichMessage k="common.picker.apiKeyHelp" values={{ header: <code>{AUTH_HEADER}</code> }} />
          </p>

          <div className={styles.actions}>
            <Button variant="primary" type="submit">
              {t('common.picker.open')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </div>
        </form>

        {rateLimit && rateLimit.limit !== null && rateLimit.remaining !== null && (
          <p className={styles.quota}>
            {rateLimit.resetAt
              ? t('common.picker.quotaUntil', {
                  portal: portalName(current, embeddedTitle),
                  count: rateLimit.remaining,
                  limit: rateLimit.limit,
                  date: formatDateTime(rateLimit.resetAt),
                })
              : t('common.picker.quota', {
                  portal: portalName(current, embeddedTitle),
                  count: rateLimit.remaining,
                  limit: rateLimit.limit,
                })}
          </p>
        )}

        <h3 className={styles.recentHeading}>{t('common.picker.portals')}</h3>
        <ul className={styles.recent}>
          <li>
            <button
              type="button"
              className={styles.portal}
              aria-current={current === '' ? 'true' : undefined}
              onClick={() => openSaved('')}
            >
              <Server aria-hidden size={16} />
              <span className={styles.portalName}>{embeddedTitle}</span>
              <span className={styles.portalNote}>
                {t(current === '' ? 'common.picker.currentEmbeddedNote' : 'common.picker.embeddedNote')}
              </span>
            </button>
          </li>
          {recents.map((origin) => (
            <li key={origin}>
              <button
                type="button"
                className={styles.portal}
                aria-current={current === origin ? 'true' : undefined}
                onClick={() => openSaved(origin)}
              >
                <Globe aria-hidden size={16} />
                <span className={styles.portalName}>{new URL(origin).host}</span>
                <span className={styles.portalNote}>
                  {current === origin ? t('common.picker.current') : ''}
                  {apiKeyFor(origin) && (
                    <>
                      {current === origin ? ' · ' : ''}
                      <KeyRound aria-hidden size={12} /> {t('common.picker.key')}
                    </>
                  )}
                </span>
              </button>
              <Button
                variant="ghost"
                size="small"
                iconOnly
                aria-label={t('common.picker.forget', { host: new URL(origin).host })}
                title={t('common.picker.forgetTitle')}
                onClick={() => forgetPortal(origin)}
              >
                <Trash2 aria-hidden size={14} />
              </Button>
            </li>
          ))}
        </ul>
      </div>
    </dialog>
  );
}
