import type { Translation } from '../translate';

/**
 * The explorer's advice around a failed request (lib/error-advice.ts), part of the `common` area
 * (common.ts takes these in): its own file, so that neither stays over the length of a page.
 * The portal's own error messages are shown as they came and are not here.
 */
export const en = {
  'common.error.unreachable.title': 'Could not reach {portal}',
  'common.error.unreachable.message':
    'No answer came back. Check the address and your connection; the portal may be down, or it may not accept requests from other sites (CORS).',
  'common.error.unexpected.title': '{portal} does not answer like an ODS portal',
  'common.error.unexpected.message':
    'The address answered, but not with Explore API data. Check that it is the address of an OpenDataSoft (Huwise) portal.',
  'common.error.unexpected.detail': 'The answer was not Explore API JSON ({type})',
  'common.error.unexpected.detailNoType': 'The answer was not Explore API JSON (no content type)',
  'common.error.keyRefused.title': '{portal} refused the API key',
  'common.error.keyRefused.message':
    'Check the key in the portal picker, or ask the portal’s administrators for a key that gives access.',
  'common.error.keyNeeded.title': '{portal} needs an API key',
  'common.error.keyNeeded.message':
    'This content is private. Add an API key in the portal picker; it is kept in this browser only and sent to this portal only.',
  'common.error.notFound.title': 'Not found on {portal}',
  'common.error.notFound.message':
    'The portal has nothing at this address. It may have been removed or renamed, or it may be private.',
  'common.error.quota.title': '{portal}’s request quota is used up',
  'common.error.quota.allows': {
    one: 'It allows {count} request per {period}.',
    other: 'It allows {count} requests per {period}.',
  },
  'common.error.quota.backAt': 'The quota comes back {wait} ({date}).',
  'common.error.quota.backLater': 'The quota comes back later, usually at midnight UTC.',
  'common.error.quota.then': 'Try again then, or add an API key with a larger quota.',
  'common.error.period.minute': 'minute',
  'common.error.period.hour': 'hour',
  'common.error.period.day': 'day',
  'common.error.period.month': 'month',
  'common.error.odsql.title': 'The portal could not read the query',
  'common.error.odsql.message': 'Change the search text or remove a filter, then try again.',
  'common.error.parameter.title': 'The portal refused a parameter',
  'common.error.parameter.message':
    'The request asked for more than the API allows (at most {limit} results at a time, and the first {window} in all). Narrow the search.',
  'common.error.server.title': '{portal} had a problem ({status})',
  'common.error.server.message': 'The error is on the portal’s side. Try again in a moment.',
  'common.error.refused.title': '{portal} refused the request ({status})',
  'common.error.refused.message': 'Try again; if it keeps failing, the portal may not support this request.',
  'common.error.other.title': 'Something went wrong',
  'common.error.other.message': 'Try again; if it keeps failing, reload the page.',
} as const;

export const fr: Translation<typeof en> = {
  'common.error.unreachable.title': 'Impossible de joindre {portal}',
  'common.error.unreachable.message':
    'Aucune réponse n’est revenue. Vérifiez l’adresse et votre connexion\u202f; le portail est peut-être hors service, ou il n’accepte pas les requêtes venant d’autres sites (CORS).',
  'common.error.unexpected.title': '{portal} ne répond pas comme un portail ODS',
  'common.error.unexpected.message':
    'L’adresse a répondu, mais pas avec des données de l’API Explore. Vérifiez que c’est bien l’adresse d’un portail OpenDataSoft (Huwise).',
  'common.error.unexpected.detail': 'La réponse n’était pas du JSON de l’API Explore ({type})',
  'common.error.unexpected.detailNoType':
    'La réponse n’était pas du JSON de l’API Explore (aucun type de contenu)',
  'common.error.keyRefused.title': '{portal} a refusé la clé d’API',
  'common.error.keyRefused.message':
    'Vérifiez la clé dans le choix du portail, ou demandez aux administrateurs du portail une clé qui donne accès.',
  'common.error.keyNeeded.title': '{portal} demande une clé d’API',
  'common.error.keyNeeded.message':
    'Ce contenu est privé. Ajoutez une clé d’API dans le choix du portail\u202f; elle n’est gardée que dans ce navigateur et n’est envoyée qu’à ce portail.',
  'common.error.notFound.title': 'Introuvable sur {portal}',
  'common.error.notFound.message':
    'Le portail n’a rien à cette adresse. Le contenu a peut-être été supprimé ou renommé, ou il est privé.',
  'common.error.quota.title': 'Le quota de requêtes de {portal} est épuisé',
  'common.error.quota.allows': {
    one: 'Il permet {count} requête par {period}.',
    other: 'Il permet {count} requêtes par {period}.',
  },
  'common.error.quota.backAt': 'Le quota revient {wait} ({date}).',
  'common.error.quota.backLater': 'Le quota revient plus tard, en général à minuit UTC.',
  'common.error.quota.then': 'Réessayez à ce moment-là, ou ajoutez une clé d’API au quota plus large.',
  'common.error.period.minute': 'minute',
  'common.error.period.hour': 'heure',
  'common.error.period.day': 'jour',
  'common.error.period.month': 'mois',
  'common.error.odsql.title': 'Le portail n’a pas pu lire la requête',
  'common.error.odsql.message': 'Modifiez le texte recherché ou retirez un filtre, puis réessayez.',
  'common.error.parameter.title': 'Le portail a refusé un paramètre',
  'common.error.parameter.message':
    'La requête demandait plus que ce que l’API permet (au plus {limit} résultats à la fois, et les {window} premiers en tout). Affinez la recherche.',
  'common.error.server.title': '{portal} a rencontré un problème ({status})',
  'common.error.server.message': 'L’erreur vient du portail. Réessayez dans un instant.',
  'common.error.refused.title': '{portal} a refusé la requête ({status})',
  'common.error.refused.message':
    'Réessayez\u202f; si l’échec persiste, le portail ne prend peut-être pas en charge cette requête.',
  'common.error.other.title': 'Une erreur est survenue',
  'common.error.other.message': 'Réessayez\u202f; si l’échec persiste, rechargez la page.',
};
