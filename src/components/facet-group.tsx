import { Check, ChevronDown, ChevronRight, EyeOff } from 'lucide-react';
import { useId, useState } from 'react';
import type { FacetGroup, FacetValue } from '../../common/ods-api/types';
import { formatCount } from '../lib/format';
import styles from './facet-group.module.css';

/** Values shown before "Show all"; a search box appears from this many values. */
const SHOWN_VALUES = 8;
const FILTERABLE_FROM = 12;

export interface FacetGroupProps {
  group: FacetGroup;
  /** The facet's name as the page shows it. */
  label: string;
  /** How a value reads; `depth` > 0 inside a date or hierarchy tree. */
  valueLabel: (value: string, depth: number) => string;
  /** What the counts count: ['dataset', 'datasets'] or ['record', 'records']. */
  noun: readonly [string, string];
  /** Whether refining a level replaces its branch (dates, hierarchies). */
  hierarchical: boolean;
  /** "months", "days", "values": what a value's children are, for the expand button. */
  childNoun?: (depth: number) => string;
  onRefine: (facet: string, value: string, hierarchical: boolean) => void;
  onExclude: (facet: string, value: string) => void;
}

/**
 * One facet: its values with counts, refine (click) and exclude (the eye), nested levels for dates
 * and hierarchies, and a search inside its values when there are many.
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
  const listId = useId();
  const expandable = group.facets.some((value) => value.facets?.length);
  const needle = filter.trim().toLowerCase();
  const matching = needle
    ? group.facets.filter((value) => valueLabel(value.value, 0).toLowerCase().includes(needle))
    : group.facets;
  // Refined and excluded values always stay in view.
  const visible =
    showAll || needle
      ? matching
      : matching.filter((value, index) => index < SHOWN_VALUES || value.state !== 'displayed');
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
            placeholder={`Find a ${lowerLabel}…`}
            aria-label={`Find a ${lowerLabel}`}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        )}
        <ul className={styles.values}>
          {visible.map((value) => (
            <FacetValueRow
              key={value.value}
              facet={group.name}
              value={value}
              valueLabel={valueLabel}
              noun={noun}
              hierarchical={hierarchical}
              expandable={expandable}
              childNoun={childNoun}
              onRefine={onRefine}
              onExclude={onExclude}
            />
          ))}
        </ul>
        {needle && matching.length === 0 && <p className={styles.none}>No {lowerLabel} matches.</p>}
        {!needle && matching.length > SHOWN_VALUES && (
          <button type="button" className={styles.more} onClick={() => setShowAll(!showAll)}>
            {showAll ? 'Show fewer' : `Show all ${formatCount(matching.length)}`}
          </button>
        )}
      </div>
    </section>
  );
}

interface FacetValueRowProps {
  facet: string;
  value: FacetValue;
  valueLabel: FacetGroupProps['valueLabel'];
  noun: FacetGroupProps['noun'];
  hierarchical: boolean;
  /** Whether this value or a sibling has children (then every row keeps room for the toggle). */
  expandable: boolean;
  depth?: number;
  childNoun: (depth: number) => string;
  onRefine: FacetGroupProps['onRefine'];
  onExclude: FacetGroupProps['onExclude'];
}

function FacetValueRow({
  facet,
  value,
  valueLabel,
  noun,
  hierarchical,
  expandable,
  depth = 0,
  childNoun,
  onRefine,
  onExclude,
}: FacetValueRowProps) {
  const children = value.facets ?? [];
  const [expandedChoice, setExpanded] = useState<boolean | null>(null);
  const refinedBelow = hasChosenBelow(value);
  const childrenId = useId();
  const label = valueLabel(value.value, depth);
  const refined = value.state === 'refined';
  const excluded = value.state === 'excluded';
  // Open by default once refined (its next level is then what the user looks for).
  const expanded = expandedChoice ?? (refined || refinedBelow);
  return (
    <li className={styles.valueItem}>
      <div className={`${styles.row} ${refined ? styles.refined : ''} ${excluded ? styles.excluded : ''}`}>
        {expandable &&
          (children.length > 0 ? (
            <button
              type="button"
              className={styles.expand}
              aria-expanded={expanded}
              aria-controls={childrenId}
              aria-label={`${expanded ? 'Hide' : 'Show'} the ${childNoun(depth)} of ${label}`}
              onClick={() => setExpanded(!expanded)}
            >
              {expanded ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />}
            </button>
          ) : (
            <span className={styles.expandSpacer} aria-hidden />
          ))}
        <button
          type="button"
          className={styles.value}
          aria-pressed={refined}
          aria-label={
            excluded
              ? `${label}, excluded`
              : value.count === undefined
                ? label
                : `${label}, ${formatCount(value.count)} ${value.count === 1 ? noun[0] : noun[1]}`
          }
          title={
            excluded ? `Stop excluding ${label}` : refined ? `Remove the filter ${label}` : `Only ${label}`
          }
          onClick={() =>
            excluded ? onExclude(facet, value.value) : onRefine(facet, value.value, hierarchical)
          }
        >
          <span className={styles.check} aria-hidden>
            {refined && <Check size={13} strokeWidth={3} />}
          </span>
          <span className={styles.name}>{label}</span>
          {excluded ? (
            <span className={styles.count}>excluded</span>
          ) : (
            value.count !== undefined && <span className={styles.count}>{formatCount(value.count)}</span>
          )}
        </button>
        <button
          type="button"
          className={styles.exclude}
          aria-pressed={excluded}
          aria-label={excluded ? `Stop excluding ${label}` : `Exclude ${label}`}
          title={excluded ? `Stop excluding ${label}` : `Exclude ${label}`}
          onClick={() => onExclude(facet, value.value)}
        >
          <EyeOff aria-hidden size={14} />
        </button>
      </div>
      {children.length > 0 && (
        <ul id={childrenId} className={styles.children} hidden={!expanded}>
          {children.map((child) => (
            <FacetValueRow
              key={child.value}
              facet={facet}
              value={child}
              valueLabel={valueLabel}
              noun={noun}
              hierarchical={hierarchical}
              expandable={children.some((c) => c.facets?.length)}
              depth={depth + 1}
              childNoun={childNoun}
              onRefine={onRefine}
              onExclude={onExclude}
            />
          ))}
        </ul>
      )}
    </li>
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
