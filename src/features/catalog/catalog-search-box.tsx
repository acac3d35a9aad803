import { SearchBox } from '../../components/search-box';
import { t } from '../../i18n/translate';

export interface CatalogSearchBoxProps {
  /** The search text in the URL. */
  value: string;
  /** Called with the trimmed text once typing pauses, on Enter, and on clear. */
  onCommit: (text: string) => void;
}

/** The catalog's full-text search over titles, descriptions and keywords. */
export function CatalogSearchBox({ value, onCommit }: CatalogSearchBoxProps) {
  return (
    <SearchBox
      value={value}
      onCommit={onCommit}
      label={t('catalog.search.label')}
      placeholder={t('catalog.search.placeholder')}
    />
  );
}
