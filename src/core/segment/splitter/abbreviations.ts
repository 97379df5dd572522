// Word lists that let the splitter tell an abbreviation's period from a sentence's.
// The lists are ours, compiled from common English usage (style guides, legal/academic/business
// abbreviations); they play the role of pragmatic_segmenter's abbreviation list.

function set(words: string): Set<string> {
  return new Set(words.split(/\s+/).filter(Boolean));
}

/**
 * Titles written before a name ("Mr. Smith"): a capitalized word after them is the name, never a
 * new sentence. Matched case-sensitively on the capitalized form, because "gen." or "rep." in
 * lowercase are ordinary words more often than titles.
 */
export const TITLES = set(`
  Mr Mrs Ms Mx Messrs Mmes Mme Mlle Msgr Dr Drs Prof Profs Rev Revd Hon Fr Sra Srta
  Gen Lt Col Maj Capt Cpt Cmdr Comdr Cdr Adm Sgt Cpl Pvt Brig Lieut Ens
  Gov Sen Sens Rep Reps Pres Supt Det Insp Atty Amb Ald Pres Rt Cllr Sec Treas
  MR MRS MS DR PROF
`);

/**
 * Abbreviations that introduce something and so never end a sentence: "e.g. The Beatles".
 * Lowercase, compared case-insensitively.
 */
export const NEVER_FINAL = set(`e.g i.e cf viz vs v esp incl resp approx ca cca c.f w.r.t a.k.a aka`);

/**
 * Abbreviations that often end a sentence: a capitalized word after them starts a new one even
 * when it is not a typical sentence starter ("... at 6 p.m. Travelers who ...").
 */
export const USUALLY_FINAL = set(`etc a.m p.m am pm`);

/**
 * Abbreviations that are not also common English words; compared case-insensitively. After one of
 * these, only a typical sentence starter ("They", "The", "How") begins a new sentence.
 */
export const ABBREVIATIONS = set(`
  a.d b.c b.c.e c.e a.m p.m etc al et.al ibid op.cit loc.cit
  jan feb febr mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
  co corp inc ltd llc llp plc bros assn assoc dept depts div est estd intl natl govt mgr mgmt
  univ inst coll acad soc
  jr sr snr jnr st ste mt mtn ft ave av blvd rd hwy hwys fwy pkwy sq apt bldg fl rte ctr
  approx appt attn dist ext fwd hosp illus jour misc orig qty ref refs repr reprod rev
  trans transl tr vol vols ed eds edn ch sec sect secs para paras pt pts pp ser supp suppl
  fig figs eq eqs eqn eqns tbl art no nos nr num n° nº tel ph
  min mins max hr hrs yr yrs mo mos wk wks lb lbs oz qt doz tsp tbsp cu mi
  abbr abr adj adv aux conj interj pron pl sg obj subj intr
  anon asst avg bibl biog bk chem comp cont contd corr dict econ educ elec engl
  ency encycl eng env fac fem geog geol hist hort incl indef ital lat masc med mech
  mil mss mus nat naut neg obs occ orch org pers philos phys pol pref prelim pres priv
  prob proc prod prof prog prov psych publ qual rel relig repub res ret rom sci sem
  subst syn techn theol trad treas usu var zool
  gen lt col maj capt cmdr adm sgt cpl pvt brig gov sen reps supt det insp atty
  mr mrs ms dr drs rev hon messrs mme mlle msgr esq
  ala ariz calif colo conn del fla ga ind kan kans ky la md mich minn mont neb nebr
  nev okla pa penn tenn tex va vt wis wisc wyo
  btw f.e fyi cf vs e.g i.e ph.d m.d b.a m.a b.sc m.sc d.phil ll.b ll.m
  u.s u.s.a u.k e.u u.n p.o a.k.a
`);

/**
 * Abbreviations spelled like common words ("no.", "fig.", "art.", "sun."): in lowercase they count
 * as abbreviations only before a number ("no. 5", "fig. 3"), otherwise as the word itself.
 */
export const ONLY_BEFORE_NUMBERS = set(
  `no nos fig figs art arts vol sec ch op eq pt ed tab p pp para num sun sat wed mar`,
);

/**
 * Words that typically begin a sentence. After an ambiguous abbreviation ("co.", "U.S.") a
 * capitalized word from this list means the abbreviation also ended the sentence:
 * "I live in the U.S. How about you?" vs "I work for the U.S. Government in Virginia."
 */
export const SENTENCE_STARTERS = set(`
  A About According After Again Against All Almost Also Although Always Among An And Another Any
  Anyone Anything Anyway Are As At Because Before Being Besides Both But By Can Consequently
  Could Despite Did Do Does During Each Either Even Eventually Every Everyone Everything Finally
  First Firstly For Fortunately From Furthermore Given Had Has Have He Hence Her Here Hers Herself
  Him His How However I If In Indeed Initially Instead Is It Its Just Last Later Let Like Many
  May Maybe Meanwhile Might Millions More Moreover Most Much Must My Namely Neither Never
  Nevertheless Next No Nobody None Nonetheless Nor Not Nothing Now Of Often On Once One Only Or
  Other Others Otherwise Our Over Overall Perhaps Please Previously Rather Second Secondly She
  Should Similarly Since So Some Someone Something Sometimes Soon Still Such That The Their
  Them Then There Therefore These They Third This Those Though Thus To Today Together Tomorrow
  Too Two Under Unfortunately Unless Unlike Until Upon Usually We Well Were Was What Whatever
  When Whenever Where Whereas Whether Which While Who Whoever Whom Whose Why Will With Within
  Without Would Yes Yesterday Yet You Your Yours
`);
