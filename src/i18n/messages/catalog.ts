import type { Translation } from '../translate';

/** The catalog page: its search, sort, facets, results, cards and pager. */
export const en = {
  'catalog.heading': 'Datasets',
  'catalog.loading': 'Loading datasets',
  'catalog.filtersUnavailable': 'Filters are unavailable.',
  'catalog.noFacets': 'No facets for these results.',
  'catalog.search.label': 'Search datasets',
  'catalog.search.placeholder': 'Search titles, descriptions, keywords…',
  'catalog.sort.label': 'Sort by',
  'catalog.sort.relevance': 'Relevance',
  'catalog.sort.title': 'Title (A–Z)',
  'catalog.sort.titleDesc': 'Title (Z–A)',
  'catalog.sort.modifiedDesc': 'Last modified',
  'catalog.sort.modified': 'Least recently modified',
  'catalog.sort.recordsDesc': 'Most records',
  'catalog.sort.records': 'Fewest records',
  'catalog.range': 'Showing {first}–{last} of {total}',
  'catalog.windowNote':
    'The API pages through the first {window} results only. Refine the search to reach the others.',
  'catalog.notFound':
    'This address does not answer the Explore API v2.0 catalog. Check that it is an OpenDataSoft (Huwise) portal.',
  'catalog.pastEnd.title': 'This page is past the last result',
  'catalog.pastEnd.body': {
    one: 'There is {count} result. {action}',
    other: 'There are {count} results. {action}',
  },
  'catalog.pastEnd.firstPage': 'Go to the first page',
  'catalog.empty.title': 'This portal has no public datasets',
  'catalog.empty.body': 'If its datasets are private, set an API key in the portal picker.',
  'catalog.noMatch.filters': 'No dataset matches these filters',
  'catalog.noMatch.query': 'No dataset matches “{q}”',
  'catalog.noMatch.queryAndFilters': 'No dataset matches “{q}” with these filters',
  'catalog.noMatch.body': 'Try other words, or remove a filter.',
  'catalog.noMatch.clear': 'Clear all filters',
  'catalog.pager.label': 'Pages',
  'catalog.pager.page': 'Page {page}',

  'catalog.facet.theme': 'Theme',
  'catalog.facet.keyword': 'Keyword',
  'catalog.facet.publisher': 'Publisher',
  'catalog.facet.features': 'Features',
  'catalog.facet.modified': 'Modified',
  'catalog.facet.language': 'Language',
  'catalog.date.month': '{month} {year}',
  // `one` is the first of the month: French writes it as an ordinal ("1er").
  'catalog.date.day': { one: '{count} {month} {year}', other: '{count} {month} {year}' },
  'catalog.date.dayOfMonth': { one: '{count} {month}', other: '{count} {month}' },

  'catalog.card.noDescription': 'No description.',
  'catalog.card.identifierTitle': 'Dataset identifier',
  'catalog.card.tags': 'Themes and keywords',
  'catalog.card.theme': 'Theme: {theme}, show only this theme',
  'catalog.card.keyword': 'Keyword: {keyword}, show only this keyword',
  'catalog.card.moreKeywords': { one: '+{count} more', other: '+{count} more' },

  'catalog.params.sort': 'no such field to sort by',
  'catalog.params.page': 'not a page number',
} as const;

export const fr: Translation<typeof en> = {
  'catalog.heading': 'Jeux de données',
  'catalog.loading': 'Chargement des jeux de données',
  'catalog.filtersUnavailable': 'Les filtres sont indisponibles.',
  'catalog.noFacets': 'Aucune facette pour ces résultats.',
  'catalog.search.label': 'Rechercher des jeux de données',
  'catalog.search.placeholder': 'Titres, descriptions, mots-clés…',
  'catalog.sort.label': 'Trier par',
  'catalog.sort.relevance': 'Pertinence',
  'catalog.sort.title': 'Titre (A–Z)',
  'catalog.sort.titleDesc': 'Titre (Z–A)',
  'catalog.sort.modifiedDesc': 'Dernière modification',
  'catalog.sort.modified': 'Modification la plus ancienne',
  'catalog.sort.recordsDesc': 'Le plus d’enregistrements',
  'catalog.sort.records': 'Le moins d’enregistrements',
  'catalog.range': 'Résultats {first} à {last} sur {total}',
  'catalog.windowNote':
    'L’API ne parcourt que les {window} premiers résultats. Affinez la recherche pour atteindre les autres.',
  'catalog.notFound':
    'Cette adresse ne répond pas comme le catalogue de l’API Explore v2.0. Vérifiez que c’est bien un portail OpenDataSoft (Huwise).',
  'catalog.pastEnd.title': 'Cette page est au-delà du dernier résultat',
  'catalog.pastEnd.body': {
    one: 'Il y a {count} résultat. {action}',
    other: 'Il y a {count} résultats. {action}',
  },
  'catalog.pastEnd.firstPage': 'Aller à la première page',
  'catalog.empty.title': 'Ce portail n’a aucun jeu de données public',
  'catalog.empty.body':
    'Si ses jeux de données sont privés, définissez une clé d’API dans le choix du portail.',
  'catalog.noMatch.filters': 'Aucun jeu de données ne correspond à ces filtres',
  'catalog.noMatch.query': 'Aucun jeu de données ne correspond à «\u202f{q}\u202f»',
  'catalog.noMatch.queryAndFilters':
    'Aucun jeu de données ne correspond à «\u202f{q}\u202f» avec ces filtres',
  'catalog.noMatch.body': 'Essayez d’autres mots, ou retirez un filtre.',
  'catalog.noMatch.clear': 'Effacer tous les filtres',
  'catalog.pager.label': 'Pages',
  'catalog.pager.page': 'Page {page}',

  'catalog.facet.theme': 'Thème',
  'catalog.facet.keyword': 'Mot-clé',
  'catalog.facet.publisher': 'Producteur',
  'catalog.facet.features': 'Caractéristiques',
  'catalog.facet.modified': 'Modifié',
  'catalog.facet.language': 'Langue',
  'catalog.date.month': '{month} {year}',
  'catalog.date.day': { one: '{count}er {month} {year}', other: '{count} {month} {year}' },
  'catalog.date.dayOfMonth': { one: '{count}er {month}', other: '{count} {month}' },

  'catalog.card.noDescription': 'Aucune description.',
  'catalog.card.identifierTitle': 'Identifiant du jeu de données',
  'catalog.card.tags': 'Thèmes et mots-clés',
  'catalog.card.theme': 'Thème\u202f: {theme}, n’afficher que ce thème',
  'catalog.card.keyword': 'Mot-clé\u202f: {keyword}, n’afficher que ce mot-clé',
  'catalog.card.moreKeywords': { one: '+{count} autre', other: '+{count} autres' },

  'catalog.params.sort': 'aucun tri de ce nom',
  'catalog.params.page': 'ce n’est pas un numéro de page',
};
