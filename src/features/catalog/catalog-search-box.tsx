import { SearchBox } from '../../components/search-box';

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
      label="Search datasets"
      placeholder="Search titles, descriptions, keywords…"
    />
  );
}
