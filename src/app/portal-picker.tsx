import { useNavigate } from '@tanstack/react-router';
import { Globe, KeyRound, Server, Trash2, X } from 'lucide-react';
import { type FormEvent, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { latestRateLimit, subscribeRateLimits } from '../api/rate-limit';
import { Button } from '../components/button';
import { formatCount, formatDateTime } from '../i18n/format';
import { embeddedPortalTitle, normalizePortalAddress, portalName } from '../lib/portal';
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

const EXAMPLE = 'https://data.economie.gouv.fr';

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
      setError(`“${address.trim()}” is not a web address. Portal addresses look like ${EXAMPLE}.`);
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
          <h2 id={ids.heading}>Choose a portal</h2>
          <Button variant="ghost" iconOnly aria-label="Close" onClick={onClose}>
            <X aria-hidden size={18} />
          </Button>
        </div>
        <p className={styles.intro}>
          Explore this server’s own portal, or any portal that speaks the OpenDataSoft (Huwise) Explore API.
        </p>

        <form onSubmit={submit} className={styles.form} noValidate>
          <label htmlFor={ids.address}>Portal address</label>
          <input
            ref={addressInput}
            id={ids.address}
            type="url"
            inputMode="url"
            placeholder={EXAMPLE}
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
            {error ?? 'Leave empty for the embedded portal. Only the origin (https://host) is kept.'}
          </p>

          <label htmlFor={ids.key}>
            API key <span className={styles.optional}>(optional)</span>
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
            For private datasets. Sent as an <code>Authorization: Apikey …</code> header to this portal only,
            kept in this browser only, never put in a link. Leave empty to forget it.
          </p>

          <div className={styles.actions}>
            <Button variant="primary" type="submit">
              Open portal
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </div>
        </form>

        {rateLimit && rateLimit.limit !== null && rateLimit.remaining !== null && (
          <p className={styles.quota}>
            {portalName(current, embeddedTitle)}: {formatCount(rateLimit.remaining)} of{' '}
            {formatCount(rateLimit.limit)} requests left
            {rateLimit.resetAt ? `, until ${formatDateTime(rateLimit.resetAt)}` : ''}.
          </p>
        )}

        <h3 className={styles.recentHeading}>Portals</h3>
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
              <span className={styles.portalNote}>{current === '' ? 'current · ' : ''}embedded portal</span>
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
                  {current === origin ? 'current' : ''}
                  {apiKeyFor(origin) && (
                    <>
                      {current === origin ? ' · ' : ''}
                      <KeyRound aria-hidden size={12} /> key
                    </>
                  )}
                </span>
              </button>
              <Button
                variant="ghost"
                size="small"
                iconOnly
                aria-label={`Forget ${new URL(origin).host}`}
                title="Forget this portal and its key"
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
