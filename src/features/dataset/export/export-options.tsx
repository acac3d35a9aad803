import { useId } from 'react';
import type { DatasetField } from '../../../../common/ods-api/types';
import { RichMessage } from '../../../i18n/rich-message';
import { t } from '../../../i18n/translate';
import type { FormatInfo } from './export-formats';
import type { ExportOptions } from './export-request';
import styles from './export-view.module.css';

export interface ExportOptionsProps {
  format: FormatInfo;
  fields: readonly DatasetField[];
  options: ExportOptions;
  /** The dataset's time zone, the portal's default for datetimes. */
  datasetTimeZone: string;
  onChange: (next: ExportOptions) => void;
}

const DELIMITERS = [
  { value: ';', name: 'semicolon' },
  { value: ',', name: 'comma' },
  { value: '\t', name: 'tab' },
  { value: '|', name: 'pipe' },
] as const satisfies readonly { value: ExportOptions['delimiter']; name: string }[];

function timeZones(datasetTimeZone: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set(['UTC', datasetTimeZone, Intl.DateTimeFormat().resolvedOptions().timeZone, ...all])];
}

/** An option's name as the API spells it (the same in every language). */
function ApiName({ name }: { name: string }) {
  return <code>{name}</code>;
}

function Check({
  label,
  hint,
  checked,
  onChange,
}: {
  label: string;
  hint: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <label className={styles.check}>
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <span>
        {label} <span className={styles.hint}>{hint}</span>
      </span>
    </label>
  );
}

/**
 * The options of the chosen format, each under the API's own name (shown in code type), so what a
 * user picks here reads the same in the API view's request.
 */
export function ExportOptionsForm({
  format,
  fields,
  options,
  datasetTimeZone,
  onChange,
}: ExportOptionsProps) {
  const id = useId();
  const set = <K extends keyof ExportOptions>(key: K, value: ExportOptions[K]) =>
    onChange({ ...options, [key]: value });
  const has = (option: FormatInfo['options'][number]) => format.options.includes(option);
  const textFields = fields.filter((f) => f.type === 'text');

  return (
    <fieldset className={styles.options}>
      <legend className={styles.legend}>{t('export.options.legend', { format: format.label })}</legend>
      {has('delimiter') && (
        <label className={styles.control} htmlFor={`${id}-delimiter`}>
          <span>
            <RichMessage k="export.options.delimiter" values={{ param: <ApiName name="delimiter" /> }} />
          </span>
          <select
            id={`${id}-delimiter`}
            value={options.delimiter}
            onChange={(event) => set('delimiter', event.target.value as ExportOptions['delimiter'])}
          >
            {DELIMITERS.map((d) => (
              <option key={d.value} value={d.value}>
                {t(`export.options.${d.name}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('list_separator') && (
        <label className={styles.control} htmlFor={`${id}-list`}>
          <span>
            <RichMessage
              k="export.options.listSeparator"
              values={{ param: <ApiName name="list_separator" /> }}
            />
          </span>
          <input
            id={`${id}-list`}
            value={options.list_separator}
            maxLength={16}
            onChange={(event) => set('list_separator', event.target.value || ',')}
          />
        </label>
      )}
      {has('use_labels') && (
        <Check
          label={t('export.options.useLabels')}
          hint="use_labels"
          checked={options.use_labels}
          onChange={(value) => set('use_labels', value)}
        />
      )}
      {has('with_bom') && (
        <Check
          label={t('export.options.withBom')}
          hint="with_bom"
          checked={options.with_bom}
          onChange={(value) => set('with_bom', value)}
        />
      )}
      {has('quote_all') && (
        <Check
          label={t('export.options.quoteAll')}
          hint="quote_all"
          checked={options.quote_all}
          onChange={(value) => set('quote_all', value)}
        />
      )}
      {has('gpx_fields') && (
        <>
          <label className={styles.control} htmlFor={`${id}-name`}>
            <span>
              <RichMessage k="export.options.nameField" values={{ param: <ApiName name="name_field" /> }} />
            </span>
            <select
              id={`${id}-name`}
              value={options.name_field ?? ''}
              onChange={(event) => set('name_field', event.target.value || null)}
            >
              <option value="">{t('export.options.portalChoice')}</option>
              {textFields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label || f.name}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.control} htmlFor={`${id}-description`}>
            <span>
              <RichMessage
                k="export.options.descriptionFields"
                values={{ param: <ApiName name="description_field_list" /> }}
              />
            </span>
            <select
              id={`${id}-description`}
              multiple
              size={Math.min(6, fields.length)}
              value={options.description_field_list}
              onChange={(event) =>
                set(
                  'description_field_list',
                  [...event.target.selectedOptions].map((option) => option.value),
                )
              }
            >
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.label || f.name}
                </option>
              ))}
            </select>
          </label>
          <Check
            label={t('export.options.useExtension')}
            hint="use_extension"
            checked={options.use_extension}
            onChange={(value) => set('use_extension', value)}
          />
        </>
      )}
      <div className={styles.optionRow}>
        <label className={styles.control} htmlFor={`${id}-limit`}>
          <span>
            <RichMessage k="export.options.limit" values={{ param: <ApiName name="limit" /> }} />
          </span>
          <input
            id={`${id}-limit`}
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={options.limit ?? ''}
            onChange={(event) => {
              const value = Number.parseInt(event.target.value, 10);
              set('limit', Number.isFinite(value) && value > 0 ? value : null);
            }}
          />
        </label>
        <label className={styles.control} htmlFor={`${id}-timezone`}>
          <span>
            <RichMessage k="export.options.timezone" values={{ param: <ApiName name="timezone" /> }} />
          </span>
          <select
            id={`${id}-timezone`}
            value={options.timezone ?? ''}
            onChange={(event) => set('timezone', event.target.value || null)}
          >
            <option value="">{t('export.options.datasetZone', { zone: datasetTimeZone })}</option>
            {timeZones(datasetTimeZone).map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
        </label>
      </div>
      <Check
        label={t('export.options.compressed')}
        hint="compressed"
        checked={options.compressed}
        onChange={(value) => set('compressed', value)}
      />
    </fieldset>
  );
}
