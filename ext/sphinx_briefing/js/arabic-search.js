/*
 * Arabic search for sphinx-briefing: folding, splitting and the light stemmer.
 * Generated into language_data.js from the same table as the Python indexer
 * (briefing/data/arabic.json), so queries and the index cannot drift apart.
 */
const BRIEFING_TABLES = __TABLES__;

const briefingDropped = (() => {
  const dropped = new Set(BRIEFING_TABLES.drop.map((hex) => String.fromCodePoint(parseInt(hex, 16))));
  for (const [low, high] of BRIEFING_TABLES.drop_ranges) {
    for (let c = parseInt(low, 16); c <= parseInt(high, 16); c++) dropped.add(String.fromCodePoint(c));
  }
  return dropped;
})();

const briefingClusters = (() => {
  const clusters = new Set();
  for (const c of ["", ...BRIEFING_TABLES.conjunctions])
    for (const p of ["", ...BRIEFING_TABLES.prepositions])
      for (const a of ["", ...BRIEFING_TABLES.articles]) clusters.add(c + p + a);
  for (const c of ["", ...BRIEFING_TABLES.conjunctions]) clusters.add(c + BRIEFING_TABLES.contracted_article);
  clusters.delete("");
  // Longest first; among equal lengths, the Python side's order (sorted by length, stable).
  return [...clusters].sort((a, b) => b.length - a.length);
})();

const briefingSuffixes = [...BRIEFING_TABLES.suffixes].sort((a, b) => b.length - a.length);

/** Fold one character as sphinx_briefing.text.normalise.fold_char does. */
const briefingFoldChar = (char) => {
  if (briefingDropped.has(char)) return "";
  const mapped = BRIEFING_TABLES.map[char];
  if (mapped !== undefined) return mapped;
  if (char.charCodeAt(0) < 128) return char.toLowerCase();
  if (/\p{Mn}/u.test(char)) return "";
  const base = char.normalize("NFKD").replace(/\p{Mn}/gu, "");
  return base ? base.toLowerCase() : "";
};

const briefingFold = (text) => [...text].map(briefingFoldChar).join("");

const briefingIsArabic = (word) => /[\u0600-\u06ff]/.test(word);

const briefingStripOnce = (word) =>
  briefingClusters
    .filter((p) => word.startsWith(p) && [...word].length - [...p].length >= BRIEFING_TABLES.min_stem)
    .map((p) => word.slice(p.length));

const briefingReduce = (word) => {
  for (;;) {
    const shorter = briefingStripOnce(word);
    if (!shorter.length) return word;
    word = shorter[0];
  }
};

/** The word and every form reachable by stripping clusters (sphinx_briefing.text.stemmer.readings). */
const briefingReadings = (word) => {
  const seen = [word];
  for (let position = 0; position < seen.length; position++) {
    for (const shorter of briefingStripOnce(seen[position])) {
      if (!seen.includes(shorter)) seen.push(shorter);
    }
  }
  return seen;
};

const briefingKey = (reading) => {
  for (const suffix of briefingSuffixes) {
    if (reading.endsWith(suffix) && [...reading].length - [...suffix].length >= BRIEFING_TABLES.min_stem)
      return reading.slice(0, reading.length - suffix.length);
  }
  return reading;
};

/** Query words: folded first, so harakat and tatweel never split a word. */
function splitQuery(query) {
  return briefingFold(query)
    .split(/[^\p{L}\p{N}_]+/u)
    .filter((term) => term);
}

/** Every key a folded word of the text is indexed under (sphinx_briefing.text.stemmer.index_keys). */
const briefingIndexKeys = (folded) =>
  briefingIsArabic(folded)
    ? new Set(briefingReadings(folded).map(briefingKey))
    : new Set([folded]);

var Stemmer = function () {
  const english = typeof EnglishStemmer === "undefined" ? null : new EnglishStemmer();
  this.stemWord = (word) => {
    const folded = briefingFold(word);
    if (briefingIsArabic(folded)) return briefingKey(briefingReduce(folded));
    return english ? english.stemWord(folded.toLowerCase()) : folded.toLowerCase();
  };
};

if (typeof module !== "undefined") {
  module.exports = { briefingFold, briefingReduce, briefingReadings, briefingKey, splitQuery, Stemmer };
}
