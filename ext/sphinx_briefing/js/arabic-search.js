/*
 * Arabic search for sphinx-briefing: folding, tokens (words, numbers, dates, months),
 * protected names and the light stemmer. Generated into language_data.js from the same
 * tables as the Python indexer (sphinx_briefing.text.search_terms, .stemmer, .normalise),
 * so queries and the index cannot drift apart.
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
const briefingNames = new Set(BRIEFING_TABLES.protected);
const briefingMonths = new Map(Object.entries(BRIEFING_TABLES.month_names));
/** First word → (second word → key), for the two-word month names (كانون الثاني). */
const briefingMonthHeads = (() => {
  const heads = new Map();
  for (const [name, month] of briefingMonths) {
    const space = name.indexOf(" ");
    if (space < 0) continue;
    const first = name.slice(0, space);
    if (!heads.has(first)) heads.set(first, new Map());
    heads.get(first).set(name.slice(space + 1), month);
  }
  return heads;
})();

/** Memoise a function of one string (the search page folds and stems the same words often). */
const briefingMemo = (fn) => {
  const memo = new Map();
  return (text) => {
    let value = memo.get(text);
    if (value === undefined) memo.set(text, (value = fn(text)));
    return value;
  };
};

/** Fold one character as sphinx_briefing.text.normalise.fold_char does. */
const briefingFoldChar = briefingMemo((char) => {
  if (briefingDropped.has(char)) return "";
  const mapped = BRIEFING_TABLES.map[char];
  if (mapped !== undefined) return mapped;
  if (char.charCodeAt(0) < 128) return char.toLowerCase();
  if (/\p{Mn}/u.test(char)) return "";
  const base = char.normalize("NFKD").replace(/\p{Mn}/gu, "");
  return base ? base.toLowerCase() : "";
});

const briefingFold = (text) => [...text].map(briefingFoldChar).join("");

/**
 * The folded text and, for each of its UTF-16 units, the offset in ``text`` of the
 * character it came from (one more entry: ``text.length``), as normalise.fold does.
 */
const briefingFoldMap = (text) => {
  let folded = "";
  const origins = [];
  let offset = 0;
  for (const char of text) {
    const piece = briefingFoldChar(char);
    folded += piece;
    for (let i = 0; i < piece.length; i++) origins.push(offset);
    offset += char.length;
  }
  origins.push(text.length);
  return { folded, origins };
};

const briefingIsArabic = (word) => /[\u0600-\u06ff]/.test(word);

const briefingStripOnce = (word) => {
  const size = [...word].length;
  return briefingClusters
    .filter((p) => word.startsWith(p) && size - [...p].length >= BRIEFING_TABLES.min_stem)
    .map((p) => word.slice(p.length));
};

const briefingReduce = (word) => {
  for (;;) {
    const shorter = briefingStripOnce(word);
    if (!shorter.length) return word;
    word = shorter[0];
  }
};

/** The word and every form reachable by stripping clusters (sphinx_briefing.text.stemmer.readings). */
const briefingReadings = briefingMemo((word) => {
  const seen = [word];
  for (let position = 0; position < seen.length; position++) {
    for (const shorter of briefingStripOnce(seen[position])) {
      if (!seen.includes(shorter)) seen.push(shorter);
    }
  }
  return Object.freeze(seen);
});

const briefingKey = (reading) => {
  for (const suffix of briefingSuffixes) {
    if (reading.endsWith(suffix) && [...reading].length - [...suffix].length >= BRIEFING_TABLES.min_stem)
      return reading.slice(0, reading.length - suffix.length);
  }
  return reading;
};

/** search_terms._PIECES: a date, a number, or a run of letters. */
const briefingPieces =
  /(?<date>[0-9]{4}-[0-9]{1,2}(?:-[0-9]{1,2})?|[0-9]{1,2}\/[0-9]{1,2}\/[0-9]{4})(?![0-9])|(?<number>[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])|[0-9]+)|(?<word>[\p{L}\p{Nl}\p{No}]+)/gu;

const briefingMonthKey = (month) => `m${String(month).padStart(2, "0")}`;
const briefingIsMonthKey = (word) => /^m(?:0[1-9]|1[0-2])$/.test(word);
const briefingNumber = (digits) => digits.replaceAll(",", "").replace(/^0+/, "") || "0";

const briefingWordReadings = (word) => (briefingIsArabic(word) ? briefingReadings(word) : [word]);

const briefingMonthOf = briefingMemo((word) => {
  for (const reading of briefingWordReadings(word)) {
    const month = briefingMonths.get(reading);
    if (month !== undefined) return month;
  }
  return null;
});

const briefingDate = (text, start, end) => {
  let year, month, day;
  if (text.includes("-")) [year, month, ...day] = text.split("-");
  else {
    const parts = text.split("/");
    [year, month] = [parts.pop(), parts.pop()];
    day = parts;
  }
  const valid = +month >= 1 && +month <= 12 && day.every((d) => +d >= 1 && +d <= 31);
  if (!valid) return [year, month, ...day].map((p) => ({ kind: "number", text: briefingNumber(p), start, end }));
  return [
    { kind: "number", text: briefingNumber(year), start, end },
    { kind: "month", text: briefingMonthKey(+month), start, end },
    ...day.map((d) => ({ kind: "number", text: briefingNumber(d), start, end })),
  ];
};

/** The words, numbers and months of a folded text (sphinx_briefing.text.search_terms.tokens). */
const briefingTokens = (folded) => {
  const found = [];
  let pending = null; // كانون, waiting for الثاني
  for (const match of folded.matchAll(briefingPieces)) {
    const text = match[0];
    const start = match.index;
    const end = start + text.length;
    const group = match.groups.date !== undefined ? "date" : match.groups.number !== undefined ? "number" : "word";
    if (pending !== null) {
      const [head, seconds] = pending;
      pending = null;
      const month = group === "word" ? seconds.get(text) : undefined;
      if (month !== undefined && !folded.slice(head.end, start).trim()) {
        found[found.length - 1] = { kind: "month", text: month, start: head.start, end };
        continue;
      }
    }
    if (group === "date") found.push(...briefingDate(text, start, end));
    else if (group === "number") found.push({ kind: "number", text: briefingNumber(text), start, end });
    else {
      const month = briefingMonthOf(text);
      if (month !== null) {
        found.push({ kind: "month", text: month, start, end });
        continue;
      }
      const token = { kind: "word", text, start, end };
      found.push(token);
      for (const reading of briefingWordReadings(text)) {
        if (briefingMonthHeads.has(reading)) {
          pending = [token, briefingMonthHeads.get(reading)];
          break;
        }
      }
    }
  }
  return found;
};

/** Tokens of a text as written, with spans in that text (for marking matches). */
const briefingTextTokens = (text) => {
  const { folded, origins } = briefingFoldMap(text);
  return briefingTokens(folded).map((t) => {
    const start = origins[t.start];
    let end = t.end > t.start ? origins[t.end - 1] + 1 : start;
    // Include the marks (harakat, tatweel) after the last character, as Folded.span does.
    while (end < text.length && !briefingFoldChar(text[end])) end++;
    return { ...t, start, end };
  });
};

/** The protected name an Arabic word is (search_terms.Keys.name_of), or null. */
const briefingNameOf = briefingMemo((word) => {
  const readings = [...briefingReadings(word)].sort((a, b) => [...a].length - [...b].length);
  for (const reading of readings) {
    if (briefingNames.has(reading)) return reading;
    if (briefingNames.has(briefingKey(reading))) return briefingKey(reading);
  }
  return null;
});

const briefingEnglish = typeof EnglishStemmer === "undefined" ? null : new EnglishStemmer();
const briefingLatinKey = (word) => (briefingEnglish ? briefingEnglish.stemWord(word.toLowerCase()) : word.toLowerCase());

const briefingWordKeys = briefingMemo((word) => {
  if (!briefingIsArabic(word)) return Object.freeze([briefingLatinKey(word)]);
  const name = briefingNameOf(word);
  if (name !== null) return Object.freeze([name]);
  return Object.freeze([...new Set(briefingReadings(word).map(briefingKey))]);
});

/** Every key a token is indexed under (search_terms.Keys.index_keys, Latin words stemmed). */
const briefingIndexKeys = (token) => (token.kind === "word" ? briefingWordKeys(token.text) : [token.text]);

/** The key a query token is looked up by (search_terms.Keys.query_key, Latin words stemmed). */
const briefingQueryKey = (token) => {
  if (token.kind !== "word") return token.text;
  if (!briefingIsArabic(token.text)) return briefingLatinKey(token.text);
  return briefingNameOf(token.text) || briefingKey(briefingReduce(token.text));
};

/** Query words for searchtools.js: each token's text (a month as its key). */
function splitQuery(query) {
  return briefingTokens(briefingFold(query)).map((t) => t.text);
}

var Stemmer = function () {
  this.stemWord = (word) => {
    if (briefingIsMonthKey(word)) return word; // splitQuery gives a month as its key
    const found = briefingTokens(briefingFold(word));
    return found.length ? briefingQueryKey(found[0]) : briefingFold(word);
  };
};

if (typeof module !== "undefined") {
  module.exports = {
    briefingFold,
    briefingFoldMap,
    briefingReduce,
    briefingReadings,
    briefingKey,
    briefingTokens,
    briefingTextTokens,
    briefingIndexKeys,
    briefingQueryKey,
    briefingNameOf,
    splitQuery,
    Stemmer,
  };
}
