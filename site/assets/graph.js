/* Shezhire lineage graph page: the graph.json export drawn with the vendored cytoscape.js.
 *
 * Mounts on <div id="lineage-graph" data-graph="../graph.json">. Gives pan and zoom, a click
 * (or Enter on the list beside the canvas) to open an act's page, a filter by relation and a
 * date slider that highlights the acts in force that day. Every piece of act data is set with
 * textContent: act titles are data, never markup.
 *
 * An act's status on a day is looked up in its `validity` spans, which graph.json carries
 * (computed by shezhire.extract.validity, the rule the records and `shezhire graph` use);
 * nothing here decides what "in force" means. The words for the codes and the URL scheme of
 * act pages come from labels.json beside this script (written by the build from
 * guide/labels.py).
 */
(function () {
  "use strict";

  // Captured now: during Material's instant navigation currentScript is gone by mount time.
  var SCRIPT_URL = document.currentScript ? document.currentScript.src : location.href;

  // How each relation is drawn; its name comes from labels.json.
  var RELATIONS = [
    { key: "repeals", color: "#b71c1c", line: "solid" },
    { key: "amends", color: "#0d47a1", line: "solid" },
    { key: "cites", color: "#555555", line: "dotted" }
  ];
  var NODE_W = 120, COL_W = 150, ROW_H = 64, READABLE_ZOOM = 0.8;
  var L = null;  // labels.json, set when the page mounts
  // The page's own words in Russian, keyed by the Kazakh (<html lang="ru"> on ru/).
  var RU = {
    "нөмірсіз ": "без номера ",
    "күні белгісіз": "дата неизвестна",
    "Байланыстар сызбасын жүктеу мүмкін болмады.": "Не удалось загрузить схему связей.",
    "Байланыс түрлері": "Виды связей",
    "Күн шкаласы": "Шкала дат",
    "Күн": "Дата",
    "Актілердің байланыс сызбасы. Сол мәліметтер төмендегі кестеде берілген.": "Схема связей актов. Те же сведения приведены в таблице ниже.",
    "Үлкейту": "Увеличить",
    "Кішірейту": "Уменьшить",
    "Бүкіл сызба": "Вся схема",
    "Актілер тізімі": "Список актов",
    "Байланыстар тізімі": "Список связей",
    " күні күшінде болған актілер: ": " — действовавшие в этот день акты: ",
    " (барлығы ": " (всего ",
    "Шартты белгілер": "Условные обозначения",
    "Жинақтағы акт": "Акт справочника",
    "Тек сілтеме арқылы белгілі акт (үзік жиек)": "Акт, известный только по ссылке (пунктирная рамка)",
    "Таңдалған күні күшінде": "Действует в выбранный день",
    "Таңдалған күні күшінде емес немесе белгісіз (күңгірт)": "Не действует в выбранный день или неизвестно (бледный)",
    "Акт": "Акт",
    "Шығарған орган": "Издавший орган",
    "Атауы": "Название",
    "Таңдалған күнгі мәртебе": "Статус в выбранный день",
    " (тек сілтеме)": " (только ссылка)",
    "белгісіз": "неизвестен",
    "Қай акт": "Какой акт",
    "Байланыс": "Связь",
    "Қай актіні": "На какой акт",
    "Күні": "Дата",
    "Бөлігі": "Часть"
  };
  var LANG = document.documentElement.lang === "ru" ? "ru" : "kk";
  function W(kazakh) { return LANG === "ru" && RU.hasOwnProperty(kazakh) ? RU[kazakh] : kazakh; }

  // -- time: a lookup in the spans graph.json carries -------------------------------------

  /** The status of the span holding day (YYYY-MM-DD): from <= day < until. */
  function statusAt(node, day) {
    var spans = node.validity || [];
    for (var i = 0; i < spans.length; i++) {
      var s = spans[i];
      if ((s.from === null || s.from <= day) && (s.until === null || day < s.until)) return s.status;
    }
    return "unknown";
  }

  // -- labels and layout ------------------------------------------------------------------

  function relationName(key) {
    return L.relation[key] || key;
  }

  function shortName(node) {
    var type = (L.act_type[node.act_type] || L.act_type_unknown).toLowerCase();
    return (node.number ? "№ " + node.number + " " : W("нөмірсіз ")) + type;
  }

  function label(node) {
    return (node.adopted || W("күні белгісіз")) + "\n" + shortName(node);
  }

  /** Fixed positions: one column per adoption year, oldest on the left (empty years take
   * no room), acts of one year stacked in date order; undated acts in a first column of their
   * own. The same graph is always drawn the same way. Also returns the year headings. */
  function positions(nodes) {
    var years = [], out = {}, heads = [], used = {};
    nodes.forEach(function (n) {
      var year = n.adopted ? n.adopted.slice(0, 4) : "?";
      if (years.indexOf(year) < 0) years.push(year);
      var col = years.indexOf(year);
      used[col] = (used[col] || 0) + 1;
      out[n.id] = { x: col * COL_W, y: used[col] * ROW_H };
    });
    years.forEach(function (year, col) {
      heads.push({ group: "nodes", classes: "year", position: { x: col * COL_W, y: 0 },
                   data: { id: "year:" + year, label: year === "?" ? W("күні белгісіз") : year } });
    });
    return { of: out, heads: heads };
  }

  function byDate(a, b) {
    var ka = (a.adopted || "0000") + a.id, kb = (b.adopted || "0000") + b.id;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }

  // -- small DOM helpers (text only) ------------------------------------------------------

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** The library and the style sheet, from beside this script unless the page has them: only
   * the graph page needs them, and the canvas must have its size before cytoscape starts. */
  function loadCytoscape() {
    if (window.cytoscape) return Promise.resolve(window.cytoscape);
    return loadInto(el("script", { src: new URL("vendor/cytoscape/cytoscape.min.js", SCRIPT_URL).href }))
      .then(function () { return window.cytoscape; });
  }

  function loadStyle() {
    var href = new URL("graph.css", SCRIPT_URL).href;
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel="stylesheet"]'));
    if (links.some(function (l) { return l.href === href; })) return Promise.resolve();
    return loadInto(el("link", { rel: "stylesheet", href: href }));
  }

  function loadInto(node) {
    return new Promise(function (resolve, reject) {
      node.onload = resolve;
      node.onerror = reject;
      document.head.appendChild(node);
    });
  }

  // -- the page ---------------------------------------------------------------------------

  function mount(root) {
    if (root.dataset.mounted) return;
    root.dataset.mounted = "1";
    var url = new URL(root.getAttribute("data-graph") || "../graph.json", location.href);
    if (url.origin !== location.origin) return fail(root);  // same site only
    var labelsUrl = new URL("labels.json", SCRIPT_URL);
    Promise.all([
      fetchJson(url.href), fetchJson(labelsUrl.href), loadCytoscape(), loadStyle()
    ]).then(function (got) { L = got[1]; render(root, got[0], got[2], url); })
      .catch(function () { fail(root); });
  }

  function fetchJson(href) {
    return fetch(href).then(function (r) { if (!r.ok) throw r.status; return r.json(); });
  }

  function fail(root) {
    root.replaceChildren(el("p", { role: "alert" },
      W("Байланыстар сызбасын жүктеу мүмкін болмады.")));
  }

  function render(root, data, cytoscape, graphUrl) {
    var nodes = data.nodes.slice().sort(byDate);
    var edges = data.edges;
    var byId = {};
    nodes.forEach(function (n) { byId[n.id] = n; });
    function actUrl(id) {
      // The act pages of the page's own tree (data-pages on ru/), else beside graph.json.
      var pages = root.getAttribute("data-pages");
      var base = pages ? new URL(pages, location.href) : graphUrl;
      return new URL(L.urls.act_page.split("{id}").join(encodeURIComponent(id)), base).href;
    }

    // Controls: relation filter, date slider and date input, live count.
    var controls = el("div", { "class": "lg-controls" });
    var filter = el("fieldset", { "class": "lg-filter" });
    filter.appendChild(el("legend", {}, W("Байланыс түрлері")));
    RELATIONS.forEach(function (rel) {
      var lab = el("label");
      var box = el("input", { type: "checkbox", value: rel.key, checked: "" });
      box.addEventListener("change", applyFilter);
      lab.append(box, " " + relationName(rel.key));
      filter.appendChild(lab);
    });

    var days = dayStops(nodes);
    var when = el("div", { "class": "lg-when" });
    var slider = el("input", { type: "range", id: "lg-slider", min: "0",
                               max: String(Math.max(days.length - 1, 0)), step: "1" });
    var dateInput = el("input", { type: "date", id: "lg-date" });
    [["lg-slider", W("Күн шкаласы"), slider], ["lg-date", W("Күн"), dateInput]].forEach(function (f) {
      var field = el("span", { "class": "lg-field" });  // a label never wraps away from its input
      field.append(el("label", { "for": f[0] }, f[1]), f[2]);
      when.appendChild(field);
    });
    var count = el("p", { "class": "lg-count", role: "status", "aria-live": "polite" });
    controls.append(filter, when, count);

    var canvas = el("div", { "class": "lg-canvas", role: "img",
      "aria-label": W("Актілердің байланыс сызбасы. Сол мәліметтер төмендегі кестеде берілген.") });
    var zoom = el("div", { "class": "lg-zoom" });
    [["+", W("Үлкейту"), 1.25], ["−", W("Кішірейту"), 0.8]].forEach(function (z) {
      var b = el("button", { type: "button", "aria-label": z[1] }, z[0]);
      b.addEventListener("click", function () {
        cy.zoom({ level: cy.zoom() * z[2], renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
      });
      zoom.appendChild(b);
    });
    var fitButton = el("button", { type: "button" }, W("Бүкіл сызба"));
    fitButton.addEventListener("click", function () { cy.fit(undefined, 30); });
    zoom.appendChild(fitButton);

    var table = actTable(nodes, actUrl);
    var relTable = relationTable(edges, byId, actUrl);
    root.replaceChildren(controls, legend(), zoom, canvas,
                         el("h2", {}, W("Актілер тізімі")), table.wrap,
                         el("h2", {}, W("Байланыстар тізімі")), relTable.wrap);

    var pos = positions(nodes);
    var cy = cytoscape({
      container: canvas,
      elements: nodes.map(function (n) {
        return { group: "nodes", data: { id: n.id, label: label(n) }, position: pos.of[n.id],
                 classes: n.in_corpus ? "act corpus" : "act stub" };
      }).concat(pos.heads, drawnEdges(edges, byId)),
      layout: { name: "preset" },
      style: graphStyle(),
      minZoom: 0.2, maxZoom: 3, autoungrabify: true, boxSelectionEnabled: false
    });
    firstView(cy);
    // For tests and curious developers: the drawn graph, read-only by convention.
    window.shezhireLineage = { cy: cy };

    cy.on("tap", "node.act", function (evt) { location.href = actUrl(evt.target.id()); });
    cy.on("mouseover", "node.act", function () { canvas.style.cursor = "pointer"; });
    cy.on("mouseout", "node.act", function () { canvas.style.cursor = ""; });
    table.links.forEach(function (a) {  // keyboard focus in the list shows the act in the drawing
      a.addEventListener("focus", function () { cy.$("node").unselect(); cy.getElementById(a.dataset.act).select(); });
    });

    function applyFilter() {
      var shown = {};
      filter.querySelectorAll("input").forEach(function (b) { shown[b.value] = b.checked; });
      cy.edges().forEach(function (e) { e.style("display", shown[e.data("relation")] ? "element" : "none"); });
      relTable.rows.forEach(function (r) { r.hidden = !shown[r.dataset.relation]; });
      root.dataset.visibleEdges = String(cy.edges().filter(function (e) { return e.visible(); }).length);
    }

    function showDay(day) {
      var n = 0;
      nodes.forEach(function (node) {
        var status = statusAt(node, day);
        var live = status === "in_force";
        n += live ? 1 : 0;
        cy.getElementById(node.id).toggleClass("in-force", live).toggleClass("dimmed", !live);
        table.status[node.id].textContent = L.status[status] || status;
        table.status[node.id].dataset.status = status;
      });
      cy.edges().forEach(function (e) {
        e.toggleClass("dimmed", e.source().hasClass("dimmed") || e.target().hasClass("dimmed"));
      });
      slider.setAttribute("aria-valuetext", day);
      count.textContent = day + W(" күні күшінде болған актілер: ") + n + W(" (барлығы ") + nodes.length + ")";
    }

    slider.addEventListener("input", function () {
      if (!days.length) return;
      dateInput.value = days[Number(slider.value)];
      showDay(dateInput.value);
    });
    function onDate() {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(dateInput.value)) return;
      var i = 0;  // the slider stands on the last change on or before the day
      while (i + 1 < days.length && days[i + 1] <= dateInput.value) i += 1;
      slider.value = String(i);
      showDay(dateInput.value);
    }
    dateInput.addEventListener("input", onDate);
    dateInput.addEventListener("change", onDate);

    var today = new Date().toISOString().slice(0, 10);
    dateInput.value = today;
    onDate();
    applyFilter();
  }

  /** The whole graph if its labels stay readable; else readable size showing the newest
   * acts (the right end), which is what most readers come for. */
  function firstView(cy) {
    cy.fit(undefined, 30);
    if (cy.zoom() >= READABLE_ZOOM) return;
    var box = cy.elements().boundingBox();
    cy.zoom(READABLE_ZOOM);
    cy.pan({ x: cy.width() - 20 - box.x2 * READABLE_ZOOM,
             y: cy.height() / 2 - (box.y1 + box.y2) / 2 * READABLE_ZOOM });
  }

  /** Every day on which an act is adopted or its status changes: the slider steps through
   * these. */
  function dayStops(nodes) {
    var set = {};
    nodes.forEach(function (n) {
      if (n.adopted) set[n.adopted] = 1;
      (n.validity || []).forEach(function (s) { if (s.from) set[s.from] = 1; });
    });
    return Object.keys(set).sort();
  }

  /** One drawn arrow per act pair and relation: nine amended points make one arrow. */
  function drawnEdges(edges, byId) {
    var seen = {};
    return edges.filter(function (e) {
      var key = e.source + "\u0000" + e.target + "\u0000" + e.relation;
      if (seen[key] || !byId[e.source] || !byId[e.target]) return false;
      return (seen[key] = true);
    }).map(function (e, i) {
      return { group: "edges", classes: e.relation,
               data: { id: "e" + i, source: e.source, target: e.target, relation: e.relation } };
    });
  }

  function graphStyle() {
    var style = [
      { selector: "node", style: {
        shape: "round-rectangle", width: NODE_W, height: 42, label: "data(label)",
        "text-wrap": "wrap", "text-valign": "center", "text-halign": "center",
        "font-size": 13, color: "#1a1a1a", "background-color": "#e3f2fd",
        "border-width": 2, "border-color": "#1565c0" } },
      { selector: "node.year", style: {
        "background-opacity": 0, "border-width": 0, "font-size": 16, "font-weight": "bold",
        events: "no" } },
      { selector: "node.stub", style: {
        "background-color": "#f5f5f5", "border-style": "dashed", "border-color": "#616161" } },
      { selector: "node.in-force", style: { "border-width": 4, "border-color": "#2e7d32" } },
      { selector: "node:selected", style: { "overlay-opacity": 0.15, "overlay-color": "#ff9800" } },
      { selector: ".dimmed", style: { opacity: 0.45 } },
      { selector: "edge", style: { width: 2, "curve-style": "bezier",
        "target-arrow-shape": "triangle", "arrow-scale": 1.2 } }
    ];
    RELATIONS.forEach(function (rel) {
      style.push({ selector: "edge." + rel.key, style: { "line-color": rel.color,
        "target-arrow-color": rel.color, "line-style": rel.line } });
    });
    return style;
  }

  function legend() {
    var box = el("div", { "class": "lg-legend" });
    box.appendChild(el("p", { "class": "lg-legend-title" }, W("Шартты белгілер")));
    var list = el("ul");
    [["lg-key lg-key-corpus", W("Жинақтағы акт")],
     ["lg-key lg-key-stub", W("Тек сілтеме арқылы белгілі акт (үзік жиек)")],
     ["lg-key lg-key-live", W("Таңдалған күні күшінде")],
     ["lg-key lg-key-dim", W("Таңдалған күні күшінде емес немесе белгісіз (күңгірт)")]
    ].forEach(function (k) {
      var li = el("li");
      li.append(el("span", { "class": k[0], "aria-hidden": "true" }), k[1]);
      list.appendChild(li);
    });
    RELATIONS.forEach(function (rel) {
      var li = el("li");
      var line = el("span", { "class": "lg-line", "aria-hidden": "true" });
      line.style.borderTop = "3px " + rel.line + " " + rel.color;
      li.append(line, "→ " + relationName(rel.key));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function actTable(nodes, actUrl) {
    // No class on the table: Material styles only tables without one.
    var wrap = el("div", { "class": "lg-table lg-acts" });
    var table = el("table");
    var head = el("tr");
    [W("Акт"), W("Шығарған орган"), W("Атауы"), W("Таңдалған күнгі мәртебе")].forEach(function (h) {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    var links = [], status = {};
    nodes.forEach(function (n) {
      var row = el("tr", { "data-act": n.id });
      var a = el("a", { href: actUrl(n.id), "data-act": n.id },
                 (n.adopted || W("күні белгісіз")) + " " + shortName(n));
      links.push(a);
      var first = el("td");
      first.appendChild(a);
      if (!n.in_corpus) first.append(W(" (тек сілтеме)"));
      status[n.id] = el("td", { "class": "lg-status" });
      row.append(first, el("td", {}, n.issuer || W("белгісіз")), el("td", {}, n.title || "—"), status[n.id]);
      body.appendChild(row);
    });
    wrap.appendChild(table);
    return { wrap: wrap, links: links, status: status };
  }

  function relationTable(edges, byId, actUrl) {
    var wrap = el("div", { "class": "lg-table lg-relations" });
    var table = el("table");
    var head = el("tr");
    [W("Қай акт"), W("Байланыс"), W("Қай актіні"), W("Күні"), W("Бөлігі")].forEach(function (h) {
      head.appendChild(el("th", { scope: "col" }, h));
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    var names = {};
    RELATIONS.forEach(function (r) { names[r.key] = relationName(r.key); });
    function link(id) {
      var n = byId[id];
      var td = el("td");
      td.appendChild(el("a", { href: actUrl(id) }, n ? (n.adopted || W("күні белгісіз")) + " " + shortName(n) : id));
      return td;
    }
    var rows = edges.map(function (e) {
      var row = el("tr", { "data-relation": e.relation });
      row.append(link(e.source), el("td", {}, names[e.relation] || e.relation), link(e.target),
                 el("td", {}, e.date || "—"), el("td", {}, e.affected_part || "—"));
      body.appendChild(row);
      return row;
    });
    wrap.appendChild(table);
    return { wrap: wrap, rows: rows };
  }

  function start() {
    var root = document.getElementById("lineage-graph");
    if (root) mount(root);
  }
  // Material's instant navigation swaps pages without a load event; document$ tells us.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
