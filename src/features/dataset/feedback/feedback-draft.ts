/**
 * Drafts of feedback, kept in this browser (localStorage) until they are sent, one per portal,
 * dataset and record (or the dataset itself): a reload, a failed send or a closed panel loses
 * nothing. A draft with neither a comment nor a changed value is removed rather than kept.
 */

export interface FeedbackDraft {
  comment: string;
  /** Field name → the input's text, for the inputs the visitor changed. */
  inputs: Record<string, string>;
}

export const EMPTY_DRAFT: FeedbackDraft = { comment: '', inputs: {} };

const PREFIX = 'ods-explorer.feedback-draft';

/** `portal` is the target's key (origin, API version), so two portals' drafts never mix. */
export function draftKey(portal: string, datasetId: string, recordId: string | null): string {
  return `${PREFIX}:${JSON.stringify([portal, datasetId, recordId])}`;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function readDraft(key: string): FeedbackDraft {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return EMPTY_DRAFT;
    const parsed = JSON.parse(raw) as Partial<FeedbackDraft>;
    const inputs: Record<string, string> = {};
    for (const [name, text] of Object.entries(parsed.inputs ?? {})) {
      if (typeof text === 'string') inputs[name] = text;
    }
    return { comment: typeof parsed.comment === 'string' ? parsed.comment : '', inputs };
  } catch {
    // Unreadable (another version's shape, or storage refused): start afresh.
    return EMPTY_DRAFT;
  }
}

export function isEmptyDraft(draft: FeedbackDraft): boolean {
  return draft.comment === '' && Object.keys(draft.inputs).length === 0;
}

export function writeDraft(key: string, draft: FeedbackDraft): void {
  try {
    if (isEmptyDraft(draft)) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(draft));
  } catch {
    // Quota or privacy mode: the form still works, the draft just does not outlive the page.
  }
}

export function hasDraft(key: string): boolean {
  return !isEmptyDraft(readDraft(key));
}
