import { Link } from '@tanstack/react-router';
import { EmptyState } from '../components/states';
import { RichMessage } from '../i18n/rich-message';
import { t } from '../i18n/translate';

export function NotFoundPage() {
  return (
    <EmptyState title={t('common.notFound.title')}>
      <p>
        <RichMessage
          k="common.notFound.body"
          values={{ link: <Link to="/">{t('common.notFound.link')}</Link> }}
        />
      </p>
    </EmptyState>
  );
}
