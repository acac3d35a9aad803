import { useNavigate, useSearch } from '@tanstack/react-router';
import { Languages } from 'lucide-react';
import { LOCALE_NAMES, LOCALES, type Locale, saveLocale } from '../i18n/locale';
import { t } from '../i18n/translate';
import styles from './app-shell.module.css';

/**
 * The header's language choice. It is saved for the next visits; a link that names a language
 * (`lang=`) keeps naming one, the new one, so a reload does not switch back. A link without
 * `lang` stays without: the language is the reader's, not part of the view they share.
 */
export function LanguageSwitcher({
  locale,
  onChange,
}: {
  locale: Locale;
  onChange: (locale: Locale) => void;
}) {
  const { lang } = useSearch({ from: '__root__' });
  const navigate = useNavigate();
  return (
    <label className={styles.language}>
      <Languages aria-hidden size={15} />
      <span className="sr-only">{t('common.language.label')}</span>
      <select
        value={locale}
        onChange={(event) => {
          const next = event.target.value as Locale;
          saveLocale(next);
          onChange(next);
          if (lang)
            void navigate({
              to: '.',
              search: (prev: Record<string, unknown>) => ({ ...prev, lang: next }),
              replace: true,
            });
        }}
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
