import { useLocation } from '@tanstack/react-router';
import { Info, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { RichMessage } from '../i18n/rich-message';
import { t } from '../i18n/translate';
import { ignoredParams, langCheck, type ParamCheck } from '../lib/ignored-params';
import { forgetOpenedAddress, openedSearch } from '../lib/opened-address';
import { parseSearchString } from '../lib/search-codec';
import { Button } from './button';
import styles from './ignored-params-notice.module.css';

/**
 * A small notice at the top of a page: "Ignored `page=abc`: not a page number." for each URL
 * parameter the page dropped from the address it was opened with (the router's validated search,
 * and soon the address bar, no longer have them): the page's own, given as `checks`, then `lang`.
 * It stays until dismissed or the user leaves the page. The live region is always there, so a
 * notice that appears later (once a dataset's fields are known) is announced.
 */
export function IgnoredParamsNotice({ checks }: { checks: Readonly<Record<string, ParamCheck>> }) {
  const pathname = useLocation({ select: (location) => location.pathname });
  const [dismissed, setDismissed] = useState(false);
  const opened = dismissed ? null : openedSearch(pathname);
  const ignored =
    opened === null ? [] : ignoredParams(parseSearchString(opened), { ...checks, lang: langCheck });
  useEffect(() => {
    if (openedSearch(pathname) === null) forgetOpenedAddress();
  }, [pathname]);
  const shown = ignored.length > 0;
  return (
    <div role="status" className={shown ? styles.notice : undefined}>
      {shown && (
        <>
          <Info aria-hidden size={16} className={styles.icon} />
          <ul className={styles.list}>
            {ignored.map(({ name, value, reason }) => (
              <li key={`${name}=${value}`}>
                <RichMessage
                  k="common.ignored.param"
                  values={{ param: <code>{`${name}=${value}`}</code>, reason }}
                />
              </li>
            ))}
          </ul>
          <Button
            size="small"
            variant="ghost"
            iconOnly
            aria-label={t('common.dismissNotice')}
            onClick={() => {
              forgetOpenedAddress();
              setDismissed(true);
            }}
          >
            <X aria-hidden size={14} />
          </Button>
        </>
      )}
    </div>
  );
}
