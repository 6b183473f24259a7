/*
 * The guide's search box (the header's, Material's look) over Pagefind's chunked index.
 *
 * `shezhire build` runs Pagefind over the built site (guide/search_index.py): pagefind/ holds
 * its script, a small entry file and the index in chunks. Nothing is fetched until the reader
 * opens the search; then the entry and the language's metadata, and for each query only the
 * chunks of its words and the fragments of the results shown (MAX_SHOWN). All from the site's
 * own files: no network beyond it.
 *
 * The heading of the result list says what the search is doing, in the theme's words:
 * "preparing" while the index loads, "type to search" once it has, "N results" when the
 * results of the typed query are listed. The list carries the query its results answer
 * (data-shz-query), so a reader (or a test) can tell the answer to the last key typed from
 * an earlier one. Result titles and excerpts are set as text: act text is never markup here.
 */
(function () {
  "use strict";

  var MAX_SHOWN = 10;
  var DEBOUNCE_MS = 100;
  var root = document.querySelector("[data-shz-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle) return;
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector("form");
  var result = root.querySelector(".md-search-result");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var words = config.translations;
  // The site's root: Pagefind indexes the whole site once (each language tree's pages in the
  // index of their <html lang>), so a tree below the root (ru/) climbs to it.
  var base = new URL(config.base + "/" + (root.getAttribute("data-shz-site-root") || ""),
                     location.href);
  // "//" in a path would read as a host name once Pagefind strips the origin from its URLs.
  base.pathname = base.pathname.replace(/\/{2,}/g, "/");

  var engine = null;     // the Pagefind instance, once loaded
  var loading = null;    // the promise of it
  var asked = 0;         // queries asked; an answer is shown only if it is the last one's

  function say(text) { meta.textContent = text; }

  function count(n) {
    if (n === 0) return words["search.result.none"];
    if (n === 1) return words["search.result.one"];
    return words["search.result.other"].replace("#", String(n));
  }

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", base).href).then(function (module) {
        var instance = module.createInstance({
          basePath: new URL("pagefind/", base).href,
          baseUrl: base.pathname,
          excerptLength: 24,
          ranking: {pageLength: 0},
          // The main thread: no worker racing its start-up timeout on a busy machine.
          noWorker: true
        });
        // filters() waits for the entry, the language's metadata and the wasm to be loaded
        // (the guide has no filters: it fetches nothing more); then the language's other
        // shards are merged in: then the index is ready.
        return instance.filters().then(function () {
          return mergeShards(instance);
        }).then(function () {
          engine = instance;
          if (!input.value.trim()) say(words["search.result.placeholder"]);
          else ask(input.value);
        });
      }).catch(function (error) {
        loading = null;  // the next opening tries again
        console.error("search index not loaded:", error);
      });
    }
    return loading;
  }

  // A large site's index is in shards (guide/search_index.py): pagefind/shards.json lists,
  // by language, those after the first; this page's language's are merged in, one after
  // the other (so their results come in the same order each time). Each costs its entry
  // and metadata now, and the chunks of the query's words per query.
  function mergeShards(instance) {
    var lang = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
    return fetch(new URL("pagefind/shards.json", base).href).then(function (response) {
      return response.ok ? response.json() : {};
    }).then(function (shards) {
      var mine = shards[lang] || shards[lang.split("-")[0]] || [];
      return mine.reduce(function (done, shard) {
        return done.then(function () {
          return instance.mergeIndex(new URL("pagefind/" + shard, base).href);
        });
      }, Promise.resolve());
    });
  }

  // Pagefind's excerpt marks the query's words with <mark>; everything else is text.
  function excerpt(html) {
    var p = document.createElement("p");
    var doc = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    doc.body.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(node.textContent));
      }
    });
    return p;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.tabIndex = -1;
    var url = new URL(data.url, base);
    a.href = url.protocol === "http:" || url.protocol === "https:" || url.protocol === "file:"
      ? url.href : base.href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    if (data.meta && data.meta.name) {  // an act's status, date and number
      var name = document.createElement("p");
      name.className = "shz-search-name";
      name.textContent = data.meta.name;
      article.appendChild(name);
    }
    article.appendChild(excerpt(data.excerpt || ""));
    a.appendChild(article);
    li.appendChild(a);
    return li;
  }

  function show(query, found, datas) {
    list.replaceChildren.apply(list, datas.map(item));
    result.setAttribute("data-shz-query", query);
    say(count(found));
  }

  // A query of numbers only ("500100", "№ 90100", "№С-7-7") is looked up as Pagefind's exact
  // phrase. Unquoted, an index shard that lacks the number answers with the longest prefix
  // of it that it holds ("5001", "50": Pagefind's fallback for words cut while typing), so a
  // merged search of a large site listed thousands of acts after the one holding the number.
  function asNumber(query) {
    var tokens = query.replace(/[№"]/g, " ").split(/\s+/).filter(function (t) {
      return t && !/^(N|No)$/i.test(t);
    });
    var numeric = tokens.length > 0 && tokens.every(function (t) { return /\d/.test(t); });
    return numeric ? '"' + tokens.join(" ") + '"' : null;
  }

  function ask(raw) {
    var query = raw.trim();
    var mine = ++asked;
    if (!engine) return;  // asked again once the index has loaded
    if (!query) {
      list.replaceChildren();
      result.removeAttribute("data-shz-query");
      say(words["search.result.placeholder"]);
      return;
    }
    // Debounced: a query typed on is dropped (null) in favour of the next one.
    engine.debouncedSearch(asNumber(query) || query, {}, DEBOUNCE_MS).then(function (answer) {
      if (mine !== asked || !answer) return;
      var shown = answer.results.slice(0, MAX_SHOWN);
      return Promise.all(shown.map(function (r) { return r.data(); })).then(function (datas) {
        if (mine === asked) show(query, answer.results.length, datas);
      });
    });
  }

  function open() {
    if (!toggle.checked) toggle.click();
    input.focus();
    load();
  }

  function close() {
    if (toggle.checked) toggle.click();
    input.blur();
  }

  input.addEventListener("focus", function () {
    if (!toggle.checked) toggle.click();
    load();
  });
  input.addEventListener("input", function () { ask(input.value); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) { input.focus(); load(); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { ask(""); input.focus(); });
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest("a")) close();
  });

  // As Material's own search: "s", "f" or "/" opens it, Escape and Tab close it.
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    var target = event.target;
    var typing = target && (target.isContentEditable ||
      /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "Escape" && toggle.checked) {
      close();
      event.preventDefault();
    } else if (event.key === "Tab" && toggle.checked && target === input) {
      toggle.click();  // Tab leaves the search, which closes (focus moves on as usual)
    } else if (!typing && (event.key === "s" || event.key === "f" || event.key === "/")) {
      open();
      event.preventDefault();
    }
  });
})();
