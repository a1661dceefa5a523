import type { TriageRuleConfig } from '../config-types.js';
import type { Level } from '../levels.js';

/**
 * The default rule set, built from the seed's level definitions and examples
 * (support-levels.txt): L0 self-help how-to questions, L1 general questions by ticket (invoice,
 * update, licence), L2 extended technical support with a callback (antivirus, DATEV export,
 * teaching documents, installation, scanners), L3 product experts (database, REGEX, API, bugs to
 * reproduce), L4 third parties under contract (NAS, external database servers, terminal servers,
 * printers, outsourced services).
 *
 * Keywords are normalised like the mail (case, accents, umlauts = ae/oe/ue) and lightly stemmed,
 * so "facture" also finds "factures". A phrase skips articles and prepositions and at most one
 * other word; a trailing `*` matches any word starting so. Weight = how strongly one keyword
 * speaks for the rule; specific, rarely ambiguous words live in heavier rules, everyday words in
 * the "-weak" companions.
 */
type Words = { en?: string; fr?: string; de?: string };

function rule(id: string, level: Level, category: string, weight: number, words: Words, vendorTopic?: string): TriageRuleConfig {
  const split = (list: string | undefined): string[] => (list ? list.split('|').map((w) => w.trim()).filter(Boolean) : []);
  const keywords = { en: split(words.en), fr: split(words.fr), de: split(words.de) };
  return vendorTopic ? { id, category, level, weight, keywords, vendorTopic } : { id, category, level, weight, keywords };
}

const RULES: TriageRuleConfig[] = [
  // Level 0 — self-help: the customer can find it in the KB, FAQ, videos.
  rule('l0-account', 0, 'account', 2.5, {
    en: 'password|passcode|forgot password|reset password|login details|username|create user|new user|add user|add a colleague|set up user|user account|user rights|access rights|read-only rights',
    fr: 'mot de passe|identifiant|identifiants|nouvel utilisateur|creer utilisateur|ajouter utilisateur|compte utilisateur|droits utilisateur|droits d acces',
    de: 'passwort|kennwort|zugangsdaten|anmeldedaten|benutzer anlegen|neuen benutzer|weiteren benutzer|benutzer erstellen|benutzer hinzufuegen|benutzerverwaltung|benutzerkonto|benutzerrechte|zugriffsrechte|eingeschraenkten rechten',
  }),
  rule('l0-requirements', 0, 'requirements', 3, {
    en: 'supported|which databases|which database|system requirements|minimum requirements|requirements|compatible|compatibility|does it run|run on|windows only|macos',
    fr: 'prend en charge|prises en charge|pris en charge|quelles bases|quelle base|compatible|compatibilite|configuration minimale|configuration requise|prerequis|supporte|supportees',
    de: 'unterstuetzt|welche datenbanken|welche datenbank|systemvoraussetzungen|voraussetzungen|systemanforderungen|mindestanforderungen|kompatibel|kompatibilitaet',
  }),
  rule('l0-requirements-weak', 0, 'requirements', 1, { en: 'mac|linux|ram', fr: 'prise en charge|mac|linux', de: 'mac|linux|arbeitsspeicher' }),
  rule('l0-how-to', 0, 'how-to', 1.5, {
    en: 'how do i|how can i|how to|how does|is there a way|tutorial|video|youtube|manual|user guide|faq|is it possible|where is the option|where is|keyboard shortcuts|shortcut|step by step|where can i find|where do i find|interface language|full-text search|tagging|tag documents|double-sided',
    fr: 'comment|tutoriel|video|youtube|manuel|guide|mode d emploi|faq|raccourci|raccourcis clavier|ou trouver|est il possible|changer la langue|langue de l interface|etiquettes|recherche plein texte',
    de: 'wie kann ich|wie kann man|kann man|ist es moeglich|wie stelle ich|wie richte ich|wie erstelle ich|wie aendere ich|wie lege ich|wie funktioniert|anleitung|tutorial|video|youtube|handbuch|bedienungsanleitung|faq|tastenkombination|tastenkuerzel|wo finde ich|gibt es eine moeglichkeit|sprache umstellen|sprache der oberflaeche|schlagworte|schlagwort|volltextsuche|ablageregeln',
  }),

  // Level 1 — general questions handled by ticket.
  rule('l1-billing', 1, 'billing', 2.5, {
    en: 'invoice|billing|bill|charged|charged twice|payment|paid|refund|credit note|receipt|price|pricing|quote|quotation|subscription|renewal|cancel|cancellation|vat|bank details|bank transfer|credit card|direct debit|pro-forma',
    fr: 'facture|facturation|paiement|payer|rembourser|remboursement|preleve|prelevement|prix|tarif|tarifs|devis|abonnement|resiliation|resilier|resilie|renouvellement|tva|coordonnees bancaires|virement|carte bancaire|conditions de paiement',
    de: 'rechnung|rechnungsadresse|abrechnung|zahlung|bezahlung|bezahlt|gutschrift|erstattung|rueckerstattung|preis|preise|angebot|abonnement|abo|kuendigung|kuendigen|kuendige|verlaengerung|mehrwertsteuer|mwst|bankverbindung|ueberweisung|kreditkarte|lastschrift|betrag',
  }),
  rule('l1-update', 1, 'update', 2.5, {
    en: 'update|program update|new version|newer version|latest version|newest version|newest release|current version|upgrade|download the|release',
    fr: 'mise a jour|mises a jour|nouvelle version|derniere version|version actuelle|mettre a jour|telecharger|telechargement|upgrade',
    de: 'update|updaten|programmupdate|aktualisierung|aktualisieren|neue version|neueste version|aktuelle version|upgrade|herunterladen|download',
  }),
  rule('l1-licence', 1, 'licence', 3, {
    en: 'licence|license|licence key|license key|activate|activation|activating|serial number|product key|paperoffice plus|plus edition|plus features|deactivate|move the licence|additional licence',
    fr: 'licence|cle de licence|activer|activation|numero de serie|cle produit|paperoffice plus|edition plus|version plus|fonctions supplementaires|desactiver|licence supplementaire',
    de: 'lizenz|lizenzschluessel|aktivieren|aktivierung|freischalten|freischaltung|seriennummer|produktschluessel|paperoffice plus|plus funktionen|deaktivieren|lizenz uebertragen|lizenz freigeben|zusaetzliche lizenz',
  }),
  rule('l1-general', 1, 'general', 1, {
    en: 'question|questions|information|order|contract|maintenance contract',
    fr: 'question|questions|renseignement|information|commande|contrat',
    de: 'frage|fragen|auskunft|information|bestellung|vertrag|wartungsvertrag|wartung',
  }),

  // Level 2 — extended technical support, usually with a callback.
  rule('l2-antivirus', 2, 'antivirus', 3.5, {
    en: 'antivirus|anti-virus|virus scanner|virus|defender|windows defender|firewall|quarantine|whitelist|whitelisting|add an exception|exclusion|sophos|kaspersky|avast|avira|norton|mcafee|eset|bitdefender|malware|threat|false positive|suspicious behaviour|ports',
    fr: 'antivirus|anti-virus|pare-feu|firewall|quarantaine|defender|kaspersky|avast|avira|norton|mcafee|eset|bitdefender|liste blanche|ajouter une exception|faux positif|logiciel malveillant|menace',
    de: 'antivirus|virenscanner|virenschutz|antivirenprogramm|firewall|quarantaene|defender|kaspersky|avast|avira|norton|mcafee|eset|bitdefender|g data|gdata|ausnahme hinzufuegen|ausnahmen einrichten|ausnahmen|bedrohung|fehlalarm|schadsoftware',
  }),
  rule('l2-antivirus-weak', 2, 'antivirus', 1.2, {
    en: 'blocked|blocks|kills the process|won t start',
    fr: 'bloque|bloquer|ne demarre plus',
    de: 'blockiert|blockieren|startet nicht mehr',
  }),
  rule('l2-export', 2, 'export', 3.5, {
    en: 'export|exporting|datev|csv|export to excel|accounting software|tax advisor|auditors|lexware',
    fr: 'export|exporter|exportation|datev|csv|logiciel comptable|logiciel de comptabilite|expert comptable|cabinet comptable',
    de: 'export|exportieren|exportiere|datev|datev format|csv|excel|steuerberater|buchhaltungssoftware|buchhaltungsprogramm|lexware',
  }),
  rule('l2-document-learning', 2, 'document-learning', 3.5, {
    en: 'teach|taught|teaching|document learning|learning feature|learning documents|auto classification|automatic classification|automatic filing|automatic recognition',
    fr: 'apprendre documents|apprendre reconnaitre|apprendre classer|apprentissage|entrainer|reconnaissance automatique|classement automatique|classification automatique|attribution automatique',
    de: 'anlernen|angelernt|anzulernen|anlern*|dokumente lernen|trainieren|automatische erkennung|automatische ablage|automatisch erkennen|automatisch zuordnen',
  }),
  rule('l2-installation', 2, 'installation', 3, {
    en: 'install|installing|installation|reinstall|uninstall|setup stops|setup fails|installer|migrate|migration',
    fr: 'installer|installation|reinstaller|desinstaller|migration|migrer',
    de: 'installieren|installation|neu installieren|neuinstallation|deinstallieren|umziehen|umzug|migration|migrieren',
  }),
  rule('l2-installation-weak', 2, 'installation', 1, {
    en: 'new computer|new pc|new workstation|new laptop',
    fr: 'nouveau poste|nouvel ordinateur|nouveau pc|changeons de pc|changer de pc|changer d ordinateur|nouveau serveur',
    de: 'neuer rechner|neuen rechner|neuem rechner|neuer pc|neuen pc|neues notebook',
  }),
  rule('l2-scanner', 2, 'scanner', 3, {
    en: 'scanner|twain|wia|scan driver|document scanner|scansnap',
    fr: 'scanner|scanneur|twain|wia|numeriseur',
    de: 'scanner|dokumentenscanner|twain|wia|scanner einrichten|einrichtung des scanners',
  }),
  rule('l2-callback', 2, 'callback', 2, {
    en: 'call me back|call back|callback|give me a call|a call|phone call|call me|on the phone|by phone|walk me through|walk us through|remote session|teamviewer|screen sharing|go through',
    fr: 'rappeler|me rappeler|rappel|demande de rappel|rappelez moi|appeler|par telephone|teamviewer|prise en main a distance|accompagner|un technicien',
    de: 'rueckruf|zurueckrufen|rufen sie mich|anrufen|telefonisch|teamviewer|fernwartung|bitte um rueckruf|techniker',
  }),

  // Level 3 — product experts: reproduce and find the cause.
  rule('l3-database', 3, 'database', 3, {
    en: 'database|db|database error|database connection|corrupt|corrupted|marked as crashed|index',
    fr: 'base de donnees|bdd|corrompu|corrompue|index|index corrompu',
    de: 'datenbank|datenbankfehler|datenbankverbindung|beschaedigt|index|datenbank beschaedigt',
  }),
  rule('l3-regex', 3, 'regex', 4, {
    en: 'regex|regexp|regular expression|regular expressions|regex101',
    fr: 'regex|expression reguliere|expressions regulieres',
    de: 'regex|regulaerer ausdruck|regulaeren ausdrucks|regulaere ausdruecke|regulaeren ausdruck',
  }),
  rule('l3-api', 3, 'api', 4, {
    en: 'api|rest api|endpoint|webhook|sdk|authentication|crm',
    fr: 'api|api rest|endpoint|webhook|jeton|authentification|integration',
    de: 'api|schnittstelle|endpunkt|webhook|authentifizierung|anbinden|warenwirtschaft*',
  }),
  rule('l3-bug', 3, 'bug', 3, {
    en: 'crash|crashes|crashed|crashing|bug|freezes|frozen|hangs|not responding|error message|exception|reproduce|reproducible|steps to reproduce|access violation|stack trace|unhandled|data loss|disappeared|vanished|duplicated|appears twice',
    fr: 'plante|plantage|planter|bug|bogue|fige|gele|ne repond plus|message d erreur|exception|reproduire|reproductible|se reproduit|dispar*|perte de donnees|en double|doublons|deux fois',
    de: 'absturz|stuerzt|abgestuerzt|abstuerzen|bug|friert|eingefroren|haengt sich auf|reagiert nicht|fehlermeldung|reproduzierbar|reproduzieren|verschwunden|datenverlust|doppelt|fehler im programm',
  }),
  rule('l3-bug-weak', 3, 'bug', 1.2, {
    en: 'error|errors|failed|fails|every time|each time|investigate|analyse|analyze|no results',
    fr: 'erreur|erreurs|echoue|a chaque fois|systematiquement|analyser|aucun resultat',
    de: 'fehler|unerwartet|fehlgeschlagen|jedes mal|immer wieder|analyse|analysieren|keine treffer|findet nichts',
  }),
  rule('l3-performance', 3, 'performance', 3, {
    en: 'slow|very slow|extremely slow|sluggish|performance|takes minutes|cpu',
    fr: 'lent|lente|lenteur|tres lent|ralenti|prend une minute|performances',
    de: 'langsam|extrem langsam|dauert ewig|performance|leistung|cpu',
  }),

  // Level 4 — external, contract support for what the product team does not maintain.
  rule('l4-nas', 4, 'nas', 4, {
    en: 'nas|nas device|synology|qnap|network storage|network attached storage|western digital|netapp',
    fr: 'nas|peripherique nas|synology|qnap|stockage reseau|western digital|netapp',
    de: 'nas|nas geraet|synology|qnap|netzwerkspeicher|western digital|netapp',
  }, 'nas'),
  rule('l4-external-database', 4, 'external-database', 3.5, {
    en: 'external database|external sql server|sql server|microsoft sql|mssql|oracle|database server|db server|optimise|optimize|optimised|optimized|tuning|indexes and memory',
    fr: 'serveur de base de donnees|base de donnees externe|serveur sql|sql server|microsoft sql|oracle|optimiser|optimise|optimisation',
    de: 'datenbankserver|externe datenbank|externer datenbankserver|sql server|microsoft sql|oracle|optimieren|optimiert|optimierung',
  }, 'database-server'),
  rule('l4-terminal-server', 4, 'terminal-server', 4, {
    en: 'terminal server|terminal services|remote desktop|remote desktop services|rds|remoteapp|citrix|rdp|session host',
    fr: 'terminal server|serveur terminal|serveur tse|tse|bureau a distance|citrix|rds',
    de: 'terminalserver|terminal server|remotedesktop|citrix|rds|sitzungen',
  }, 'terminal-server'),
  rule('l4-printer', 4, 'printer', 3.5, {
    en: 'printer|printers|printing|print job|prints|laserjet|kyocera|ricoh|xerox|lexmark|konica|toner|print driver',
    fr: 'imprimante|imprimantes|imprimer|imprime|impression|kyocera|ricoh|xerox|lexmark|konica|toner',
    de: 'drucker|druckt|drucken|druckauftrag|netzwerkdrucker|druckertreiber|kyocera|ricoh|xerox|lexmark|konica|toner',
  }, 'printer'),
  rule('l4-outsourced-service', 4, 'outsourced-service', 3, {
    en: 'outsourced|outsourcing|service provider|it service provider|hosting|hosted|hosting provider|cloud provider|managed service|it firm|data centre|data center|mail server|exchange server',
    fr: 'prestataire|prestataire informatique|externalise|externalisee|hebergement|heberge|hebergeur|infogerance|serveur de messagerie',
    de: 'dienstleister|externer dienstleister|it dienstleister|ausgelagert|hoster|gehostet|rechenzentrum|mailserver',
  }, 'hosting'),
  rule('l4-third-party', 4, 'outsourced-service', 1.5, {
    en: 'external|third party|third-party|copier company|leased',
    fr: 'externe|tiers|pilote',
    de: 'extern|externen|externer|drittanbieter|haendler|firmware',
  }),
];

function deepFreeze(rules: TriageRuleConfig[]): TriageRuleConfig[] {
  for (const r of rules) {
    for (const list of Object.values(r.keywords)) Object.freeze(list);
    Object.freeze(r.keywords);
    Object.freeze(r);
  }
  return Object.freeze(rules) as TriageRuleConfig[];
}

/** The built-in rules; config `rules` override them by id (see mergeRules). */
export const DEFAULT_TRIAGE_RULES: TriageRuleConfig[] = deepFreeze(RULES);
