import { t } from '../../../i18n/translate';
import { formatValue, plainText } from '../field-format';
import type { Hovered } from './map-engine';
import type { MapFields } from './map-fields';
import styles from './map-view.module.css';

/** What the pointer is over: a record's title and two more fields, or a cluster's count. */
export function MapTooltip({
  hovered,
  fields,
  timeZone,
}: {
  hovered: Hovered;
  fields: MapFields;
  timeZone: string;
}) {
  const style = { transform: `translate(${hovered.x + 14}px, ${hovered.y + 14}px)` };
  if (hovered.kind === 'cluster') {
    return (
      <div className={styles.tooltip} style={style} aria-hidden>
        <strong>{t('common.records', { count: hovered.count })}</strong>
        <span>{t('map.tooltip.zoomIn')}</span>
      </div>
    );
  }
  const title = fields.title
    ? plainText(formatValue(hovered.properties[fields.title.name], fields.title, { timeZone }))
    : '';
  return (
    <div className={styles.tooltip} style={style} aria-hidden>
      <strong>{title || t('common.untitledRecord')}</strong>
      <dl>
        {fields.tooltip.map((field) => {
          const text = plainText(formatValue(hovered.properties[field.name], field, { timeZone }));
          return (
            <div key={field.name}>
              <dt>{field.label || field.name}</dt>
              <dd>{text || '—'}</dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
