import { MessageSquare, Send, X } from 'lucide-react';
import { type FormEvent, useRef, useState } from 'react';
import { type PortalTarget, targetKey } from '../../../api/client';
import { Button } from '../../../components/button';
import { t } from '../../../i18n/translate';
import { CommentField } from './comment-field';
import styles from './feedback.module.css';
import { draftKey, hasDraft } from './feedback-draft';
import { FeedbackStatus } from './feedback-status';
import { useFeedbackForm, useFeedbackSupport } from './use-feedback-send';

/**
 * "Send feedback to the publisher", in the dataset's header: a comment on the whole dataset, in a
 * modal dialog (the browser keeps the focus inside it and gives it back to the button on close).
 * Hidden once the portal is known to lack the endpoint.
 */
export function DatasetFeedback({ target, datasetId }: { target: PortalTarget; datasetId: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  // Re-read on close, so the button says whether a draft waits.
  const [, setClosedAt] = useState(0);
  const support = useFeedbackSupport(target, datasetId, false);
  const key = draftKey(targetKey(target), datasetId, null);
  if (support === 'absent' && !open) return null;
  const draftWaits = hasDraft(key);
  return (
    <>
      <Button
        size="small"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        <MessageSquare aria-hidden size={14} />
        {draftWaits ? t('record.feedback.draftButton') : t('record.feedback.open')}
      </Button>
      <dialog
        ref={dialog}
        className={styles.dialog}
        aria-labelledby="dataset-feedback-heading"
        onClose={() => {
          setOpen(false);
          setClosedAt(Date.now());
        }}
      >
        {/* Mounted only while open: the portal is asked whether it takes feedback at first intent. */}
        {open && (
          <DatasetFeedbackForm
            target={target}
            datasetId={datasetId}
            draftKey={key}
            onClose={() => dialog.current?.close()}
          />
        )}
      </dialog>
    </>
  );
}

function DatasetFeedbackForm({
  target,
  datasetId,
  draftKey: key,
  onClose,
}: {
  target: PortalTarget;
  datasetId: string;
  draftKey: string;
  onClose: () => void;
}) {
  const form = useFeedbackForm(target, datasetId, key, t('record.feedback.noComment'));
  const { draft, support, sending, sent, problem, now, waiting } = form;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    form.submit({ comment: draft.comment });
  };

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <div className={styles.dialogHeader}>
        <h2 id="dataset-feedback-heading" className={styles.formHeading}>
          {t('record.feedback.open')}
        </h2>
        <Button size="small" variant="ghost" iconOnly aria-label={t('common.close')} onClick={onClose}>
          <X aria-hidden size={16} />
        </Button>
      </div>
      {sent ? (
        <FeedbackStatus
          problem={null}
          sent
          now={now}
          onRetry={submit}
          sentMessage={t('record.feedback.sent')}
        />
      ) : support === 'absent' ? (
        <FeedbackStatus
          problem={{ kind: 'absent', message: t('record.feedback.absent') }}
          sent={false}
          sentMessage=""
          now={now}
          onRetry={submit}
        />
      ) : (
        <>
          <CommentField
            id="dataset-feedback-comment"
            label={t('record.feedback.commentLabel')}
            hint={t('record.feedback.commentHint')}
            value={draft.comment}
            onChange={form.setComment}
            error={form.commentError}
            textareaRef={form.comment}
          />
          <FeedbackStatus problem={problem} sent={false} sentMessage="" now={now} onRetry={submit} />
          <p className={styles.hint}>{t('record.feedback.draftKept')}</p>
        </>
      )}
      <div className={styles.actions}>
        {!sent && support !== 'absent' && (
          <Button type="submit" variant="primary" size="small" disabled={sending || waiting}>
            <Send aria-hidden size={14} />
            {sending ? t('common.sending') : t('record.feedback.send')}
          </Button>
        )}
        <Button size="small" onClick={onClose}>
          {sent ? t('common.close') : t('record.feedback.closeKeep')}
        </Button>
      </div>
    </form>
  );
}
