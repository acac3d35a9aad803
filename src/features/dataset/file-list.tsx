import { Paperclip } from 'lucide-react';
import type { ReactNode } from 'react';
import { attachmentUrl } from '../../api/attachments';
import type { PortalTarget } from '../../api/client';
import type { Attachment } from '../../api/model';
import { DownloadButton } from '../../components/download-button';
import styles from './file-list.module.css';

/** A list of downloadable files (attachments, snapshots): an icon, a name, a detail, its button. */
export function FileList({ children }: { children: ReactNode }) {
  return <ul className={styles.files}>{children}</ul>;
}

export function FileItem({
  icon,
  name,
  detail,
  children,
}: {
  icon: ReactNode;
  name: string;
  detail: string;
  children: ReactNode;
}) {
  return (
    <li className={styles.file}>
      <span className={styles.fileIcon}>{icon}</span>
      <span className={styles.fileName}>{name}</span>
      <span className={styles.detail}>{detail}</span>
      {children}
    </li>
  );
}

/** A dataset's attachments, each with its download: in Information and in Export. */
export function AttachmentList({
  target,
  datasetId,
  attachments,
}: {
  target: PortalTarget;
  datasetId: string;
  attachments: readonly Attachment[];
}) {
  return (
    <FileList>
      {attachments.map((attachment) => (
        <FileItem
          key={attachment.id}
          icon={<Paperclip aria-hidden size={15} />}
          name={attachment.title}
          detail={attachment.mimeType}
        >
          <DownloadButton
            target={target}
            url={attachmentUrl(target, datasetId, attachment.id)}
            name={attachment.title}
          />
        </FileItem>
      ))}
    </FileList>
  );
}
