import { t } from '../i18n/translate';

/**
 * The embedded portal's title, which its server writes into index.html
 * (`<meta name="ods-portal-title">`); a generic name in the reader's language without one. Apart
 * from lib/portal.ts, which vite.config.ts reads at build time and so takes no catalogue.
 */
export function embeddedPortalTitle(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="ods-portal-title"]');
  return meta?.content || t('common.portal.embedded');
}
