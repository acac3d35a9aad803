import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { Button } from '../../../components/button';
import { ApiErrorState, Skeleton } from '../../../components/states';
import { formatCount, formatNumber } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { formatValue, plainText } from '../field-format';
import { type FieldProfile, fieldProfileQuery } from '../field-profile';
import styles from './column-menu.module.css';

export interface FieldProfilePanelProps {
  target: PortalTarget;
  datasetId: string;
  field: DatasetField;
  filter: ViewFilter;
  timeZone: string;
  onBack: () => void;
}

function Bars({ bars }: { bars: NonNullable<FieldProfile['bars']> }) {
  const most = Math.max(1, ...bars.items.map((item) => item.count));
  return (
    <figure className={styles.profileBars}>
      <figcaption>
        {bars.kind === 'top' ? t('table.profile.top') : t('table.profile.distribution')}
      </figcaption>
      <ul>
        {bars.items.map((item) => (
          <li key={item.label}>
            <span className={styles.profileLabel}>{item.label}</span>
            <span
              className={styles.profileBar}
              style={{ width: `${(item.count / most) * 100}%` }}
              aria-hidden
            />
            <span className={styles.profileCount}>{formatCount(item.count)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** "Profile this field": its counts, range and shape over the view's filtered records. */
export function FieldProfilePanel({
  target,
  datasetId,
  field,
  filter,
  timeZone,
  onBack,
}: FieldProfilePanelProps) {
  const query = useQuery(fieldProfileQuery(target, datasetId, field, filter));
  const profile = query.data;
  const label = field.label || field.name;
  const shown = (value: number | string | null) =>
    value === null ? '–' : plainText(formatValue(value, field, { timeZone }));
  return (
    <section className={styles.profile} aria-label={t('table.profile.label', { label })} aria-busy={!profile}>
      <Button size="small" variant="ghost" onClick={onBack}>
        <ArrowLeft aria-hidden size={13} />
        {t('table.profile.back')}
      </Button>
      <h3 className={styles.profileHeading}>{label}</h3>
      {query.error ? (
        <ApiErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : !profile ? (
        <Skeleton height="6rem" />
      ) : (
        <>
          <dl className={styles.profileFacts}>
            <dt>{t('table.profile.records')}</dt>
            <dd>{formatCount(profile.total)}</dd>
            <dt>{t('table.profile.present')}</dt>
            <dd>{formatCount(profile.present)}</dd>
            <dt>{t('table.profile.empty')}</dt>
            <dd>{formatCount(profile.total - profile.present)}</dd>
            {profile.distinct && (
              <>
                <dt>{t('table.profile.distinct')}</dt>
                <dd>
                  {profile.distinct.atLeast
                    ? t('table.profile.atLeast', { value: formatCount(profile.distinct.count) })
                    : formatCount(profile.distinct.count)}
                </dd>
              </>
            )}
            {profile.min !== null && (
              <>
                <dt>{t('table.profile.min')}</dt>
                <dd>{shown(profile.min)}</dd>
                <dt>{t('table.profile.max')}</dt>
                <dd>{shown(profile.max)}</dd>
              </>
            )}
            {profile.mean !== null && (
              <>
                <dt>{t('table.profile.mean')}</dt>
                <dd>{formatNumber(profile.mean)}</dd>
              </>
            )}
          </dl>
          {profile.bars && profile.bars.items.length > 0 && <Bars bars={profile.bars} />}
        </>
      )}
    </section>
  );
}
