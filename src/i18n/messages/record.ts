import type { Translation } from '../translate';

/** The record panel, and the feedback forms (a comment on the dataset, a record's correction). */
export const en = {
  'record.panel.kicker': 'Record',
  'record.panel.position': 'Record {rank} of {total}',
  'record.panel.positionInView': 'Record {rank} of {total} in view',
  'record.panel.positionNearest': 'Record {rank} of {total} on the map, nearest first',
  'record.panel.loading': 'Loading…',
  'record.panel.notFound': 'Record not found',
  'record.panel.notFoundAdvice':
    'There is no record “{id}” in this dataset. It may have been removed, or the link may be wrong.',
  'record.panel.close': 'Close the record',
  'record.panel.closeTitle': 'Close (Esc)',
  'record.panel.previous': 'Previous record',
  'record.panel.next': 'Next record',
  'record.panel.copyFailed': 'Copy failed',
  'record.panel.copyJson': 'Copy as JSON',
  'record.panel.copiedAnnounce': 'Record copied as JSON',
  'record.panel.copyFailedAnnounce': 'The record could not be copied',
  'record.panel.permalink': 'Permalink',
  'record.panel.fields': 'Fields',
  'record.panel.recordId': 'Record id',
  'record.panel.loadingRecord': 'Loading the record',
  'record.feedback.suggest': 'Suggest a correction',
  'record.feedback.resume': 'Resume your correction',
  'record.feedback.draftButton': 'Feedback draft',
  'record.feedback.open': 'Send feedback to the publisher',
  'record.feedback.noComment': 'Write a comment first.',
  'record.feedback.sent':
    'Sent. The publisher reads feedback and may update the dataset; the portal sends no reply.',
  'record.feedback.absent': 'This portal does not take feedback through its API.',
  'record.feedback.commentLabel': 'Your comment',
  'record.feedback.commentHint':
    'A missing record, an error, a question about the data. To fix one record, open it and use Suggest a correction.',
  'record.feedback.draftKept': 'The draft is kept in this browser until it is sent.',
  'record.feedback.send': 'Send feedback',
  'record.feedback.closeKeep': 'Close (keep the draft)',
  'record.feedback.count': { one: '{length} / {count} character', other: '{length} / {count} characters' },
  'record.feedback.countOver': {
    one: '{length} / {max} characters: {count} too many',
    other: '{length} / {max} characters: {count} too many',
  },
  'record.feedback.refused': 'The portal refused it: {message} Your draft is kept in this browser.',
  'record.feedback.refusedAt':
    'The portal refused it: {message} The field is marked above. Your draft is kept in this browser.',
  'record.feedback.wait':
    'The portal takes only so much feedback at a time. Try again {wait} (at {time}). Your draft is kept in this browser.',
  'record.feedback.waitOver':
    'The portal takes only so much feedback at a time; you can try again now. Your draft is kept in this browser.',
  'record.feedback.unreachable': '{message}: nothing was sent. Your draft is kept in this browser.',
  'record.feedback.absentAdvice':
    '{message} Your draft is kept in this browser. You may copy your text and send it to the publisher another way.',
  'record.feedback.failed': 'Sending failed: {message}. Your draft is kept in this browser.',
  'record.feedback.correctionNoComment':
    'Say what is wrong or where the right value comes from: the publisher needs a comment.',
  'record.feedback.correctionSent':
    'Sent to the publisher, who reviews corrections and decides whether to apply them. The record stays as it is until they do; the portal sends no reply.',
  'record.feedback.back': 'Back to the record',
  'record.feedback.intro':
    'Change the values that are wrong. The publisher sees each change beside the value it replaces.',
  'record.feedback.readOnly': 'Not editable here',
  'record.feedback.changes': 'Your changes ({count})',
  'record.feedback.commentHeading': 'Comment',
  'record.feedback.correctionHint': 'Why these values are wrong, and where the right ones come from.',
  'record.feedback.sendCorrection': 'Send correction',
  'record.feedback.discard': 'Discard draft',
  'record.feedback.noValue': '(no value)',
  'record.feedback.true': 'true',
  'record.feedback.false': 'false',
  'record.feedback.utcLabel': '{label} (UTC)',
  'record.feedback.onePerLine': 'one value per line',
  'record.feedback.noChange': 'No value changed yet. You may also send only a comment about this record.',
  'record.feedback.changeField': '{field}:',
  'record.feedback.from': 'from',
  'record.feedback.to': 'to',
  'record.feedback.empty': '(empty)',
  'record.feedback.utcValue': '{value} UTC',
  'record.feedback.readOnlyPosition':
    'A position is not edited here: describe where it should be in the comment.',
  'record.feedback.readOnlyShape': 'A shape is not edited here: describe the change in the comment.',
  'record.feedback.readOnlyFile':
    'A file cannot be replaced through feedback: describe the problem in the comment.',
  'record.feedback.readOnlyJson': 'Structured JSON is not edited here: describe the change in the comment.',
  'record.feedback.readOnlyOther': 'This kind of value is not edited here.',
} as const;

export const fr: Translation<typeof en> = {
  'record.panel.kicker': 'Enregistrement',
  'record.panel.position': 'Enregistrement {rank} sur {total}',
  'record.panel.positionInView': 'Enregistrement {rank} sur {total} dans la vue',
  'record.panel.positionNearest':
    'Enregistrement {rank} sur {total} sur la carte, du plus proche au plus lointain',
  'record.panel.loading': 'Chargement…',
  'record.panel.notFound': 'Enregistrement introuvable',
  'record.panel.notFoundAdvice':
    'Ce jeu de données n’a pas d’enregistrement «\u202f{id}\u202f». Il a peut-être été supprimé, ou le lien est erroné.',
  'record.panel.close': 'Fermer l’enregistrement',
  'record.panel.closeTitle': 'Fermer (Échap)',
  'record.panel.previous': 'Enregistrement précédent',
  'record.panel.next': 'Enregistrement suivant',
  'record.panel.copyFailed': 'Échec de la copie',
  'record.panel.copyJson': 'Copier en JSON',
  'record.panel.copiedAnnounce': 'Enregistrement copié en JSON',
  'record.panel.copyFailedAnnounce': 'L’enregistrement n’a pas pu être copié',
  'record.panel.permalink': 'Lien permanent',
  'record.panel.fields': 'Champs',
  'record.panel.recordId': 'Identifiant de l’enregistrement',
  'record.panel.loadingRecord': 'Chargement de l’enregistrement',
  'record.feedback.suggest': 'Proposer une correction',
  'record.feedback.resume': 'Reprendre votre correction',
  'record.feedback.draftButton': 'Brouillon de retour',
  'record.feedback.open': 'Envoyer un retour au producteur',
  'record.feedback.noComment': 'Écrivez d’abord un commentaire.',
  'record.feedback.sent':
    'Envoyé. Le producteur lit les retours et peut mettre à jour le jeu de données\u202f; le portail n’envoie pas de réponse.',
  'record.feedback.absent': 'Ce portail ne reçoit pas de retours par son API.',
  'record.feedback.commentLabel': 'Votre commentaire',
  'record.feedback.commentHint':
    'Un enregistrement manquant, une erreur, une question sur les données. Pour corriger un enregistrement, ouvrez-le et choisissez Proposer une correction.',
  'record.feedback.draftKept': 'Le brouillon est conservé dans ce navigateur jusqu’à son envoi.',
  'record.feedback.send': 'Envoyer le retour',
  'record.feedback.closeKeep': 'Fermer (garder le brouillon)',
  'record.feedback.count': { one: '{length} / {count} caractère', other: '{length} / {count} caractères' },
  'record.feedback.countOver': {
    one: '{length} / {max} caractères\u202f: {count} caractère de trop',
    other: '{length} / {max} caractères\u202f: {count} caractères de trop',
  },
  'record.feedback.refused':
    'Le portail l’a refusé\u202f: {message} Votre brouillon est conservé dans ce navigateur.',
  'record.feedback.refusedAt':
    'Le portail l’a refusé\u202f: {message} Le champ en cause est signalé plus haut. Votre brouillon est conservé dans ce navigateur.',
  'record.feedback.wait':
    'Le portail limite le nombre de retours reçus. Réessayez {wait} (le {time}). Votre brouillon est conservé dans ce navigateur.',
  'record.feedback.waitOver':
    'Le portail limite le nombre de retours reçus\u202f; vous pouvez réessayer maintenant. Votre brouillon est conservé dans ce navigateur.',
  'record.feedback.unreachable':
    '{message}\u202f: rien n’a été envoyé. Votre brouillon est conservé dans ce navigateur.',
  'record.feedback.absentAdvice':
    '{message} Votre brouillon est conservé dans ce navigateur. Vous pouvez copier votre texte et l’envoyer au producteur par un autre moyen.',
  'record.feedback.failed':
    'L’envoi a échoué\u202f: {message}. Votre brouillon est conservé dans ce navigateur.',
  'record.feedback.correctionNoComment':
    'Indiquez ce qui est faux ou d’où vient la bonne valeur\u202f: le producteur a besoin d’un commentaire.',
  'record.feedback.correctionSent':
    'Envoyé au producteur, qui examine les corrections et décide de les appliquer ou non. L’enregistrement reste inchangé d’ici là\u202f; le portail n’envoie pas de réponse.',
  'record.feedback.back': 'Retour à l’enregistrement',
  'record.feedback.intro':
    'Modifiez les valeurs erronées. Le producteur voit chaque modification à côté de la valeur qu’elle remplace.',
  'record.feedback.readOnly': 'Non modifiable ici',
  'record.feedback.changes': 'Vos modifications ({count})',
  'record.feedback.commentHeading': 'Commentaire',
  'record.feedback.correctionHint': 'Pourquoi ces valeurs sont fausses, et d’où viennent les bonnes.',
  'record.feedback.sendCorrection': 'Envoyer la correction',
  'record.feedback.discard': 'Supprimer le brouillon',
  'record.feedback.noValue': '(aucune valeur)',
  'record.feedback.true': 'vrai',
  'record.feedback.false': 'faux',
  'record.feedback.utcLabel': '{label} (UTC)',
  'record.feedback.onePerLine': 'une valeur par ligne',
  'record.feedback.noChange':
    'Aucune valeur modifiée pour l’instant. Vous pouvez aussi n’envoyer qu’un commentaire sur cet enregistrement.',
  'record.feedback.changeField': '{field}\u202f:',
  'record.feedback.from': 'avant\u202f:',
  'record.feedback.to': 'après\u202f:',
  'record.feedback.empty': '(vide)',
  'record.feedback.utcValue': '{value} UTC',
  'record.feedback.readOnlyPosition':
    'Une position ne se modifie pas ici\u202f: décrivez dans le commentaire où elle devrait être.',
  'record.feedback.readOnlyShape':
    'Une forme ne se modifie pas ici\u202f: décrivez la modification dans le commentaire.',
  'record.feedback.readOnlyFile':
    'Un fichier ne peut pas être remplacé par un retour\u202f: décrivez le problème dans le commentaire.',
  'record.feedback.readOnlyJson':
    'Le JSON structuré ne se modifie pas ici\u202f: décrivez la modification dans le commentaire.',
  'record.feedback.readOnlyOther': 'Ce type de valeur ne se modifie pas ici.',
};
