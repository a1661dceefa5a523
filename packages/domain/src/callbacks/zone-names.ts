/**
 * Names customers use for where they are, beyond the tz database's own city names: what
 * `zoneToldInReply` recognises. Each maps to one IANA zone with that place's clock; places whose
 * country spans several zones (the USA, Canada, Australia, Russia) are named by city only.
 */

/** Upper-case abbreviations with one common meaning. IST (India, Ireland, Israel) is left out. */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  BST: 'Europe/London',
  CET: 'Europe/Berlin',
  CEST: 'Europe/Berlin',
  MEZ: 'Europe/Berlin',
  MESZ: 'Europe/Berlin',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  SGT: 'Asia/Singapore',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
  UTC: 'UTC',
  GMT: 'UTC',
};

/** "Pacific time", "Eastern Standard Time" and the like (lower case, matched case-insensitively). */
export const US_ZONE_WORDS: Readonly<Record<string, string>> = {
  eastern: 'America/New_York',
  central: 'America/Chicago',
  mountain: 'America/Denver',
  pacific: 'America/Los_Angeles',
};

/** Places, in English, French and German, that the tz database names differently or not at all. */
export const PLACE_ZONES: Readonly<Record<string, string>> = {
  // countries with one zone
  Germany: 'Europe/Berlin', Deutschland: 'Europe/Berlin', Allemagne: 'Europe/Berlin',
  France: 'Europe/Paris', Frankreich: 'Europe/Paris',
  Switzerland: 'Europe/Zurich', Schweiz: 'Europe/Zurich', Suisse: 'Europe/Zurich',
  Austria: 'Europe/Vienna', Österreich: 'Europe/Vienna', Autriche: 'Europe/Vienna',
  Belgium: 'Europe/Brussels', Belgique: 'Europe/Brussels', Belgien: 'Europe/Brussels',
  Netherlands: 'Europe/Amsterdam', Niederlande: 'Europe/Amsterdam', 'Pays-Bas': 'Europe/Amsterdam',
  Italy: 'Europe/Rome', Italie: 'Europe/Rome', Italien: 'Europe/Rome',
  Spain: 'Europe/Madrid', Espagne: 'Europe/Madrid', Spanien: 'Europe/Madrid',
  England: 'Europe/London', Angleterre: 'Europe/London', 'Royaume-Uni': 'Europe/London', Großbritannien: 'Europe/London', UK: 'Europe/London',
  Ireland: 'Europe/Dublin', Irlande: 'Europe/Dublin', Irland: 'Europe/Dublin',
  Poland: 'Europe/Warsaw', Pologne: 'Europe/Warsaw', Polen: 'Europe/Warsaw',
  India: 'Asia/Kolkata', Inde: 'Asia/Kolkata', Indien: 'Asia/Kolkata',
  Japan: 'Asia/Tokyo', Japon: 'Asia/Tokyo',
  Québec: 'America/Toronto', Quebec: 'America/Toronto',
  // cities under another name
  Londres: 'Europe/London', Genève: 'Europe/Zurich', Geneva: 'Europe/Zurich', Genf: 'Europe/Zurich', Zürich: 'Europe/Zurich', Bâle: 'Europe/Zurich', Basel: 'Europe/Zurich', Bern: 'Europe/Zurich', Berne: 'Europe/Zurich',
  Wien: 'Europe/Vienna', Vienne: 'Europe/Vienna', München: 'Europe/Berlin', Munich: 'Europe/Berlin', Hamburg: 'Europe/Berlin', Hambourg: 'Europe/Berlin',
  Köln: 'Europe/Berlin', Cologne: 'Europe/Berlin', Frankfurt: 'Europe/Berlin', Francfort: 'Europe/Berlin', Stuttgart: 'Europe/Berlin', Düsseldorf: 'Europe/Berlin', Leipzig: 'Europe/Berlin', Dresden: 'Europe/Berlin',
  Bruxelles: 'Europe/Brussels', Brüssel: 'Europe/Brussels', Lyon: 'Europe/Paris', Marseille: 'Europe/Paris', Toulouse: 'Europe/Paris', Bordeaux: 'Europe/Paris', Lille: 'Europe/Paris', Nantes: 'Europe/Paris', Strasbourg: 'Europe/Paris',
  Rom: 'Europe/Rome', Milan: 'Europe/Rome', Mailand: 'Europe/Rome', Lisbonne: 'Europe/Lisbon', Lissabon: 'Europe/Lisbon', Varsovie: 'Europe/Warsaw', Warschau: 'Europe/Warsaw',
  Prag: 'Europe/Prague', Moscou: 'Europe/Moscow', Moskau: 'Europe/Moscow', Athènes: 'Europe/Athens', Athen: 'Europe/Athens', Copenhague: 'Europe/Copenhagen', Kopenhagen: 'Europe/Copenhagen',
  Edinburgh: 'Europe/London', Manchester: 'Europe/London', Barcelona: 'Europe/Madrid', Barcelone: 'Europe/Madrid',
  Boston: 'America/New_York', Washington: 'America/New_York', Miami: 'America/New_York', Atlanta: 'America/New_York', Philadelphia: 'America/New_York',
  Dallas: 'America/Chicago', Houston: 'America/Chicago', Austin: 'America/Chicago', 'San Francisco': 'America/Los_Angeles', Seattle: 'America/Los_Angeles', 'San Diego': 'America/Los_Angeles',
  Montréal: 'America/Toronto', Montreal: 'America/Toronto', Ottawa: 'America/Toronto',
  Mumbai: 'Asia/Kolkata', Bombay: 'Asia/Kolkata', Delhi: 'Asia/Kolkata', 'New Delhi': 'Asia/Kolkata', Bangalore: 'Asia/Kolkata', Bengaluru: 'Asia/Kolkata', Kolkata: 'Asia/Kolkata', Chennai: 'Asia/Kolkata',
  Beijing: 'Asia/Shanghai', Pékin: 'Asia/Shanghai', Peking: 'Asia/Shanghai',
};

/**
 * tz-database city names that are also ordinary words or rarely a place anyone writes from
 * ("Easter", "Christmas", "Center", "Wake"): never read as a place.
 */
export const NOT_PLACES = new Set([
  'Easter', 'Christmas', 'Center', 'Wake', 'Davis', 'Palmer', 'Casey', 'Stanley', 'Knox', 'Troll', 'Midway', 'Marengo', 'Monticello',
  'Vevay', 'Winamac', 'Petersburg', 'Vincennes', 'Nome', 'Beulah', 'Creston', 'Dawson', 'Regina', 'Aden', 'Truk', 'Chatham', 'Norfolk',
  'Eucla', 'Currie', 'Lindeman', 'Macquarie', 'Mawson', 'Vostok', 'Syowa', 'Rothera', 'Mendoza', 'Cordoba', 'Salta', 'Victoria', 'Darwin',
  'Perth', 'Reunion', 'Mayotte', 'Faroe', 'Canary', 'Madeira', 'Guernsey', 'Jersey', 'Man', 'Isle_of_Man', 'Universal', 'Zulu', 'Factory',
]);
