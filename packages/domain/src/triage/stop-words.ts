/**
 * Frequent function words per language, in normalised form (see normalizeText). Used to vote on
 * the language of short mails, where n-gram models are unreliable, and to let keyword phrases
 * skip articles and prepositions ("mot de passe", "create a user").
 */
const WORDS: Record<string, string> = {
  en: 'the and is are was you your my our i im ive we it its this that with have has for please thanks thank can cannot not does doesnt dont didnt what how when where which would could will be there hi hello dear regards best kind cheers an of to on in at from since but or if me us they been any some all get just after',
  fr: 'le la les des est et je vous nous mon ma mes notre nos votre vos pour avec une un pas sur dans que qui quand merci bonjour cordialement salutations ne ce cette ces du au aux il elle on mais ou depuis suis sont avons avez jai puis faire tout tous plus tres bien comment quelle quelles quel quels chez car donc sans sous leur leurs y en de',
  de: 'der die das und ist ich sie wir mein meine meinen unser unsere unseren nicht mit fuer auf ein eine einen einem bitte danke hallo gruss gruesse gruessen wie kann koennen haben habe es zu den dem von auch noch bei seit wird werden wurde dass aber oder wenn beim vom zum zur sind ihr ihre ihnen leider schon guten tag sehr geehrte freundlichen viele mfg',
  es: 'el los las y por para con mi mis que hola gracias necesito ayuda tengo una del muy pero como esta estoy usted saludos buenos dias nuestro nuestra puede',
  it: 'il di che e non per sono ho mio mia ciao grazie buongiorno della con una gli questo anche sempre cordiali saluti nostro nostra posso aiuto',
  nl: 'het een ik niet van met voor mijn dank graag bedankt hoe kunnen wij onze groeten alvast',
  pt: 'nao obrigado obrigada ola voce meu minha com uma para por favor preciso ajuda nosso nossa como faco ao sao tem esta',
};

/** Language → its stop-word set. */
export const STOP_WORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(WORDS).map(([lang, list]) => [lang, new Set(list.split(' '))]),
);

/** Token → languages it votes for (a word shared by two languages votes for both). */
export const STOP_WORD_VOTES: ReadonlyMap<string, readonly string[]> = (() => {
  const votes = new Map<string, string[]>();
  for (const [lang, set] of STOP_WORDS) {
    for (const word of set) {
      const list = votes.get(word);
      if (list) list.push(lang);
      else votes.set(word, [lang]);
    }
  }
  return votes;
})();

/**
 * Articles, prepositions and possessives that keyword phrases may skip over. Negations are
 * deliberately absent: "does not work" must not read as "does work".
 */
export const PHRASE_FILLERS: ReadonlySet<string> = new Set(
  ('the a an of to my our your for on in at with this that some '
    + 'le la les l un une des du de d au aux mon ma mes notre nos votre vos pour sur avec en ce cette '
    + 'der die das den dem des ein eine einen einem einer mein meine meinen unser unsere unseren zu zum zur fuer mit im am bei').split(' '),
);
