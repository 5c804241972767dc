/*
 * sphinx-briefing search page: glossary entries first, then paragraph-level hits.
 *
 * - Entries: every name and alias (folded like the index, see language_data.js) is matched
 *   against the query; hits are added above Sphinx's own results with their type and short
 *   description.
 * - Paragraphs: when an article appears among the results, its paragraphs (a small script
 *   loaded on demand, so this works from file:// too) are searched with the same stemmer,
 *   and each matching paragraph is listed with its ¶ number, a permalink and a snippet.
 */
"use strict";

(() => {
  if (typeof Search === "undefined" || typeof briefingFold === "undefined") return;

  const ENTITY_SCORE = 1000;
  const SNIPPET = 70;
  const stemmer = new Stemmer();
  const queryWords = (query) =>
    splitQuery(query).filter((w) => !stopwords.has(w) && !/^\d+$/.test(w));
  const reduce = (word) => (briefingIsArabic(word) ? briefingReduce(word) : word);

  /** How well an entity matches: 3 exact name, 2 every word starts a name word, 0 none. */
  const entityScore = (entity, words) => {
    const query = words.map(reduce);
    let best = 0;
    for (const name of entity.names) {
      const tokens = name.split(/[^\p{L}\p{N}_]+/u).filter((t) => t).map(reduce);
      if (tokens.join(" ") === query.join(" ")) return 3;
      if (query.every((q) => tokens.some((t) => t.startsWith(q)))) best = 2;
    }
    return best;
  };

  const entityResults = (query) => {
    const words = queryWords(query);
    if (!words.length || typeof BRIEFING_ENTITIES === "undefined") return [];
    const found = [];
    for (const entity of BRIEFING_ENTITIES) {
      const score = entityScore(entity, words);
      if (!score) continue;
      found.push([
        entity.doc,
        `${entity.ar} — ${entity.en}`,
        `#${entity.anchor}`,
        `${entity.type_label}: ${entity.short_ar}`,
        ENTITY_SCORE * score,
        entity.doc,
        "object",
      ]);
    }
    // Sphinx shows the last result first: best entries go last.
    return found.sort((a, b) => a[4] - b[4] || b[1].localeCompare(a[1]));
  };

  const performSearch = Search._performSearch;
  Search._performSearch = (query, ...rest) => {
    const results = performSearch(query, ...rest);
    const entities = entityResults(query);
    // Sphinx's own object hits for entries are replaced by ours (names, aliases, type).
    const entryPages = new Set((window.BRIEFING_ENTITIES || []).map((e) => e.doc));
    const others = results.filter((r) => !(r[6] === "object" && entryPages.has(r[0])));
    return [...others, ...entities];
  };

  /* ---- paragraph-level hits ------------------------------------------------------- */

  const loaded = {};
  const loadArticle = (docname) => {
    if (!loaded[docname]) {
      loaded[docname] = new Promise((resolve) => {
        const file = (typeof BRIEFING_ARTICLES !== "undefined" && BRIEFING_ARTICLES[docname]) || null;
        if (!file) return resolve(null);
        const script = document.createElement("script");
        script.src = `${document.documentElement.dataset.content_root}_static/briefing/search/${file}`;
        script.onload = () => resolve((window.BRIEFING_PARAGRAPHS || {})[docname] || null);
        script.onerror = () => resolve(null);
        document.head.appendChild(script);
      });
    }
    return loaded[docname];
  };

  const keysOf = (word) => {
    const folded = briefingFold(word);
    return briefingIsArabic(folded) ? briefingIndexKeys(folded) : new Set([stemmer.stemWord(folded)]);
  };

  /** Words of a paragraph with their offsets, diacritics kept inside the word. */
  const wordsOf = (text) => [...text.matchAll(/[\p{L}\p{M}\p{N}_]+/gu)];

  const matchParagraph = (text, terms) => {
    const hits = [];
    const found = new Set();
    for (const match of wordsOf(text)) {
      const keys = keysOf(match[0]);
      const term = terms.find((t) => keys.has(t));
      if (term) {
        hits.push([match.index, match.index + match[0].length]);
        found.add(term);
      }
    }
    return found.size === terms.length ? hits : null;
  };

  const snippet = (text, hits) => {
    const span = document.createElement("span");
    span.className = "briefing-search-snippet";
    const start = Math.max(0, hits[0][0] - SNIPPET);
    const end = Math.min(text.length, hits[hits.length - 1][1] + SNIPPET);
    let position = start;
    if (start > 0) span.append("…");
    for (const [from, to] of hits) {
      if (from < position || to > end) continue;
      span.append(text.slice(position, from));
      const mark = document.createElement("mark");
      mark.textContent = text.slice(from, to);
      span.append(mark);
      position = to;
    }
    span.append(text.slice(position, end));
    if (end < text.length) span.append("…");
    return span;
  };

  const docnameOf = (link) => {
    const root = new URL(document.documentElement.dataset.content_root, document.baseURI);
    const url = new URL(link.getAttribute("href"), document.baseURI);
    const path = decodeURIComponent(url.pathname.slice(root.pathname.length));
    return path.replace(/\.html$/, "");
  };

  const expand = async (item, terms) => {
    const link = item.querySelector("a");
    if (!link || item.dataset.briefingExpanded) return;
    item.dataset.briefingExpanded = "1";
    const docname = docnameOf(link);
    const paragraphs = await loadArticle(docname);
    if (!paragraphs) return;
    const list = document.createElement("ul");
    list.className = "briefing-search-paragraphs";
    for (const paragraph of paragraphs) {
      const hits = matchParagraph(paragraph.t, terms);
      if (!hits) continue;
      const entry = list.appendChild(document.createElement("li"));
      const anchor = entry.appendChild(document.createElement("a"));
      anchor.href = `${link.getAttribute("href").split("#")[0]}#${paragraph.a}`;
      anchor.className = "briefing-search-pnum";
      anchor.textContent = paragraph.n;
      entry.append(" ", snippet(paragraph.t, hits));
    }
    if (list.children.length) item.appendChild(list);
  };

  const results = document.getElementById("search-results");
  const query = new URLSearchParams(window.location.search).get("q") || "";
  const terms = [...new Set(queryWords(query).map((w) => stemmer.stemWord(w)))];
  if (!results || !terms.length) return;
  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeName === "LI" && !node.classList.contains("kind-object")) expand(node, terms);
      }
    }
  }).observe(results, { childList: true, subtree: true });
})();
