// Word lists for the relevance filter. Kept small and generic (nothing here names a product or a
// corpus): English function words, the verbs and nouns that occur in almost every technical
// sentence, number words, unit classes and antonym pairs.

import { CARDINALS, SCALES } from '../text/number-words';

/** Function words: never evidence that two sentences talk about the same thing. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all almost along already also although always am among an and another any anyone ' +
    'anything are around as at be because been before being below between both but by can cannot could did do does doing ' +
    'done down during each either else enough etc even ever every everything for from further had has have having he her ' +
    'here hers him his how however i if in into is it its itself just least less let like many may me might mine more most ' +
    'much must my neither never no nor not now of off often on once one only onto or other others otherwise our ours out ' +
    'over own per perhaps please quite rather same several shall she should since so some something still such than that ' +
    'the their theirs them then there these they this those though through thus to too toward towards under unless until ' +
    'up upon us very via was we were what whatever when whenever where whereas whether which while who whom whose why will ' +
    'with within without would yet you your yours n t s d ll re ve e g eg ie i.e e.g vs ' +
    // the first halves of contractions ("doesn't" splits into "doesn" and "t")
    'aren couldn didn doesn don hadn hasn haven isn mustn needn shan shouldn wasn weren won wouldn'
  ).split(' '),
);

/** Auxiliary and copular verbs (with the first halves of their contractions: "isn't" -> "isn"): a
 * text that has one says something ("No one is singing."), where a heading names a topic ("Clinic"). */
export const AUXILIARIES: ReadonlySet<string> = new Set(
  (
    'am is are was were be been being has have had do does did can could will would shall should may might must ' +
    'aren couldn didn doesn don hadn hasn haven isn mustn needn shan shouldn wasn weren won wouldn'
  ).split(' '),
);

/**
 * Words so common in technical prose that sharing one says little; they count half. Mostly the
 * predicates of claims ("supports", "requires") and the nouns every document uses.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    'use used uses using make makes made get gets got set sets run runs running need needs needed work works way ways thing ' +
    'things part parts case cases number numbers value values data file files system systems user users default defaults ' +
    'support supports supported provide provides provided include includes included accept accepts accepted allow allows ' +
    'allowed require requires required new old first last next time times see example examples note notes section ' +
    'following follows well good also able available possible different same kind type types order line lines option ' +
    'options change changes changed add adds added give gives given take takes taken keep keeps kept call calls called ' +
    'start starts started show shows shown read reads write writes written'
  ).split(' '),
);

/**
 * Number words, so "five minutes" and "5 minutes" share the number. "one" is not one of them: it is
 * mostly a pronoun ("the one that...").
 */
const { one: _pronoun, ...NUMBER_CARDINALS } = CARDINALS;
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  ...NUMBER_CARDINALS,
  hundred: SCALES.hundred,
  thousand: SCALES.thousand,
  million: SCALES.million,
  twice: 2,
  double: 2,
  half: 0.5,
};

/**
 * Unit words by class. A sentence that gives a duration contradicts a claim about a duration even
 * when the units differ ("five minutes" vs "60 seconds"), so units of a class match each other.
 */
export const UNIT_CLASSES: Readonly<Record<string, string>> = Object.fromEntries([
  ...'ns ms millisecond milliseconds second seconds sec secs minute minutes mins hour hours hr hrs day days week weeks month months year years'
    .split(' ')
    .map((w) => [w, 'duration']),
  ...'byte bytes kb kib mb mib gb gib tb tib kilobyte kilobytes megabyte megabytes gigabyte gigabytes terabyte terabytes'
    .split(' ')
    .map((w) => [w, 'size']),
  ...'percent percentage %'.split(' ').map((w) => [w, 'percent']),
  ...'euro euros dollar dollars usd eur gbp pound pounds cent cents'.split(' ').map((w) => [w, 'money']),
]);

/**
 * Antonym pairs. Contradictions often swap a word for its opposite ("enabled" / "disabled",
 * "dark" / "light"); both words of a pair share one key, so such a pair still counts as related.
 */
export const ANTONYMS: ReadonlyArray<readonly [string, string]> = [
  ['enable', 'disable'],
  ['enabled', 'disabled'],
  ['allow', 'deny'],
  ['allow', 'forbid'],
  ['allow', 'prohibit'],
  ['allow', 'block'],
  ['accept', 'reject'],
  ['accept', 'refuse'],
  ['accept', 'decline'],
  ['include', 'exclude'],
  ['include', 'omit'],
  ['public', 'private'],
  ['start', 'stop'],
  ['open', 'close'],
  ['open', 'closed'],
  ['synchronous', 'asynchronous'],
  ['sync', 'async'],
  ['required', 'optional'],
  ['mandatory', 'optional'],
  ['increase', 'decrease'],
  ['minimum', 'maximum'],
  ['min', 'max'],
  ['success', 'failure'],
  ['succeed', 'fail'],
  ['valid', 'invalid'],
  ['secure', 'insecure'],
  ['local', 'remote'],
  ['online', 'offline'],
  ['static', 'dynamic'],
  ['mutable', 'immutable'],
  ['internal', 'external'],
  ['upper', 'lower'],
  ['dark', 'light'],
  ['encrypted', 'plaintext'],
  ['encrypt', 'decrypt'],
  ['separate', 'shared'],
  ['lazy', 'eager'],
  ['persistent', 'ephemeral'],
  ['deprecated', 'recommended'],
  ['stable', 'experimental'],
  ['free', 'paid'],
  ['install', 'uninstall'],
  ['connect', 'disconnect'],
  ['agree', 'disagree'],
  ['available', 'unavailable'],
  ['supported', 'unsupported'],
  ['read-only', 'writable'],
  ['strict', 'lenient'],
];

/**
 * Irregular English inflections and their base forms, for the WordNet lookup (the suffix rules in
 * wordnet.ts cannot undo "men" or "ran"). The common irregular plurals, verbs and comparatives.
 */
export const IRREGULAR_FORMS: Readonly<Record<string, string>> = Object.fromEntries(
  (
    'men:man women:woman children:child people:person feet:foot teeth:tooth mice:mouse geese:goose oxen:ox ' +
    'knives:knife wives:wife lives:life leaves:leaf wolves:wolf halves:half shelves:shelf loaves:loaf data:datum ' +
    'ran:run sat:sit ate:eat eaten:eat went:go gone:go saw:see seen:see took:take taken:take gave:give given:give ' +
    'came:come wore:wear worn:wear rode:ride ridden:ride drove:drive driven:drive flew:fly flown:fly threw:throw ' +
    'thrown:throw held:hold stood:stand lay:lie lain:lie fell:fall fallen:fall swam:swim swum:swim sang:sing ' +
    'sung:sing drank:drink drunk:drink began:begin begun:begin wrote:write written:write spoke:speak spoken:speak ' +
    'broke:break broken:break caught:catch bought:buy brought:bring thought:think taught:teach fought:fight ' +
    'made:make said:say told:tell sold:sell found:find left:leave felt:feel kept:keep slept:sleep met:meet led:lead ' +
    'built:build sent:send spent:spend lost:lose won:win hung:hang dug:dig stuck:stick slid:slide shot:shoot ' +
    'bit:bite bitten:bite hid:hide hidden:hide wept:weep lit:light knelt:kneel grew:grow grown:grow knew:know ' +
    'known:know blew:blow blown:blow drew:draw drawn:draw chose:choose chosen:choose froze:freeze frozen:freeze ' +
    'woke:wake woken:wake shook:shake shaken:shake forgot:forget forgotten:forget got:get gotten:get did:do done:do ' +
    'was:be were:be been:be had:have has:have better:good best:good worse:bad worst:bad'
  )
    .split(' ')
    .map((pair) => pair.split(':')),
);
