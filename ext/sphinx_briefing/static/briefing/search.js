/*
 * sphinx-briefing search page: forgiving, ranked, fast.
 *
 * Replaces searchtools.js's query (Search.query) and keeps its index, its result items
 * (_displayItem) and its status line:
 *
 * - Terms: the query's words, numbers, dates and months (language_data.js: the indexer's
 *   own tokens and keys). A term that is not in the index is looked up as the beginning of
 *   a key, then as a similar key (a typo: «لافرف», "Lavrof"; similarity 0.8 as in
 *   `briefing search`). Every term must match (numbers and months too: «يوليو 2025»).
 * - Entries: names, aliases and adjectives matched as `briefing search` does
 *   (search-match.js), typos included.
 * - Ranking: when the query is a name, its entry first, then the articles that mention it
 *   (those with the name in their title or a heading first, then by how often they mention
 *   it, from entities.js), then the other entries found, then the other articles and pages; an
 *   article that mentions the entry is found even if it writes the name another way
 *   ("Lavrov" finds an article that writes «لافروف»). Other queries: articles with the
 *   terms in their title, other articles, then other pages.
 * - Every result is shown at once (Sphinx shows one per 5 ms).
 * - Paragraphs: for the first EAGER results (the others when they come near the viewport or
 *   get the focus), the article's paragraphs (a small script loaded on demand, so this works
 *   from file:// too) are matched term by term, and each matching paragraph is listed with its
 *   ¶ number, a permalink and a snippet; when no paragraph has every term, the paragraphs
 *   with the most of them; when none has any but the article mentions the entry searched
 *   for, the paragraphs that name it. A glossary page lists its matching entries.
 * - Highlight: every link carries ?highlight= with the words found (as written on the page),
 *   which sphinx_highlight.js marks on the page it opens.
 */
"use strict";

(() => {
  if (typeof Search === "undefined" || typeof briefingTokens === "undefined") return;
  if (typeof BriefingMatch === "undefined") return;

  const SNIPPET = 70;
  /** Results expanded as soon as they are shown; the rest wait until they are near view. */
  const EAGER = 20;
  /** How far below (or above) the viewport a result starts loading. */
  const LAZY_MARGIN = "300px 0px";
  /** At most this many paragraphs when none has every term of the query. */
  const PARTIAL_MAX = 3;
  /** At most this many entries under a glossary page (the page link leads to the rest). */
  const ENTRIES_MAX = 10;
  /** Scores of a term found in a page's title and in its text (as Sphinx's Scorer). */
  const TITLE = 15;
  const TEXT = 5;
  /** Weight of a key that only begins with the term, and the most such keys. */
  const PREFIX = 0.6;
  const PREFIX_MAX = 50;
  /** Weight of a similar key (times its similarity) and the most such keys per term. */
  const FUZZY = 0.8;
  const FUZZY_MAX = 5;

  const entities = window.BRIEFING_ENTITIES || [];
  const articleFiles = window.BRIEFING_ARTICLES || {};
  /** Article docnames in the order entities.js numbers them. */
  const articleNames = Object.keys(articleFiles);
  const types = window.BRIEFING_TYPES || [];
  /** The glossary pages (docnames) that hold entries. */
  const entryPages = new Set(entities.map((e) => e.doc));

  /* ---- the query ------------------------------------------------------------------- */

  /**
   * The query's terms: {surface, token, key, keys: Map(index key → weight)}. Stopwords are
   * left out; repeated keys count once.
   */
  const queryTerms = (query) => {
    const terms = new Map();
    for (const token of briefingTextTokens(query)) {
      if (token.kind === "word" && stopwords.has(token.text)) continue;
      const key = briefingQueryKey(token);
      // One letter is never indexed (word_filter), so it can match nothing.
      if (token.kind === "word" && [...key].length < 2) continue;
      if (!terms.has(key)) terms.set(key, { surface: query.slice(token.start, token.end), token, key });
    }
    return [...terms.values()];
  };

  let finder = null;
  const keyFinder = () => {
    if (finder === null) {
      const index = Search._index;
      finder = new BriefingMatch.KeyFinder([...Object.keys(index.terms), ...Object.keys(index.titleterms)]);
    }
    return finder;
  };

  const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  /** Code-point order (localeCompare is slow, and titles only need a stable order). */
  const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  /** The index keys a term stands for, with their weights: itself, else prefixes, else similar. */
  const termKeys = (term) => {
    const index = Search._index;
    const keys = new Map();
    if (has(index.terms, term.key) || has(index.titleterms, term.key)) {
      keys.set(term.key, 1);
      return keys;
    }
    if (term.token.kind !== "word") return keys;
    if ([...term.key].length >= 3)
      for (const key of keyFinder().prefixed(term.key, PREFIX_MAX)) keys.set(key, PREFIX);
    if (keys.size) return keys;
    const word = term.token.text;
    const spellings = briefingIsArabic(word) ? [word, ...briefingReadings(word), term.key] : [term.key];
    for (const [key, score] of keyFinder().similar(spellings, FUZZY_MAX)) keys.set(key, FUZZY * score);
    return keys;
  };

  const files = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

  /**
   * Documents with every term: Map(file → {score, title}), ``title`` when every term is in
   * the document's title.
   */
  const termDocuments = (terms) => {
    const index = Search._index;
    let found = null;
    for (const term of terms) {
      const here = new Map();
      for (const [key, weight] of term.keys) {
        for (const [postings, base, inTitle] of [
          [index.titleterms[key], TITLE, true],
          [index.terms[key], TEXT, false],
        ]) {
          if (!has(inTitle ? index.titleterms : index.terms, key)) continue;
          for (const file of files(postings)) {
            const previous = here.get(file);
            const score = base * weight;
            if (!previous || score > previous.score) here.set(file, { score, title: inTitle });
          }
        }
      }
      if (found === null) found = here;
      else {
        const both = new Map();
        for (const [file, hit] of here) {
          const earlier = found.get(file);
          if (earlier) both.set(file, { score: earlier.score + hit.score, title: earlier.title && hit.title });
        }
        found = both;
      }
      if (!found.size) break;
    }
    return found || new Map();
  };

  /* ---- names in texts -------------------------------------------------------------- */

  /** Each name of the entities as the query keys of its tokens (for finding it in a text). */
  const nameSequences = (found) => {
    const sequences = [];
    for (const entity of found)
      for (const name of entity.names) {
        const keys = briefingTokens(name).map(briefingQueryKey);
        if (keys.length) sequences.push(keys);
      }
    // The longest name first: «كيم جونج أون» rather than its «كيم».
    return sequences.sort((a, b) => b.length - a.length);
  };

  /** Spans ([start, end] in ``text``) where one of the names is written. */
  const nameHits = (tokens, sequences) => {
    const hits = [];
    for (let i = 0; i < tokens.length; i++) {
      const keys = sequences.find(
        (name) => i + name.length <= tokens.length && name.every((key, j) => tokens[i + j].keys.has(key)),
      );
      if (!keys) continue;
      hits.push([tokens[i].start, tokens[i + keys.length - 1].end]);
      i += keys.length - 1;
    }
    return hits;
  };

  const keySets = new Map();
  /** A token's index keys as a set (the same few words recur in every paragraph). */
  const keySet = (token) => {
    const id = `${token.kind}:${token.text}`;
    let keys = keySets.get(id);
    if (keys === undefined) keySets.set(id, (keys = new Set(briefingIndexKeys(token))));
    return keys;
  };

  const tokensOf = (text) => briefingTextTokens(text).map((t) => ({ ...t, keys: keySet(t) }));

  /* ---- ranking --------------------------------------------------------------------- */

  const entityResult = (entity, score) => [
    entity.doc,
    `${entity.ar} — ${entity.en}`,
    `#${entity.anchor}`,
    `${entity.type_label}: ${entity.short_ar}`,
    score,
    entity.doc,
    SearchResultKind.object,
  ];

  /**
   * Everything the query finds, best first (Sphinx's result items), and what the paragraph
   * lists and the highlight need.
   */
  const rank = (query) => {
    const index = Search._index;
    const terms = queryTerms(query);
    for (const term of terms) term.keys = termKeys(term);
    const hits = BriefingMatch.entityHits(entities, types, query);
    const top = hits.length ? hits[0].score : 0;
    const primary = hits.filter((h) => h.score === top).map((h) => h.entity);
    const documents = terms.length ? termDocuments(terms) : new Map();
    const fileOf = new Map(index.docnames.map((name, file) => [name, file]));
    const articles = new Set(articleNames);

    // Articles that mention the entry searched for, how often, and with it in their title.
    const mentions = new Map();
    for (const entity of primary) {
      for (let i = 0; i + 1 < entity.m.length; i += 2) {
        const file = fileOf.get(articleNames[entity.m[i]]);
        if (file !== undefined) mentions.set(file, (mentions.get(file) || 0) + entity.m[i + 1]);
      }
    }
    const sequences = nameSequences(primary);
    // A name is in an article's title (or a heading) when every word of it is.
    const inTitles = new Map();
    const titled = (key) => {
      if (!inTitles.has(key)) inTitles.set(key, new Set(has(index.titleterms, key) ? files(index.titleterms[key]) : []));
      return inTitles.get(key);
    };
    const named = (file) => sequences.some((keys) => keys.every((key) => titled(key).has(file)));

    const item = (file, kind = SearchResultKind.text) => [
      index.docnames[file],
      index.titles[file],
      "",
      null,
      0,
      index.filenames[file],
      kind,
    ];
    const ordered = [];
    for (const entity of primary) ordered.push(entityResult(entity, 0));
    const mentioning = [...mentions.keys()].map((file) => ({
      file,
      title: named(file),
      count: mentions.get(file),
      score: documents.get(file)?.score || 0,
    }));
    mentioning.sort(
      (a, b) =>
        b.title - a.title || b.count - a.count || b.score - a.score || byText(index.titles[a.file], index.titles[b.file]),
    );
    for (const hit of mentioning) ordered.push(item(hit.file));
    for (const hit of hits.slice(primary.length)) ordered.push(entityResult(hit.entity, 0));
    const rest = [...documents]
      .filter(([file]) => !mentions.has(file))
      .map(([file, hit]) => ({ file, ...hit, article: articles.has(index.docnames[file]) }));
    rest.sort(
      (a, b) =>
        b.article - a.article ||
        b.title - a.title ||
        b.score - a.score ||
        byText(index.titles[a.file], index.titles[b.file]),
    );
    for (const hit of rest) ordered.push(item(hit.file));
    ordered.push(...indexEntries(query, new Set(ordered.map((r) => r[0]))));
    ordered.forEach((result, position) => (result[4] = ordered.length - position));
    return { results: ordered, terms, sequences, mentions: new Set([...mentions.keys()].map((f) => index.docnames[f])) };
  };

  /** Sphinx's explicit index entries (``.. index::``) the query is most of. */
  const indexEntries = (query, shown) => {
    const index = Search._index;
    const lower = query.toLowerCase().trim();
    const found = [];
    for (const [entry, places] of Object.entries(index.indexentries || {})) {
      if (!lower || !entry.includes(lower) || lower.length < entry.length / 2) continue;
      for (const [file, id] of places) {
        // Entries are listed by their names already; a page listed once is enough.
        if (entryPages.has(index.docnames[file]) || (shown.has(index.docnames[file]) && !id)) continue;
        found.push([index.docnames[file], index.titles[file], id ? `#${id}` : "", null, 0, index.filenames[file], SearchResultKind.index]);
      }
    }
    return found;
  };

  /* ---- highlight on the page a result opens ---------------------------------------- */

  /** ``href`` with ?highlight= set to ``words`` (sphinx_highlight.js splits on spaces). */
  const withHighlight = (href, words) => {
    const hash = href.indexOf("#");
    const path = (hash < 0 ? href : href.slice(0, hash)).split("?")[0];
    // Longest first: sphinx_highlight.js marks the terms in turn, and «2025» marked first
    // would split «2025-07-12» so that it is never marked whole.
    const shown = [...new Set(words)]
      .filter((w) => w.trim())
      .sort((a, b) => b.length - a.length)
      .join(" ");
    const search = shown ? `?highlight=${encodeURIComponent(shown)}` : "";
    return path + search + (hash < 0 ? "" : href.slice(hash));
  };

  /* ---- paragraph-level hits -------------------------------------------------------- */

  const loaded = {};
  const loadArticle = (docname) => {
    if (!loaded[docname]) {
      loaded[docname] = new Promise((resolve) => {
        const file = articleFiles[docname] || null;
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

  /** The spans of ``text`` that match a term, and how many distinct terms they cover. */
  const matchText = (text, terms) => {
    const hits = [];
    const found = new Set();
    let last = null;
    for (const token of tokensOf(text)) {
      let term;
      for (const key of token.keys) if ((term = terms.find((t) => t.keys.has(key)))) break;
      if (!term) continue;
      found.add(term);
      // The parts of a date share one span: mark it once.
      if (last && last[0] === token.start && last[1] === token.end) continue;
      last = [token.start, token.end];
      hits.push(last);
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
   * The article's paragraphs with every term; failing that, the few with the most of them;
   * failing that, those that name the entry searched for. Rows: [anchor, label, text, hits].
   */
  const paragraphRows = (paragraphs, state, docname) => {
    const { terms, sequences } = state;
    const matched = paragraphs.map((p) => [p, matchText(p.t, terms)]).filter(([, m]) => m.found);
    if (!matched.length && state.mentions.has(docname)) {
      return paragraphs
        .map((p) => [p, nameHits(tokensOf(p.t), sequences)])
        .filter(([, hits]) => hits.length)
        .map(([p, hits]) => [p.a, p.n, p.t, hits]);
    }
    const best = Math.max(0, ...matched.map(([, m]) => m.found));
    const rows = matched.filter(([, m]) => m.found === best);
    return (best === terms.length ? rows : rows.slice(0, PARTIAL_MAX)).map(([p, m]) => [p.a, p.n, p.t, m.hits]);
  };

  /** Entries shown on a glossary page whose description or names have every term. */
  const entryRows = (docname, terms) => {
    const rows = [];
    if (!terms.length) return rows;
    for (const entity of entities) {
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

  const expand = async (item, state) => {
    const link = item.querySelector(":scope > a");
    if (!link || item.dataset.briefingExpanded) return;
    item.dataset.briefingExpanded = "1";
    const docname = docnameOf(link);
    let rows = [];
    let kind = "paragraphs";
    if (articleFiles[docname]) {
      item.setAttribute("aria-busy", "true");
      const paragraphs = await loadArticle(docname);
      item.removeAttribute("aria-busy");
      if (paragraphs) rows = paragraphRows(paragraphs, state, docname);
    } else if (entryPages.has(docname) && !link.hash) {
      // A page-level hit on a glossary page (a hit on one entry links to it already).
      rows = entryRows(docname, state.terms);
      kind = "entries";
    }
    if (!rows.length) return;
    // The words found, as written on the page, are the ones to mark there.
    const words = [...state.highlight];
    for (const [, , text, hits] of rows) for (const [from, to] of hits) words.push(...text.slice(from, to).split(/\s+/));
    link.setAttribute("href", withHighlight(link.getAttribute("href"), words));
    item.appendChild(listOf(link.getAttribute("href").split("#")[0], rows, kind));
  };

  /* ---- the query, replacing searchtools.js's ---------------------------------------- */

  const results = document.getElementById("search-results");
  let state = null;

  Search.query = (query) => {
    performance.mark("briefing-search-start");
    try {
      localStorage.removeItem("sphinx_highlight_terms"); // ours ride on the links instead
    } catch (error) {
      // Storage can be refused (file:// in some browsers, privacy settings): nothing to clear.
    }
    const ranked = rank(query);
    const highlight = new Set(ranked.terms.map((t) => t.surface));
    state = { ...ranked, highlight };
    _removeChildren(document.getElementById("search-progress"));
    const surfaces = new Set([...highlight].map((w) => w.toLowerCase()));
    for (const result of ranked.results) {
      _displayItem(result, new Set(ranked.terms.map((t) => t.key)), surfaces);
      const link = Search.output.lastElementChild?.querySelector(":scope > a");
      if (link) link.setAttribute("href", withHighlight(link.getAttribute("href"), highlight));
    }
    _finishSearch(ranked.results.length);
    performance.mark("briefing-search-shown");
  };

  if (!results) return;

  // Results past the first EAGER load when they come near the viewport. They are observed
  // only once the first EAGER have their lists, so that the short, still unexpanded list
  // does not bring them into view.
  const nearView = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        nearView.unobserve(entry.target);
        expand(entry.target, state);
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
      eager.push(expandable ? expand(item, state) : Promise.resolve());
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
    // Fewer than EAGER results: the lazy ones never come, the page is complete.
    if (state && eager.length === state.results.length && eager.length < EAGER)
      Promise.allSettled(eager).then(() => performance.mark("briefing-search-done"));
  }).observe(results, { childList: true, subtree: true });

  lazyReady.then(() => performance.mark("briefing-search-done"));

  // The keyboard can reach a result before it scrolls into view (and a screen reader's
  // cursor need not scroll at all): expand whatever result gets the focus.
  results.addEventListener("focusin", (event) => {
    const item = event.target.closest("ul.search > li");
    if (!item || item.classList.contains("kind-object")) return;
    nearView.unobserve(item);
    expand(item, state);
  });
})();
