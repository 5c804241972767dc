/*
 * sphinx-briefing search page: glossary entries first, then paragraph-level hits.
 *
 * - Entries: every name and alias (folded like the index, see language_data.js) is matched
 *   against the query; hits are added above Sphinx's own results with their type and short
 *   description.
 * - Paragraphs: when an article appears among the results, its paragraphs (a small script
 *   loaded on demand, so this works from file:// too) are searched with the same stemmer,
 *   and each matching paragraph is listed with its ¶ number, a permalink and a snippet.
 *   When no paragraph has every word of the query, the paragraphs with the most of them
 *   are listed instead (a word may be in the headline, the rest in a paragraph).
 * - Glossary pages: the entries of the page whose names or short descriptions match are
 *   listed the same way, from the entity data already loaded (no page is fetched).
 * - Lazily: the first EAGER results are expanded at once, the others when they come near
 *   the viewport (IntersectionObserver) or get the keyboard focus, so a query with a
 *   thousand results loads a few dozen paragraph scripts, not a thousand. Sphinx's own
 *   summaries (which fetch every result page) are switched off in conf.py
 *   (html_show_search_summary = False): these lists replace them.
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

  /** The glossary pages (docnames) that hold entries. */
  const entryPages = new Set((window.BRIEFING_ENTITIES || []).map((e) => e.doc));

  const performSearch = Search._performSearch;
  Search._performSearch = (query, ...rest) => {
    const results = performSearch(query, ...rest);
    const entities = entityResults(query);
    // Sphinx's own object hits for entries are replaced by ours (names, aliases, type).
    const others = results.filter((r) => !(r[6] === "object" && entryPages.has(r[0])));
    return [...others, ...entities];
  };

  /* ---- paragraph-level hits ------------------------------------------------------- */

  /** Results expanded as soon as they are shown; the rest wait until they are near view. */
  const EAGER = 20;
  /** How far below (or above) the viewport a result starts loading. */
  const LAZY_MARGIN = "300px 0px";
  /** At most this many paragraphs when none has every word of the query. */
  const PARTIAL_MAX = 3;
  /** At most this many entries under a glossary page (the page link leads to the rest). */
  const ENTRIES_MAX = 10;

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

  /** The words of ``text`` that match a term, and how many distinct terms they cover. */
  const matchText = (text, terms) => {
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
    return { hits, found: found.size };
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

  /**
   * The article's paragraphs with every term; failing that (several words, not all in one
   * paragraph), the few with the most of them. Rows: [anchor, label, text, hits].
   */
  const paragraphRows = (paragraphs, terms) => {
    const matched = paragraphs.map((p) => [p, matchText(p.t, terms)]).filter(([, m]) => m.found);
    const best = Math.max(0, ...matched.map(([, m]) => m.found));
    const rows = matched.filter(([, m]) => m.found === best);
    return (best === terms.length ? rows : rows.slice(0, PARTIAL_MAX)).map(([p, m]) => [
      p.a,
      p.n,
      p.t,
      m.hits,
    ]);
  };

  /** Entries shown on a glossary page whose description or names have every term. */
  const entryRows = (docname, terms) => {
    const rows = [];
    for (const entity of window.BRIEFING_ENTITIES || []) {
      if (entity.doc !== docname) continue;
      for (const text of [entity.short_ar, entity.short_en, `${entity.ar} — ${entity.en}`]) {
        const match = matchText(text, terms);
        if (match.found === terms.length) {
          rows.push([entity.anchor, entity.ar, text, match.hits]);
          break;
        }
      }
      if (rows.length === ENTRIES_MAX) break;
    }
    return rows;
  };

  const listOf = (page, rows, kind) => {
    const list = document.createElement("ul");
    list.className = `briefing-search-paragraphs briefing-search-${kind}`;
    for (const [anchorId, label, text, hits] of rows) {
      const entry = list.appendChild(document.createElement("li"));
      const anchor = entry.appendChild(document.createElement("a"));
      anchor.href = `${page}#${anchorId}`;
      anchor.className = "briefing-search-pnum";
      anchor.textContent = label;
      entry.append(" ", snippet(text, hits));
    }
    return list;
  };

  const expand = async (item, terms) => {
    const link = item.querySelector(":scope > a");
    if (!link || item.dataset.briefingExpanded) return;
    item.dataset.briefingExpanded = "1";
    const page = link.getAttribute("href").split("#")[0];
    const docname = docnameOf(link);
    let rows = [];
    let kind = "paragraphs";
    if (typeof BRIEFING_ARTICLES !== "undefined" && BRIEFING_ARTICLES[docname]) {
      item.setAttribute("aria-busy", "true");
      const paragraphs = await loadArticle(docname);
      item.removeAttribute("aria-busy");
      if (paragraphs) rows = paragraphRows(paragraphs, terms);
    } else if (entryPages.has(docname) && !link.hash) {
      // A page-level hit on a glossary page (a hit on one entry links to it already).
      rows = entryRows(docname, terms);
      kind = "entries";
    }
    if (rows.length) item.appendChild(listOf(page, rows, kind));
  };

  const results = document.getElementById("search-results");
  const query = new URLSearchParams(window.location.search).get("q") || "";
  const terms = [...new Set(queryWords(query).map((w) => stemmer.stemWord(w)))];
  if (!results || !terms.length) return;

  // Results past the first EAGER load when they come near the viewport. They are observed
  // only once the first EAGER have their lists, so that the short, still unexpanded list
  // does not bring them into view while Sphinx is adding results.
  const nearView = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        nearView.unobserve(entry.target);
        expand(entry.target, terms);
      }
    },
    { rootMargin: LAZY_MARGIN },
  );
  const eager = [];
  let releaseLazy;
  const lazyReady = new Promise((resolve) => (releaseLazy = resolve));

  const shown = (item) => {
    const expandable = !item.classList.contains("kind-object");
    if (eager.length < EAGER) {
      eager.push(expandable ? expand(item, terms) : Promise.resolve());
      if (eager.length === EAGER) Promise.allSettled(eager).then(releaseLazy);
    } else if (expandable) {
      lazyReady.then(() => {
        if (!item.dataset.briefingExpanded) nearView.observe(item);
      });
    }
  };

  new MutationObserver((changes) => {
    for (const change of changes) {
      for (const node of change.addedNodes) {
        if (node.nodeName === "LI" && node.parentElement?.matches("ul.search")) shown(node);
      }
    }
  }).observe(results, { childList: true, subtree: true });

  // The keyboard can reach a result before it scrolls into view (and a screen reader's
  // cursor need not scroll at all): expand whatever result gets the focus.
  results.addEventListener("focusin", (event) => {
    const item = event.target.closest("ul.search > li");
    if (!item || item.classList.contains("kind-object")) return;
    nearView.unobserve(item);
    expand(item, terms);
  });
})();
