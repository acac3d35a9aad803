import { Check, ChevronDown, ChevronRight, EyeOff } from 'lucide-react';
import { type KeyboardEvent, type ReactNode, useId, useRef, useState } from 'react';
import type { FacetGroup, FacetValue } from '../../common/ods-api/types';
import { formatCount } from '../i18n/format';
import { t } from '../i18n/translate';
import styles from './facet-group.module.css';
import { facetKeyAction, facetValueKey, visibleFacetValues } from './facet-keys';

/** Values shown before "Show all"; a search box appears from this many values. */
const SHOWN_VALUES = 8;
const FILTERABLE_FROM = 12;

/** What a value's children are: a year's months, a month's days, a branch's values. */
export type FacetChildren = 'months' | 'days' | 'values';

const EXPAND_LABELS = {
  months: { show: 'common.facet.showMonths', hide: 'common.facet.hideMonths' },
  days: { show: 'common.facet.showDays', hide: 'common.facet.hideDays' },
  values: { show: 'common.facet.showValues', hide: 'common.facet.hideValues' },
} as const;

const COUNT_LABELS = { dataset: 'common.facet.valueDatasets', record: 'common.facet.valueRecords' } as const;

export interface FacetGroupProps {
  group: FacetGroup;
  /** The facet's name as the page shows it. */
  label: string;
  /** How a value reads; `depth` > 0 inside a date or hierarchy tree. */
  valueLabel: (value: string, depth: number) => string;
  /**
   * What the counts count, as the English pair the callers already name; it picks the catalogue's
   * plural message (COUNT_LABELS), so French gets its own forms.
   */
  noun: 'dataset' | 'record';
  /** Whether refining a level replaces its branch (dates, hierarchies). */
  hierarchical: boolean;
  /** What a value's children are, for the expand button. */
  childNoun?: (depth: number) => FacetChildren;
  onRefine: (facet: string, value: string, hierarchical: boolean) => void;
  onExclude: (facet: string, value: string) => void;
}

/**
 * One facet: its values with counts, refine (click) and exclude (the eye), nested levels for dates
 * and hierarchies, and a search inside its values when there are many. Its values are one tab stop;
 * the keys inside are facet-keys.ts's.
 */
export function FacetGroupPanel({
  group,
  label,
  valueLabel,
  noun,
  hierarchical,
  childNoun = () => 'values',
  onRefine,
  onExclude,
}: FacetGroupProps) {
  const [open, setOpen] = useState(true);
  const [showAll, setShowAll] = useState(false);
  const [filter, setFilter] = useState('');
  const [expandedChoice, setExpandedChoice] = useState<ReadonlyMap<string, boolean>>(new Map());
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const listId = useId();
  const hintId = useId();
  const needle = filter.trim().toLowerCase();
  const matching = needle
    ? group.facets.filter((value) => valueLabel(value.value, 0).toLowerCase().includes(needle))
    : group.facets;
  // Refined and excluded values always stay in view.
  const visible =
    showAll || needle
      ? matching
      : matching.filter((value, index) => index < SHOWN_VALUES || value.state !== 'displayed');
  // Open by default once refined, or when something below is chosen (its next level is then what
  // the user looks for), until the user opens or closes it.
  const isExpanded = (key: string, value: FacetValue) =>
    expandedChoice.get(key) ?? (value.state === 'refined' || hasChosenBelow(value));
  const rows = visibleFacetValues(visible, isExpanded);
  // The tab stop stays on the value last focused while it is shown, else the first value.
  const tabStop = rows.some((row) => row.key === activeKey) ? activeKey : (rows[0]?.key ?? null);
  const setExpanded = (key: string, expanded: boolean) =>
    setExpandedChoice((choices) => new Map(choices).set(key, expanded));

  const onValueKeyDown = (event: KeyboardEvent<HTMLButtonElement>, key: string) => {
    const index = rows.findIndex((row) => row.key === key);
    const row = rows[index];
    if (!row) return;
    const hasChildren = (row.value.facets?.length ?? 0) > 0;
    const parentIndex = row.parentKey === null ? -1 : rows.findIndex((r) => r.key === row.parentKey);
    const action = facetKeyAction(event.key, {
      index,
      count: rows.length,
      hasChildren,
      expanded: hasChildren && isExpanded(row.key, row.value),
      parentIndex: parentIndex === -1 ? null : parentIndex,
    });
    if (!action) return;
    event.preventDefault();
    if (action.kind === 'focus') {
      const key = rows[action.index]!.key;
      setActiveKey(key);
      buttons.current.get(key)?.focus();
    } else if (action.kind === 'expand') setExpanded(row.key, true);
    else if (action.kind === 'collapse') setExpanded(row.key, false);
    else onExclude(group.name, row.value.value);
  };

  // Nested lists, as the tree reads; closed branches stay in the page, hidden.
  const renderValues = (
    values: readonly FacetValue[],
    parentKey: string | null,
    depth: number,
    idPrefix: string,
  ): ReactNode => {
    const withToggles = values.some((value) => value.facets?.length);
    return values.map((value, index) => {
      const key = facetValueKey(parentKey, value.value);
      const children = value.facets ?? [];
      const expanded = isExpanded(key, value);
      const childrenId = `${idPrefix}-${index}`;
      return (
        <li key={key} className={styles.valueItem}>
          <FacetValueRow
            value={value}
            depth={depth}
            valueLabel={valueLabel}
            noun={noun}
            expandable={withToggles}
            expanded={expanded}
            childrenId={childrenId}
            childNoun={childNoun}
            tabStop={key === tabStop}
            hintId={hintId}
            buttonRef={(element) => {
              if (element) buttons.current.set(key, element);
              else buttons.current.delete(key);
            }}
            onFocus={() => setActiveKey(key)}
            onKeyDown={(event) => onValueKeyDown(event, key)}
            onToggleExpanded={() => setExpanded(key, !expanded)}
            onRefine={() => onRefine(group.name, value.value, hierarchical)}
            onExclude={() => onExclude(group.name, value.value)}
          />
          {children.length > 0 && (
            <ul id={childrenId} className={styles.children} hidden={!expanded}>
              {renderValues(children, key, depth + 1, childrenId)}
            </ul>
          )}
        </li>
      );
    });
  };

  const lowerLabel = label.toLowerCase();
  return (
    <section className={styles.group} aria-label={label}>
      <h3 className={styles.groupHeading}>
        <button
          type="button"
          className={styles.groupToggle}
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          {open ? <ChevronDown aria-hidden size={15} /> : <ChevronRight aria-hidden size={15} />}
          {label}
        </button>
      </h3>
      <div id={listId} hidden={!open}>
        {group.facets.length >= FILTERABLE_FROM && (
          <input
            type="search"
            className={styles.filter}
            placeholder={t('common.facet.findPlaceholder', { facet: lowerLabel })}
            aria-label={t('common.facet.find', { facet: lowerLabel })}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        )}
        <span id={hintId} hidden>
          {t('common.facet.keysHint')}
        </span>
        <ul className={styles.values}>{renderValues(visible, null, 0, listId)}</ul>
        {needle && matching.length === 0 && (
          <p className={styles.none}>{t('common.facet.noMatch', { facet: lowerLabel })}</p>
        )}
        {!needle && matching.length > SHOWN_VALUES && (
          <button type="button" className={styles.more} onClick={() => setShowAll(!showAll)}>
            {showAll ? t('common.facet.showFewer') : t('common.facet.showAll', { count: matching.length })}
          </button>
        )}
      </div>
    </section>
  );
}

interface FacetValueRowProps {
  value: FacetValue;
  depth: number;
  valueLabel: FacetGroupProps['valueLabel'];
  noun: FacetGroupProps['noun'];
  /** Whether this value or a sibling has children (then every row keeps room for the toggle). */
  expandable: boolean;
  expanded: boolean;
  childrenId: string;
  childNoun: (depth: number) => FacetChildren;
  /** Whether this value is the group's one tab stop. */
  tabStop: boolean;
  hintId: string;
  buttonRef: (element: HTMLButtonElement | null) => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
  onToggleExpanded: () => void;
  onRefine: () => void;
  onExclude: () => void;
}

function FacetValueRow({
  value,
  depth,
  valueLabel,
  noun,
  expandable,
  expanded,
  childrenId,
  childNoun,
  tabStop,
  hintId,
  buttonRef,
  onFocus,
  onKeyDown,
  onToggleExpanded,
  onRefine,
  onExclude,
}: FacetValueRowProps) {
  const hasChildren = (value.facets?.length ?? 0) > 0;
  const label = valueLabel(value.value, depth);
  const refined = value.state === 'refined';
  const excluded = value.state === 'excluded';
  return (
    <div className={`${styles.row} ${refined ? styles.refined : ''} ${excluded ? styles.excluded : ''}`}>
      {expandable &&
        (hasChildren ? (
          <button
            type="button"
            tabIndex={-1}
            className={styles.expand}
            aria-expanded={expanded}
            aria-controls={childrenId}
            aria-label={t(EXPAND_LABELS[childNoun(depth)][expanded ? 'hide' : 'show'], { value: label })}
            onClick={onToggleExpanded}
          >
            {expanded ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />}
          </button>
        ) : (
          <span className={styles.expandSpacer} aria-hidden />
        ))}
      <button
        ref={buttonRef}
        type="button"
        tabIndex={tabStop ? 0 : -1}
        className={styles.value}
        aria-pressed={refined}
        aria-describedby={hintId}
        aria-label={
          excluded
            ? t('common.facet.valueExcluded', { value: label })
            : value.count === undefined
              ? label
              : t(COUNT_LABELS[noun], { value: label, count: value.count })
        }
        title={
          excluded
            ? t('common.facet.stopExcluding', { value: label })
            : refined
              ? t('common.chips.removeFilter', { filter: label })
              : t('common.facet.only', { value: label })
        }
        onFocus={onFocus}
        onKeyDown={onKeyDown}
        onClick={excluded ? onExclude : onRefine}
      >
        <span className={styles.check} aria-hidden>
          {refined && <Check size={13} strokeWidth={3} />}
        </span>
        <span className={styles.name}>{label}</span>
        {excluded ? (
          <span className={styles.count}>{t('common.facet.excluded')}</span>
        ) : (
          value.count !== undefined && <span className={styles.count}>{formatCount(value.count)}</span>
        )}
      </button>
      <button
        type="button"
        tabIndex={-1}
        className={styles.exclude}
        aria-pressed={excluded}
        aria-label={t(excluded ? 'common.facet.stopExcluding' : 'common.facet.exclude', { value: label })}
        title={t(excluded ? 'common.facet.stopExcludingKey' : 'common.facet.excludeKey', { value: label })}
        onClick={onExclude}
      >
        <EyeOff aria-hidden size={14} />
      </button>
    </div>
  );
}

/** Whether a value has a refined or excluded value anywhere under it (then its branch opens). */
function hasChosenBelow(value: FacetValue): boolean {
  return (value.facets ?? []).some((child) => child.state !== 'displayed' || hasChosenBelow(child));
}

/** A facet panel's wrapper: dims the old counts while new ones load. */
export function FacetGroups({ stale, children }: { stale: boolean; children: React.ReactNode }) {
  return (
    <div className={stale ? styles.stale : undefined} aria-busy={stale}>
      {children}
    </div>
  );
}

export function NoFacets({ children }: { children: React.ReactNode }) {
  return <p className={styles.none}>{children}</p>;
}
