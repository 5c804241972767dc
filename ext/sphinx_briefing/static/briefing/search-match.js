/*
 * sphinx-briefing search page: the matching that needs no page (Node runs it in the tests).
 *
 * - BriefingMatch.similarity(a, b): glossary_search.similarity, the better of difflib's ratio
 *   and one minus the optimal-string-alignment distance over the longer length.
 * - BriefingMatch.entityHits(entities, types, query): glossary_search.search on names, aliases
 *   and adjectives (tiers exact, tokens, fuzzy; the same scores), so `briefing search` and the
 *   search page list the same entry first. Descriptions are left to the full-text index.
 * - BriefingMatch.KeyFinder: index keys beginning with a key, or similar to a word (each key
 *   of a length within reach, filtered by the letters in common before the similarity).
 *
 * Needs the folding of language_data.js (briefingFold, BRIEFING_TABLES).
 */
"use strict";

// Only with the Arabic search language's tables (an English edition's search page has none).
// eslint-disable-next-line no-var
var BriefingMatch = typeof BRIEFING_TABLES === "undefined" ? undefined : (() => {
  /* The constants of sphinx_briefing.search.glossary_search and .text.linker. */
  const FUZZY_THRESHOLD = 0.8;
  const MIN_FUZZY = 4;
  const MIN_PREFIX = 2;
  const STRIP_PENALTY = 0.02;
  const ADJECTIVE_PENALTY = 0.05;
  const TIER_SCORES = { exact: 4, tokens: 3, fuzzy: 2 };
  const KIND_RANK = { equal: 2, prefix: 1, fuzzy: 0 };
  const LINKER_MIN_STEM = 2;
  const MIN_STEM_AFTER_KAF = 4;

  const SURROGATES = /[\uD800-\uDFFF]/;
  /** Letters (code points, as Python's len) of a text. */
  const length = (text) => (SURROGATES.test(text) ? [...text].length : text.length);

  /** linker.PROCLITICS by length. */
  const proclitics = (() => {
    const t = BRIEFING_TABLES;
    const all = new Set();
    for (const c of ["", ...t.conjunctions])
      for (const p of ["", ...t.prepositions]) for (const a of ["", ...t.articles]) all.add(c + p + a);
    for (const c of ["", ...t.conjunctions]) all.add(c + t.contracted_article);
    const byLength = new Map();
    for (const p of all) {
      if (!byLength.has(length(p))) byLength.set(length(p), new Set());
      byLength.get(length(p)).add(p);
    }
    return { byLength, longest: Math.max(...[...all].map(length)) };
  })();

  /** linker.tokens: maximal runs of letters and digits. */
  const words = (folded) => folded.match(/[\p{L}\p{N}]+/gu) || [];

  /** linker.first_word_stems */
  const firstWordStems = (word) => {
    const found = [[word, 0]];
    const chars = [...word];
    for (let n = Math.min(proclitics.longest, chars.length - LINKER_MIN_STEM); n > 0; n--) {
      const prefix = chars.slice(0, n).join("");
      if (!proclitics.byLength.get(n)?.has(prefix)) continue;
      const rest = chars.slice(n).join("");
      found.push([rest, n]);
      if (prefix.endsWith("لل")) found.push(["ال" + rest, n - 1]);
    }
    return found;
  };

  const stemsOf = new Map();
  /** linker.later_word_stems */
  const laterWordStems = (word) => {
    let stems = stemsOf.get(word);
    if (stems === undefined) {
      stems = word.startsWith("ال") && length(word) - 2 >= LINKER_MIN_STEM ? [word, word.slice(2)] : [word];
      stemsOf.set(word, stems);
    }
    return stems;
  };

  /** glossary_search.readings: as written, then without each proclitic cluster. */
  const readings = (word) => {
    const found = [{ text: word, penalty: 0 }];
    const seen = new Set([word]);
    for (const [stem, skip] of firstWordStems(word)) {
      if (skip === 0 || seen.has(stem)) continue;
      if ([...word].slice(0, skip).includes("ك") && length(stem) < MIN_STEM_AFTER_KAF) continue;
      seen.add(stem);
      found.push({ text: stem, penalty: STRIP_PENALTY });
    }
    return found;
  };

  /** difflib.SequenceMatcher(None, a, b, autojunk=False): letters in matching blocks. */
  const matchingLetters = (a, b) => {
    const b2j = new Map();
    b.forEach((c, j) => {
      if (!b2j.has(c)) b2j.set(c, []);
      b2j.get(c).push(j);
    });
    const longest = (alo, ahi, blo, bhi) => {
      let [besti, bestj, bestsize] = [alo, blo, 0];
      let j2len = new Map();
      for (let i = alo; i < ahi; i++) {
        const next = new Map();
        for (const j of b2j.get(a[i]) || []) {
          if (j < blo) continue;
          if (j >= bhi) break;
          const k = (j2len.get(j - 1) || 0) + 1;
          next.set(j, k);
          if (k > bestsize) [besti, bestj, bestsize] = [i - k + 1, j - k + 1, k];
        }
        j2len = next;
      }
      return [besti, bestj, bestsize];
    };
    let matched = 0;
    const queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const [i, j, k] = longest(alo, ahi, blo, bhi);
      if (!k) continue;
      matched += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
    return matched;
  };

  /** Levenshtein distance plus adjacent transpositions (glossary_search._osa_distance). */
  const osaDistance = (a, b) => {
    let previous2 = [];
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
          current[j] = Math.min(current[j], previous2[j - 2] + 1);
      }
      [previous2, previous] = [previous, current];
    }
    return previous[b.length];
  };

  /** glossary_search.similarity */
  const similarity = (a, b) => {
    if (a === b) return 1;
    if (!a || !b) return 0;
    const [x, y] = [[...a], [...b]];
    const ratio = (2 * matchingLetters(x, y)) / (x.length + y.length);
    return Math.max(ratio, 1 - osaDistance(x, y) / Math.max(x.length, y.length));
  };

  /** glossary_search._lengths_allow: lengths that allow a similarity of 0.8. */
  const lengthsAllow = (a, b) => 3 * Math.min(length(a), length(b)) >= 2 * Math.max(length(a), length(b));

  /** The letters of a word, indexable: the string itself unless it has astral characters. */
  const lettersOf = (text) => (SURROGATES.test(text) ? [...text] : text);
  let used = new Uint8Array(64);
  /** Letters two words have in common, counted with repetition (strings or letter arrays). */
  const commonLetters = (a, b) => {
    if (used.length < a.length) used = new Uint8Array(a.length);
    used.fill(0, 0, a.length);
    let common = 0;
    for (let j = 0; j < b.length; j++) {
      for (let i = 0; i < a.length; i++) {
        if (!used[i] && a[i] === b[j]) {
          used[i] = 1;
          common++;
          break;
        }
      }
    }
    return common;
  };

  /**
   * similarity(a, b) when it can reach 0.8, else 0: the letters in common bound both
   * measures (difflib's ratio is at most 2c / (m + n); a distance d leaves at least n - d of
   * the longer word's n letters in place, so c >= n - d), which skips most pairs cheaply.
   */
  const similarEnough = (a, b) => {
    const [x, y] = [lettersOf(a), lettersOf(b)];
    if (commonLetters(x, y) < 0.4 * (x.length + y.length)) return 0;
    return similarity(a, b);
  };

  const compare = (reading, word, position) => {
    const text = reading.text;
    if (text === word) return { kind: "equal", score: 1 - reading.penalty, position };
    const shortest = reading.penalty > 0 ? MIN_PREFIX + 1 : MIN_PREFIX;
    if (length(text) >= shortest && length(text) < length(word) && word.startsWith(text))
      return { kind: "prefix", score: 0.6 + (0.3 * length(text)) / length(word) - reading.penalty, position };
    // A month's name is never a typo of another (يونيو, June, is not يوليو, July).
    const months = typeof briefingMonths === "undefined" ? new Map() : briefingMonths;
    if (
      Math.min(length(text), length(word)) >= MIN_FUZZY &&
      !months.has(text) &&
      !months.has(word) &&
      lengthsAllow(text, word)
    ) {
      const ratio = similarEnough(text, word);
      if (ratio >= FUZZY_THRESHOLD) return { kind: "fuzzy", score: ratio - reading.penalty, position };
    }
    return null;
  };

  const better = (a, b) =>
    KIND_RANK[a.kind] > KIND_RANK[b.kind] || (KIND_RANK[a.kind] === KIND_RANK[b.kind] && a.score > b.score);

  const matchWord = (options, name) => {
    let best = null;
    name.forEach((word, position) => {
      for (const variant of laterWordStems(word))
        for (const reading of options) {
          const candidate = compare(reading, variant, position);
          if (candidate && (best === null || better(candidate, best))) best = candidate;
        }
    });
    return best;
  };

  const compacts = (query) => {
    const rest = query.slice(1).map((options) => options[0].text).join("");
    return query[0].map((reading) => [reading.text + rest, reading.penalty]);
  };

  const exact = (query, name) => {
    let best = null;
    if (query.length === name.length) {
      let penalty = 0;
      let all = true;
      for (let i = 0; i < query.length && all; i++) {
        const stems = laterWordStems(name[i]);
        const costs = query[i].filter((r) => stems.includes(r.text)).map((r) => r.penalty);
        if (!costs.length) all = false;
        else penalty += Math.min(...costs);
      }
      if (all) best = penalty;
    }
    const whole = name.join("");
    for (const [compact, penalty] of compacts(query))
      if (compact === whole && (best === null || penalty < best)) best = penalty;
    return best;
  };

  /** glossary_search._name_score: [tier, fraction] or null. */
  const nameScore = (query, name) => {
    if (!name.length) return null;
    const penalty = exact(query, name);
    if (penalty !== null) return ["exact", 0.95 - penalty];
    const matches = query.map((options) => matchWord(options, name));
    if (matches.every((m) => m !== null)) {
      const mean = matches.reduce((sum, m) => sum + m.score, 0) / matches.length;
      const coverage = new Set(matches.map((m) => m.position)).size / name.length;
      const tier = matches.some((m) => m.kind === "fuzzy") ? "fuzzy" : "tokens";
      return [tier, 0.5 * mean + 0.4 * coverage];
    }
    const whole = name.join("");
    let best = 0;
    for (const [compact, cost] of compacts(query)) {
      if (Math.min(length(compact), length(whole)) >= MIN_FUZZY && lengthsAllow(compact, whole)) {
        const ratio = similarEnough(compact, whole);
        if (ratio >= FUZZY_THRESHOLD) best = Math.max(best, 0.5 * (ratio - cost) + 0.4);
      }
    }
    return best ? ["fuzzy", best] : null;
  };

  /** Python's round(x, 3): to nearest, exact halves to even (toFixed gives exact decimals). */
  const round3 = (x) => {
    const [whole, fraction] = Math.abs(x).toFixed(60).split(".");
    if (!/^50*$/.test(fraction.slice(3))) return Number(x.toFixed(3));
    const digits = BigInt(whole + fraction.slice(0, 3));
    const even = digits % 2n === 0n ? digits : digits + 1n;
    return (Math.sign(x) * Number(even)) / 1000;
  };

  const prepared = new WeakMap();
  const namesOf = (entity) => {
    if (!prepared.has(entity))
      prepared.set(entity, [
        ...entity.names.map((n) => [words(n), 0]),
        ...(entity.adj || []).map((n) => [words(n), ADJECTIVE_PENALTY]),
      ]);
    return prepared.get(entity);
  };

  /**
   * Entries whose names, aliases or adjectives match the query, best first, as
   * glossary_search.search orders them: [{entity, score, tier}].
   */
  const entityHits = (entities, types, query) => {
    const query_words = words(briefingFold(query));
    if (!query_words.length) return [];
    const options = query_words.map(readings);
    const hits = [];
    for (const entity of entities) {
      let best = null;
      for (const [name, penalty] of namesOf(entity)) {
        const found = nameScore(options, name);
        if (!found) continue;
        const fraction = Math.max(0, Math.min(found[1] - penalty, 0.999));
        const score = round3(TIER_SCORES[found[0]] + fraction);
        if (best === null || score > best.score) best = { entity, score, tier: found[0] };
      }
      if (best) hits.push(best);
    }
    const rank = (type) => (types.includes(type) ? types.indexOf(type) : types.length);
    return hits.sort(
      (a, b) =>
        b.score - a.score ||
        rank(a.entity.type) - rank(b.entity.type) ||
        (a.entity.id < b.entity.id ? -1 : a.entity.id > b.entity.id ? 1 : 0),
    );
  };

  /** Keys of the search index: those beginning with a key, those similar to a word. */
  class KeyFinder {
    constructor(keys) {
      this.keys = [...new Set(keys)].sort();
      this.lengths = null;
    }

    /** Keys that begin with ``prefix`` (and are longer), at most ``limit``. */
    prefixed(prefix, limit = 50) {
      let low = 0;
      let high = this.keys.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (this.keys[middle] < prefix) low = middle + 1;
        else high = middle;
      }
      const found = [];
      for (let i = low; i < this.keys.length && this.keys[i].startsWith(prefix) && found.length < limit; i++)
        if (this.keys[i] !== prefix) found.push(this.keys[i]);
      return found;
    }

    /** The keys as letters, by length (built on the first search for a typo). */
    byLength() {
      if (this.lengths === null) {
        this.lengths = new Map();
        for (const key of this.keys) {
          const letters = lettersOf(key);
          if (letters.length < MIN_FUZZY) continue;
          if (!this.lengths.has(letters.length)) this.lengths.set(letters.length, []);
          this.lengths.get(letters.length).push([key, letters]);
        }
      }
      return this.lengths;
    }

    /**
     * [key, similarity] of the keys at least 0.8 similar to one of ``words`` (the word as
     * typed, its readings and its key), best first, at most ``limit``. Each key of a length
     * within reach is looked at: first the letters the two have in common, which bound both
     * measures (difflib's ratio is at most 2c / (m + n); a distance of d leaves at least
     * n - d letters of the longer word in place), then, if that allows 0.8, the similarity.
     */
    similar(words, limit = 5) {
      const best = new Map();
      const lengths = this.byLength();
      for (const word of new Set(words)) {
        const letters = lettersOf(word);
        const size = letters.length;
        if (size < MIN_FUZZY) continue;
        for (let other = Math.max(MIN_FUZZY, Math.ceil((2 * size) / 3)); other <= Math.floor((3 * size) / 2); other++) {
          for (const [key, theirs] of lengths.get(other) || []) {
            if (commonLetters(letters, theirs) < 0.4 * (size + other)) continue;
            const score = similarity(word, key);
            if (score >= FUZZY_THRESHOLD && score > (best.get(key) || 0)) best.set(key, score);
          }
        }
      }
      return [...best].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
    }
  }

  return { similarity, osaDistance, entityHits, words, KeyFinder, FUZZY_THRESHOLD };
})();

if (typeof module !== "undefined") module.exports.BriefingMatch = BriefingMatch;
