/**
 * What the dataset page's views share with the shell: how they change the URL, and how a view that
 * opens a record says what previous and next mean there (the record panel steps through it).
 */
export interface NavigateOptions {
  /** Typing and panning replace the history entry; deliberate actions push a new one. */
  replace?: boolean;
}

export type RecordSequence =
  /** The table's order: the record at this rank of the grid; previous/next are the rows around it. */
  | { kind: 'grid'; rank: number }
  /** A list the view made (the map: the records drawn, nearest first); previous/next walk it. */
  | { kind: 'list'; ids: readonly string[]; index: number; order: ListOrder };

/**
 * What a view's list is, for the record panel's "Record 3 of 40 in view": one whole sentence per
 * order in the catalogues, so no language has to fit a phrase into another's sentence.
 */
export type ListOrder = 'in-view' | 'nearest';
