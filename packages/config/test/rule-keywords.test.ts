import { describe, expect, it } from 'vitest';
import { createClassifier } from '@tierdesk/domain';
import { parseConfig } from '../src/index.js';
import { exampleJson, issuesOf, messageAt } from './helpers.js';

describe('triage rule and KB keywords the classifier could never match', () => {
  it('are refused, each named by its path', () => {
    const json = exampleJson();
    json.rules = [{ id: 'custom', category: 'ocr', level: 2, keywords: { en: ['ocr', '!!!', 'ab*'], de: ['Пароль', 'texterkennung'] } }];
    const kbIndex = json.kb[0].keywords.fr.push('?') - 1;
    const issues = issuesOf(json);
    expect(issues.map((i) => i.path).sort()).toEqual([`kb[0].keywords.fr[${kbIndex}]`, 'rules[0].keywords.de[0]', 'rules[0].keywords.en[1]', 'rules[0].keywords.en[2]'].sort());
    expect(messageAt(json, 'rules[0].keywords.en[1]')).toMatch(/no letters a–z or digits .* could never match \(got "!!!"\)/);
    expect(messageAt(json, 'rules[0].keywords.en[2]')).toMatch(/prefix keyword needs at least 3 letters or digits before the "\*".*\(got "ab\*"\)/);
    expect(messageAt(json, 'rules[0].keywords.de[0]')).toMatch(/could never match \(got "Пароль"\)/);
  });

  it('report an empty keyword once', () => {
    const json = exampleJson();
    json.rules = [{ id: 'custom', category: 'ocr', level: 2, keywords: { en: ['ocr', '  '] } }];
    expect(issuesOf(json)).toEqual([expect.objectContaining({ path: 'rules[0].keywords.en[1]', message: 'must not be empty' })]);
  });

  it('accept accented words, umlauts, phrases and prefixes of three letters or more, which then match', () => {
    const json = exampleJson();
    json.rules = [{ id: 'custom-ocr', category: 'ocr', level: 2, weight: 5, keywords: { fr: ['reconnaissance de caractères'], de: ['Texterkennung', 'ocr*'] } }];
    const config = parseConfig(json, 'test.json');
    const classify = createClassifier({ rules: config.rules, vendors: config.vendors, kb: config.kb });
    expect(classify({ subject: 'OCRFehler', body: 'Die Texterkennung liest unsere Belege falsch.' })).toMatchObject({ level: 2, category: 'ocr' });
    expect(classify({ subject: 'Reconnaissance de caracteres', body: 'La reconnaissance de caractères ne lit pas nos factures.' })).toMatchObject({ level: 2, category: 'ocr' });
  });
});

describe('a config rule with the id of a built-in rule and no keywords', () => {
  it('turns that built-in rule off', () => {
    const json = exampleJson();
    json.rules = [{ id: 'l3-regex', category: 'regex', level: 3, keywords: {} }];
    const config = parseConfig(json, 'test.json');
    const mail = { subject: 'REGEX', body: 'I need help writing a regular expression for our order numbers.' };
    const withDefaults = createClassifier({ rules: [], vendors: config.vendors, kb: config.kb });
    const withoutRegex = createClassifier({ rules: config.rules, vendors: config.vendors, kb: config.kb });
    expect(withDefaults(mail).category).toBe('regex');
    expect(withoutRegex(mail).category).not.toBe('regex');
  });

  it('is refused for a rule of its own, which would never match', () => {
    const json = exampleJson();
    json.rules = [{ id: 'my-rule', category: 'ocr', level: 2, keywords: { en: [] } }];
    expect(messageAt(json, 'rules[0].keywords')).toMatch(/at least one keyword .*only a rule with the id of a built-in rule/);
  });
});
