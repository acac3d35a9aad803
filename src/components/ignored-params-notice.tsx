import { useLocation } from '@tanstack/react-router';
import { Info, X } from 'lucide-react';
import { useState } from 'react';
import { ignoredParams, type ParamCheck } from '../lib/ignored-params';
import { parseSearchString } from '../lib/search-codec';
import { Button } from './button';
import styles from './ignored-params-notice.module.css';

/**
 * A small notice at the top of a page: "Ignored `page=abc`: not a page number." for each URL
 * parameter the page dropped, read from the address as typed (the route's validated search no
 * longer has them). Dismissing hides this set; a new address with other dropped values shows again.
 * The live region is always there, so a notice that appears later (once a dataset's fields are
 * known) is announced.
 */
export function IgnoredParamsNotice({ checks }: { checks: Readonly<Record<string, ParamCheck>> }) {
  const searchStr = useLocation({ select: (location) => location.searchStr });
  const ignored = ignoredParams(parseSearchString(searchStr), checks);
  const key = ignored.map(({ name, value }) => `${name}=${value}`).join('&');
  const [dismissed, setDismissed] = useState<string | null>(null);
  const shown = ignored.length > 0 && key !== dismissed;
  return (
    <div role="status" className={shown ? styles.notice : undefined}>
      {shown && (
        <>
          <Info aria-hidden size={16} className={styles.icon} />
          <ul className={styles.list}>
            {ignored.map(({ name, value, reason }) => (
              <li key={`${name}=${value}`}>
                Ignored <code>{`${name}=${value}`}</code>: {reason}.
              </li>
            ))}
          </ul>
          <Button
            size="small"
            variant="ghost"
            iconOnly
            aria-label="Dismiss the notice"
            onClick={() => setDismissed(key)}
          >
            <X aria-hidden size={14} />
          </Button>
        </>
      )}
    </div>
  );
}
