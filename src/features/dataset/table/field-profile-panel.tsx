import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import type { DatasetField } from '../../../../common/ods-api/types';
import type { PortalTarget } from '../../../api/client';
import type { ViewFilter } from '../../../api/params';
import { Button } from '../../../components/button';
import { ApiErrorState, Skeleton } from '../../../components/states';
import { formatCount } from '../../../i18n/format';
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

const number = (value: number) => value.toLocaleString('en', { maximumFractionDigits: 2 });

function Bars({ bars }: { bars: NonNullable<FieldProfile['bars']> }) {
  const most = Math.max(1, ...bars.items.map((item) => item.count));
  return (
    <figure className={styles.profileBars}>
      <figcaption>{bars.kind === 'top' ? 'Top values' : 'Distribution'}</figcaption>
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
    <section className={styles.profile} aria-label={`Profile of ${label}`} aria-busy={!profile}>
      <Button size="small" variant="ghost" onClick={onBack}>
        <ArrowLeft aria-hidden size={13} />
        Back to the columns
      </Button>
      <h3 className={styles.profileHeading}>{label}</h3>
      {query.error ? (
        <ApiErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : !profile ? (
        <Skeleton height="6rem" />
      ) : (
        <>
          <dl className={styles.profileFacts}>
            <dt>Records</dt>
            <dd>{formatCount(profile.total)}</dd>
            <dt>With a value</dt>
            <dd>{formatCount(profile.present)}</dd>
            <dt>Empty</dt>
            <dd>{formatCount(profile.total - profile.present)}</dd>
            {profile.distinct && (
              <>
                <dt>Distinct values</dt>
                <dd>{`${profile.distinct.atLeast ? 'at least ' : ''}${formatCount(profile.distinct.count)}`}</dd>
              </>
            )}
            {profile.min !== null && (
              <>
                <dt>Minimum</dt>
                <dd>{shown(profile.min)}</dd>
                <dt>Maximum</dt>
                <dd>{shown(profile.max)}</dd>
              </>
            )}
            {profile.mean !== null && (
              <>
                <dt>Mean</dt>
                <dd>{number(profile.mean)}</dd>
              </>
            )}
          </dl>
          {profile.bars && profile.bars.items.length > 0 && <Bars bars={profile.bars} />}
        </>
      )}
    </section>
  );
}
