/*
 * Shezhire — the in-browser eligibility checklist.
 *
 * It reads the same rules export (rules.json) as `shezhire check` and evaluates it the same
 * way: the functions below are a line-for-line port of eligibility/language.py (evaluate,
 * needs) and eligibility/check.py (check, select_ruleset, _ordered, _reason, _outcome,
 * _documents_for). Tests run every persona through both and compare the outcome objects, so a
 * change to one must be made to the other.
 *
 * The page only needs <div id="checklist" data-rules="../rules.json"></div>. Nothing is sent
 * anywhere: the only request is the rules file itself, answers stay in this page, and the
 * ticked documents stay in this browser's localStorage.
 *
 * Every piece of text from the export is data: it goes into the page with textContent, never
 * as markup.
 */
(function () {
  "use strict";

  // ------------------------------------------------------------------------------------------
  // The rule language (port of eligibility/language.py)
  // ------------------------------------------------------------------------------------------

  var COMPARE = ["is", "in", "has", "lt", "le", "gt", "ge"];

  function has(obj, key) {
    return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
  }

  function isNone(value) {
    return value === null || value === undefined;
  }

  // Python's == on JSON values: True == 1, lists element by element, dicts key by key.
  function pyEq(a, b) {
    var scalar = function (v) { return typeof v === "number" || typeof v === "boolean"; };
    if (scalar(a) && scalar(b)) return Number(a) === Number(b);
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) return false;
      for (var i = 0; i < a.length; i++) if (!pyEq(a[i], b[i])) return false;
      return true;
    }
    if (a && b && typeof a === "object" && typeof b === "object" &&
        !Array.isArray(a) && !Array.isArray(b)) {
      var ka = Object.keys(a), kb = Object.keys(b);
      if (ka.length !== kb.length) return false;
      return ka.every(function (k) { return has(b, k) && pyEq(a[k], b[k]); });
    }
    if (isNone(a) && isNone(b)) return true;
    return a === b;
  }

  // Python's truthiness: empty lists, dicts and strings are false.
  function pyTruthy(value) {
    if (isNone(value)) return false;
    if (Array.isArray(value) || typeof value === "string") return value.length > 0;
    if (typeof value === "object") return Object.keys(value).length > 0;
    return Boolean(value);
  }

  function pyFloat(value) {
    var number = typeof value === "string" ? Number(value.trim()) : Number(value);
    if (typeof value === "string" && value.trim() === "") number = NaN;
    if (Number.isNaN(number) || Array.isArray(value) || (value && typeof value === "object")) {
      throw new Error("could not convert to a number: " + JSON.stringify(value));
    }
    return number;
  }

  /** true, false, or null while the answers do not decide `expr`. */
  function evaluate(expr, answers) {
    if (typeof expr === "boolean") return expr;
    var results;
    if (has(expr, "all")) {
      results = expr.all.map(function (e) { return evaluate(e, answers); });
      if (results.some(function (r) { return r === false; })) return false;
      return results.some(function (r) { return r === null; }) ? null : true;
    }
    if (has(expr, "any")) {
      results = expr.any.map(function (e) { return evaluate(e, answers); });
      if (results.some(function (r) { return r === true; })) return true;
      return results.some(function (r) { return r === null; }) ? null : false;
    }
    if (has(expr, "not")) {
      var inner = evaluate(expr.not, answers);
      return inner === null ? null : !inner;
    }
    var question = expr.answer;
    if (!has(answers, question) || isNone(answers[question])) return null;
    var value = answers[question];
    var op = COMPARE.filter(function (k) { return has(expr, k); })[0];
    var target = expr[op];
    if (op === "is") return pyEq(value, target);
    if (op === "in") return target.some(function (t) { return pyEq(value, t); });
    if (op === "has") {
      var within = pyTruthy(value) ? value : [];
      if (typeof within === "string") return within.indexOf(target) !== -1;
      return within.some(function (v) { return pyEq(v, target); });
    }
    var number = pyFloat(value), limit = pyFloat(target);
    return {lt: number < limit, le: number <= limit, gt: number > limit, ge: number >= limit}[op];
  }

  /** Unanswered questions that could decide `expr`, in the order they appear. */
  function needs(expr, answers) {
    if (evaluate(expr, answers) !== null) return [];
    if (typeof expr === "boolean") return [];
    var out = [];
    var keys = ["all", "any"];
    for (var k = 0; k < keys.length; k++) {
      if (has(expr, keys[k])) {
        expr[keys[k]].forEach(function (e) {
          needs(e, answers).forEach(function (q) { if (out.indexOf(q) === -1) out.push(q); });
        });
        return out;
      }
    }
    if (has(expr, "not")) return needs(expr.not, answers);
    return [expr.answer];
  }

  // ------------------------------------------------------------------------------------------
  // The checker (port of eligibility/check.py)
  // ------------------------------------------------------------------------------------------

  var REFUSAL_STATUS = {"true": "refused", "false": "clear", "null": "unknown"};
  var CONDITION_STATUS = {"true": "met", "false": "failed", "null": "unknown"};

  /** The outcome for `answers` (`date` overrides answers.application_date). */
  function check(rules, answersIn, date) {
    var answers = Object.assign({}, answersIn);
    if (!isNone(date)) answers.application_date = date;
    var missing = ["application_date", "place"].filter(function (q) {
      return !pyTruthy(answers[q]);
    });
    if (missing.length) {
      return outcomeOf("cannot_tell", null, [], missing, rules, answers,
                       "Алдымен өтініш күні мен орнын көрсетіңіз.");
    }
    var ruleset = selectRuleset(rules, answers.application_date, answers.place);
    if (ruleset === null) {
      return outcomeOf("no_act", null, [], [], rules, answers,
                       "Корпуста осы күні осы жерде қолданылатын акт жоқ.");
    }
    if (ruleset.incomplete) {
      var note = [{rule: "incomplete", kind: "note", status: "unknown",
                   label_kk: ruleset.note_kk, citations: ruleset.incomplete_citations}];
      return outcomeOf("cannot_tell", ruleset, note, [], rules, answers, ruleset.note_kk);
    }
    var reasons = [], pending = [];
    var failed = false, refused = false;
    ruleset.refusals.forEach(function (rule) {
      var result = evaluate(rule.refuse_if, answers);
      refused = refused || result === true;
      if (result === null) pending = pending.concat(needs(rule.refuse_if, answers));
      reasons.push(reasonOf(rule, REFUSAL_STATUS[String(result)]));
    });
    ruleset.conditions.forEach(function (rule) {
      var when = has(rule, "when") ? rule.when : true;
      var applies = evaluate(when, answers);
      if (applies === false) {
        reasons.push(reasonOf(rule, "not_applicable"));
        return;
      }
      var result = evaluate(rule.require, answers);
      if (applies === null && result !== true) pending = pending.concat(needs(rule.when, answers));
      if (result === null) pending = pending.concat(needs(rule.require, answers));
      var status = CONDITION_STATUS[String(result)];
      if (applies === null && result === false) status = "unknown";
      failed = failed || status === "failed";
      reasons.push(reasonOf(rule, status));
    });
    var outcome;
    if (refused || failed) outcome = "not_eligible";
    else if (pending.length) outcome = "cannot_tell";
    else outcome = "eligible";
    return outcomeOf(outcome, ruleset, reasons, ordered(pending, rules, answers), rules, answers);
  }

  /** The act in force at `place` on `day`: a local act before a national one. */
  function selectRuleset(rules, day, place) {
    var fitting = rules.rulesets.filter(function (rs) {
      if (rs.valid_from && day < rs.valid_from) return false;
      if (rs.valid_until && day >= rs.valid_until) return false;
      var territory = rs.territory;
      return !(territory.kind === "places" && territory.places.indexOf(place) === -1);
    });
    if (!fitting.length) return null;
    fitting.sort(function (a, b) {
      var la = a.territory.kind !== "places" ? 1 : 0, lb = b.territory.kind !== "places" ? 1 : 0;
      if (la !== lb) return la - lb;
      return a.act.id < b.act.id ? -1 : a.act.id > b.act.id ? 1 : 0;
    });
    return fitting[0];
  }

  /** Unanswered questions in the catalogue's order, only those that may be asked now. */
  function ordered(pending, rules, answers) {
    var out = [];
    rules.questions.forEach(function (q) {
      if (pending.indexOf(q.id) !== -1 && !has(answers, q.id)) {
        var ask = has(q, "ask_when") ? q.ask_when : null;
        if (ask === null || evaluate(ask, answers) !== false) out.push(q.id);
      }
    });
    return out;
  }

  function reasonOf(rule, status) {
    var reason = {rule: rule.id, kind: rule.kind, status: status,
                  label_kk: rule.label_kk, citations: rule.citations};
    if (status === "failed" && pyTruthy(rule.change_kk)) reason.change_kk = rule.change_kk;
    return reason;
  }

  function outcomeOf(outcome, ruleset, reasons, nextQuestions, rules, answers, note) {
    var decisive = reasons.filter(function (r) {
      return r.status === "failed" || r.status === "refused";
    });
    var wouldChange = decisive.map(function (r) {
      return pyTruthy(r.change_kk) ? r.change_kk
        : r.label_kk + " — бұл негіз болмаса, нәтиже өзгереді.";
    });
    return {
      outcome: outcome,
      date: has(answers, "application_date") ? answers.application_date : null,
      place: has(answers, "place") ? answers.place : null,
      act: ruleset ? ruleset.act : null,
      act_valid: ruleset === null ? null : {
        from: ruleset.valid_from, from_basis: ruleset.valid_from_basis,
        until: ruleset.valid_until},
      note_kk: isNone(note) ? null : note,
      reasons: reasons.filter(function (r) { return r.status !== "not_applicable"; }),
      next_questions: nextQuestions,
      documents: ruleset ? documentsFor(ruleset, answers) : [],
      deadlines: ruleset ? ruleset.deadlines : [],
      where_to_apply: ruleset ? ruleset.where_to_apply : [],
      what_would_change: wouldChange,
      acts_in_corpus: ruleset ? [] : rules.rulesets.map(function (rs) {
        return {act: rs.act.id, from: rs.valid_from, until: rs.valid_until,
                territory: rs.territory};
      }),
    };
  }

  /** The lists and items that apply to the applicant's category (all while it is unknown). */
  function documentsFor(ruleset, answers) {
    var category = has(answers, "category") ? answers.category : null;
    var fits = function (categories) {
      return !pyTruthy(categories) || isNone(category) ||
        categories.some(function (c) { return pyEq(c, category); });
    };
    var out = [];
    ruleset.documents.forEach(function (lst) {
      if (fits(has(lst, "categories") ? lst.categories : [])) {
        var copy = Object.assign({}, lst);
        copy.items = lst.items.filter(function (i) {
          return fits(has(i, "categories") ? i.categories : []);
        });
        out.push(copy);
      }
    });
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // Wording of the page (Kazakh). Labels for codes of the export; the questions themselves
  // come from the export.
  // ------------------------------------------------------------------------------------------

  var T = {
    loading: "Ережелер жүктелуде…",
    loadFailed: "Ережелер файлын жүктеу мүмкін болмады. Бетті жаңартып көріңіз.",
    intro: "Алдымен өтініш беретін күнді және тұратын жеріңізді көрсетіңіз: содан кейін тек " +
      "қажет сұрақтар қойылады. Жауаптарыңыз ешқайда жіберілмейді.",
    formLabel: "Құқықты тексеру сұрақтары",
    choose: "— таңдаңыз —",
    yes: "Иә",
    no: "Жоқ",
    next: "Жалғастыру",
    restart: "Басынан бастау",
    print: "Басып шығару",
    required: "Бұл сұраққа жауап беріңіз.",
    badNumber: "Санды жазыңыз (мысалы, 2 немесе 2,5).",
    outOfRange: "Сан {min} мен {max} аралығында болуы керек.",
    badDate: "Күнді толық көрсетіңіз.",
    resultHeading: "Нәтиже",
    outcome: {
      eligible: "Есепке тұру шарттарына сай келесіз.",
      not_eligible: "Есепке тұру шарттарына сай келмейсіз.",
      cannot_tell: "Әзірге нақты айту мүмкін емес.",
      no_act: "Осы күні осы жерде қолданылатын акт анықтамалықта жоқ.",
    },
    answerMore: "Нәтижені білу үшін жоғарыдағы жаңа сұрақтарға жауап беріп, «Жалғастыру» батырмасын басыңыз.",
    actHeading: "Қолданылатын акт",
    validFrom: "Күшіне енген күні",
    validUntil: "Күшін жойған күні",
    inForceNow: "күшінде",
    actsInCorpus: "Анықтамалықтағы актілер және олар қолданылатын кезең мен аумақ",
    country: "бүкіл ел",
    reasonsHeading: "Негіздер",
    decisiveHeading: "Нәтижені шешкен негіздер",
    otherHeading: "Тексерілген басқа негіздер",
    status: {
      met: "Орындалды", failed: "Орындалмады", unknown: "Әлі белгісіз",
      refused: "Бас тарту негізі бар", clear: "Бас тарту негізі жоқ", note: "Ескерту",
    },
    kind: {condition: "Шарт", refusal: "Бас тарту негізі", note: "Ескерту"},
    source: "Дереккөз",
    changeHeading: "Нәтижені не өзгертуі мүмкін",
    documentsHeading: "Алып баратын құжаттар",
    documentsHint: "Дайындаған құжатты белгілеңіз: белгілер тек осы браузерде сақталады.",
    obtainedHeading: "Мекеме өзі алатын мәліметтер (оларды сізден талап етуге болмайды)",
    forCondition: "Шарты",
    deadlinesHeading: "Мерзімдер",
    serviceTerm: "Қызмет көрсету мерзімі",
    deadlineCols: ["Мерзім", "Не істеледі", "Неден бастап", "Дереккөз"],
    whereHeading: "Қайда жүгінуге болады",
    noDocuments: "Бұл актіде құжаттар тізбесі табылмады.",
    noDeadlines: "Бұл актіде мерзімдер табылмады.",
    summaryAct: "Акт",
  };

  var CHANNEL = {
    portal: "«Электрондық үкімет» веб-порталы",
    state_corporation: "«Азаматтарға арналған үкімет» мемлекеттік корпорациясы",
    service_centre: "Халыққа қызмет көрсету орталығы",
    employer: "Жұмыс беруші",
  };
  var ACT_TYPE = {
    order: "бұйрық", decree: "қаулы", resolution: "қаулы", decision: "шешім", law: "заң",
    code: "кодекс", edict: "жарлық",
  };
  var UNIT = {
    minute: "минут", hour: "сағат", day: "күн", week: "апта", month: "ай", quarter: "тоқсан",
    year: "жыл",
  };
  var RELATION = {
    within: "ішінде", not_later_than: "кешіктірмей", at_least: "кемінде", before: "бұрын",
    after: "өткен соң",
  };

  // ------------------------------------------------------------------------------------------
  // Small DOM helpers: text only goes in through textContent.
  // ------------------------------------------------------------------------------------------

  var uid = 0;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) return;
      if (key === "text") node.textContent = String(value);
      else if (key === "className") node.className = value;
      else node.setAttribute(key, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function nextId(prefix) {
    uid += 1;
    return "shz-" + prefix + "-" + uid;
  }

  function anchorOf(provision) {
    return "p-" + String(provision).split("/").join("--");
  }

  // "rules/p-11/sp-3" -> "11-тармақ, 3) тармақша"; unknown parts stay as they are.
  function provisionLabel(provision) {
    var words = [];
    String(provision).split("/").forEach(function (part) {
      var m = /^(p|sp|app|ch|sec|art)-(.+)$/.exec(part);
      if (!m) return;
      var n = m[2].replace(/~/g, "–").replace(/-/g, ".");
      words.push({p: n + "-тармақ", sp: n + ") тармақша", app: n + "-қосымша",
                  ch: n + "-тарау", sec: n + "-бөлім", art: n + "-бап"}[m[1]]);
    });
    return words.length ? words.join(", ") : String(provision);
  }

  function actLabel(act) {
    if (!act) return "";
    var parts = [];
    if (act.adopted) parts.push(act.adopted);
    if (act.number) parts.push("№ " + act.number);
    if (act.act_type) parts.push(ACT_TYPE[act.act_type] || act.act_type);
    return parts.join(" ");
  }

  // ------------------------------------------------------------------------------------------
  // The checklist widget
  // ------------------------------------------------------------------------------------------

  function Checklist(root, rules, rulesUrl) {
    this.root = root;
    this.rules = rules;
    this.rulesUrl = rulesUrl;
    this.answers = {};
    this.fields = {};   // question id -> {node, question, read(), write(value), focus()}
    this.questions = {};
    this.acts = {};
    var self = this;
    rules.questions.forEach(function (q) { self.questions[q.id] = q; });
    rules.rulesets.forEach(function (rs) { self.acts[rs.act.id] = rs.act; });
    this.build();
    this.update(false);
  }

  Checklist.prototype.build = function () {
    var self = this;
    this.root.textContent = "";
    this.root.classList.add("shz-checklist");
    this.status = el("p", {className: "shz-status", role: "status", "aria-live": "polite",
                           "aria-atomic": "true"});
    this.form = el("form", {className: "shz-form no-print", novalidate: true,
                            "aria-label": T.formLabel});
    this.list = el("div", {className: "shz-questions"});
    this.hint = el("p", {className: "shz-hint", hidden: true, text: T.answerMore});
    var submit = el("button", {type: "submit", className: "md-button md-button--primary",
                               text: T.next});
    var restart = el("button", {type: "button", className: "md-button", text: T.restart});
    restart.addEventListener("click", function () { self.reset(); });
    this.form.appendChild(el("p", {className: "shz-intro", text: T.intro}));
    this.form.appendChild(this.list);
    this.form.appendChild(el("div", {className: "shz-actions"}, [submit, restart]));
    this.form.appendChild(this.hint);
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.submit();
    });
    this.result = el("section", {className: "shz-result", hidden: true,
                                 "aria-labelledby": "shz-result-heading"});
    this.root.appendChild(this.form);
    this.root.appendChild(this.status);
    this.root.appendChild(this.result);
  };

  Checklist.prototype.reset = function () {
    var self = this;
    this.answers = {};
    Object.keys(this.fields).forEach(function (id) { self.removeField(id); });
    this.update(false);
    this.fields.application_date.focus();
  };

  // Which questions stand on the form: the date and the place, every answered question that
  // may still be asked, and the checker's next questions.
  Checklist.prototype.shown = function (outcome) {
    var self = this;
    return this.rules.questions.map(function (q) { return q.id; }).filter(function (id) {
      if (id === "application_date" || id === "place") return true;
      if (outcome.next_questions.indexOf(id) !== -1) return outcome.outcome === "cannot_tell";
      return has(self.answers, id);
    });
  };

  // Answers to questions whose ask_when no longer holds are dropped: they are not asked.
  Checklist.prototype.prune = function () {
    var self = this;
    var changed = true;
    while (changed) {
      changed = false;
      Object.keys(this.answers).forEach(function (id) {
        var q = self.questions[id];
        if (q && has(q, "ask_when") && evaluate(q.ask_when, self.answers) === false) {
          delete self.answers[id];
          changed = true;
        }
      });
    }
  };

  Checklist.prototype.submit = function () {
    var self = this;
    var firstBad = null;
    Object.keys(this.fields).forEach(function (id) {
      var field = self.fields[id];
      var read = field.read();
      field.setError(read.error || null);
      if (read.error) {
        if (!firstBad) firstBad = field;
        return;
      }
      if (read.value === undefined) delete self.answers[id];
      else self.answers[id] = read.value;
    });
    if (firstBad) {
      firstBad.focus();
      return;
    }
    this.prune();
    this.update(true);
  };

  Checklist.prototype.update = function (moveFocus) {
    var self = this;
    var outcome = check(this.rules, this.answers);
    this.outcome = outcome;
    var wanted = this.shown(outcome);
    var added = [];
    Object.keys(this.fields).forEach(function (id) {
      if (wanted.indexOf(id) === -1) self.removeField(id);
    });
    wanted.forEach(function (id) {
      if (!self.fields[id]) {
        self.fields[id] = self.makeField(self.questions[id]);
        added.push(id);
      }
    });
    // Keep the fields in the catalogue's order without re-creating them (focus stays put).
    wanted.forEach(function (id) { self.list.appendChild(self.fields[id].node); });
    this.renderResult(outcome);
    var unanswered = wanted.filter(function (id) { return !has(self.answers, id); });
    this.hint.hidden = !(outcome.act && outcome.outcome === "cannot_tell" &&
                         outcome.next_questions.length);
    this.status.textContent = "";
    if (outcome.act || outcome.outcome === "no_act" || unanswered.length === 0) {
      this.status.textContent = T.resultHeading + ": " + T.outcome[outcome.outcome] +
        (outcome.act ? " " + T.summaryAct + ": " + actLabel(outcome.act) + "." : "");
    }
    if (!moveFocus) return;
    var target = added.filter(function (id) { return !has(self.answers, id); })[0];
    if (target) this.fields[target].focus();
    else if (unanswered.length && outcome.outcome === "cannot_tell") {
      this.fields[unanswered[0]].focus();
    } else {
      var heading = this.result.querySelector("h2");
      if (heading) heading.focus();
    }
  };

  Checklist.prototype.removeField = function (id) {
    var field = this.fields[id];
    if (field && field.node.parentNode) field.node.parentNode.removeChild(field.node);
    delete this.fields[id];
  };

  Checklist.prototype.makeField = function (q) {
    var base = nextId(q.id.replace(/[^a-z0-9_]/gi, ""));
    var helpId = q.help_kk ? base + "-help" : null;
    var errorId = base + "-error";
    var error = el("p", {className: "shz-error", id: errorId, hidden: true});
    var help = q.help_kk ? el("p", {className: "shz-help", id: helpId, text: q.help_kk}) : null;
    var describedBy = [helpId, errorId].filter(Boolean).join(" ");
    var node, controls = [], read, write;

    if (q.type === "date" || q.type === "number" || q.type === "place") {
      var control;
      if (q.type === "place") {
        control = el("select", {id: base, name: q.id, "aria-describedby": describedBy},
                     [el("option", {value: "", text: T.choose})]);
        this.rules.places.forEach(function (p) {
          control.appendChild(el("option", {value: p.value, text: p.label_kk}));
        });
      } else if (q.type === "date") {
        control = el("input", {id: base, name: q.id, type: "date", "aria-describedby": describedBy,
                               min: "1991-12-16", max: "2100-12-31"});
      } else {
        control = el("input", {id: base, name: q.id, type: "text", inputmode: "decimal",
                               autocomplete: "off", "aria-describedby": describedBy});
      }
      controls = [control];
      node = el("div", {className: "shz-question", "data-question": q.id},
                [el("label", {for: base, text: q.text_kk}), help, control, error]);
      read = function () {
        var raw = control.value.trim();
        if (raw === "") {
          if (q.type === "date" && control.validity && control.validity.badInput) {
            return {error: T.badDate};
          }
          return {value: undefined};
        }
        if (q.type === "number") {
          var normal = raw.replace(/\s+/g, "").replace(",", ".");
          if (!/^\d+(\.\d+)?$/.test(normal)) return {error: T.badNumber};
          var number = Number(normal);
          // The question's bounds, as `shezhire check` enforces them (eligibility/answers.py).
          if ((q.min !== undefined && number < q.min) || (q.max !== undefined && number > q.max)) {
            return {error: T.outOfRange.replace("{min}", String(q.min))
                                       .replace("{max}", String(q.max))};
          }
          return {value: number};
        }
        return {value: raw};
      };
      write = function (value) {
        control.value = isNone(value) ? "" : String(value);
      };
    } else {
      var boxes = [];
      var options = q.type === "boolean"
        ? [{value: true, label_kk: T.yes}, {value: false, label_kk: T.no}]
        : (q.options || []);
      var kind = q.type === "multi" ? "checkbox" : "radio";
      var legend = el("legend", {text: q.text_kk});
      var group = el("div", {className: "shz-options"});
      options.forEach(function (option, index) {
        var id = base + "-" + index;
        var input = el("input", {type: kind, id: id, name: base, value: String(option.value)});
        boxes.push({input: input, value: option.value});
        group.appendChild(el("div", {className: "shz-option"},
                             [input, el("label", {for: id, text: option.label_kk})]));
      });
      controls = boxes.map(function (b) { return b.input; });
      node = el("fieldset", {className: "shz-question", "data-question": q.id,
                             "aria-describedby": describedBy}, [legend, help, group, error]);
      read = function () {
        if (kind === "checkbox") {
          return {value: boxes.filter(function (b) { return b.input.checked; })
            .map(function (b) { return b.value; })};
        }
        var picked = boxes.filter(function (b) { return b.input.checked; })[0];
        return {value: picked ? picked.value : undefined};
      };
      write = function (value) {
        boxes.forEach(function (b) {
          b.input.checked = kind === "checkbox"
            ? Array.isArray(value) && value.some(function (v) { return pyEq(v, b.value); })
            : pyEq(value, b.value) && !isNone(value);
        });
      };
    }
    if (has(this.answers, q.id)) write(this.answers[q.id]);
    return {
      node: node,
      question: q,
      read: read,
      write: write,
      focus: function () {
        var checked = controls.filter(function (c) { return c.checked; })[0];
        (checked || controls[0]).focus();
      },
      setError: function (message) {
        error.hidden = !message;
        error.textContent = message || "";
        controls.forEach(function (c) {
          if (message) c.setAttribute("aria-invalid", "true");
          else c.removeAttribute("aria-invalid");
        });
      },
    };
  };

  Checklist.prototype.siteUrl = function (path) {
    return new URL(path, this.rulesUrl).href;
  };

  Checklist.prototype.citation = function (c) {
    var act = this.acts[c.act];
    var href = this.siteUrl("acts/" + encodeURIComponent(c.act) + "/#" + anchorOf(c.provision));
    var link = el("a", {href: href, className: "shz-cite", "data-act": c.act,
                        "data-provision": c.provision},
                  [T.source + ": " + (act ? actLabel(act) + ", " : "") +
                   provisionLabel(c.provision)]);
    return el("figure", {className: "shz-citation"}, [
      el("blockquote", {lang: "kk"}, [el("p", {text: c.quote})]),
      el("figcaption", {}, [link]),
    ]);
  };

  Checklist.prototype.renderResult = function (outcome) {
    var box = this.result;
    box.textContent = "";
    box.setAttribute("data-outcome", outcome.outcome);
    box.setAttribute("data-act", outcome.act ? outcome.act.id : "");
    // Nothing to say until the date and the place are known: the checker asks for them first.
    if (!pyTruthy(this.answers.application_date) || !pyTruthy(this.answers.place)) {
      box.hidden = true;
      return;
    }
    box.hidden = false;
    box.appendChild(el("h2", {id: "shz-result-heading", tabindex: "-1",
                              text: T.resultHeading}));
    box.appendChild(el("p", {className: "shz-outcome shz-outcome--" + outcome.outcome,
                             text: T.outcome[outcome.outcome]}));
    if (outcome.outcome === "cannot_tell" && outcome.next_questions.length) {
      box.appendChild(el("p", {className: "shz-next", text: T.answerMore}));
    }
    if (outcome.note_kk && outcome.outcome !== "no_act") {
      box.appendChild(el("p", {className: "shz-note", text: outcome.note_kk}));
    }
    var printButton = el("button", {type: "button", className: "md-button no-print",
                                    text: T.print});
    printButton.addEventListener("click", function () { window.print(); });

    if (outcome.act) {
      box.appendChild(this.renderAct(outcome));
    } else if (outcome.outcome === "no_act") {
      box.appendChild(this.renderCorpus(outcome));
    }
    if (outcome.reasons.length) box.appendChild(this.renderReasons(outcome));
    if (outcome.what_would_change.length) {
      box.appendChild(el("h3", {text: T.changeHeading}));
      box.appendChild(el("ul", {className: "shz-change"}, outcome.what_would_change.map(
        function (text) { return el("li", {text: text}); })));
    }
    if (outcome.act) {
      box.appendChild(this.renderDocuments(outcome));
      box.appendChild(this.renderDeadlines(outcome));
      if (outcome.where_to_apply.length) box.appendChild(this.renderWhere(outcome));
    }
    box.appendChild(el("div", {className: "shz-actions no-print"}, [printButton]));
  };

  Checklist.prototype.renderAct = function (outcome) {
    var act = outcome.act;
    var valid = outcome.act_valid || {};
    var link = el("a", {href: this.siteUrl("acts/" + encodeURIComponent(act.id) + "/"),
                        className: "shz-act-link", text: act.title || act.id});
    var facts = el("dl", {className: "shz-act-facts"});
    var add = function (term, value) {
      if (!value) return;
      facts.appendChild(el("dt", {text: term}));
      facts.appendChild(el("dd", {text: value}));
    };
    add(T.summaryAct, actLabel(act));
    add(T.validFrom, valid.from);
    add(T.validUntil, valid.until);
    return el("div", {className: "shz-act"}, [el("h3", {text: T.actHeading}),
                                              el("p", {}, [link]), facts]);
  };

  Checklist.prototype.renderCorpus = function (outcome) {
    var self = this;
    var places = {};
    this.rules.places.forEach(function (p) { places[p.value] = p.label_kk; });
    var items = outcome.acts_in_corpus.map(function (entry) {
      var act = self.acts[entry.act];
      var where = entry.territory.kind === "places"
        ? entry.territory.places.map(function (p) { return places[p] || p; }).join(", ")
        : T.country;
      var link = el("a", {href: self.siteUrl("acts/" + encodeURIComponent(entry.act) + "/"),
                          text: act ? actLabel(act) : entry.act});
      return el("li", {}, [link, " — " + where + ", " + (entry.from || "…") + " – " +
                           (entry.until || T.inForceNow)]);
    });
    return el("div", {className: "shz-corpus"}, [el("h3", {text: T.actsInCorpus}),
                                                 el("ul", {}, items)]);
  };

  // The reasons that decide the outcome first, then the rest the checker looked at.
  Checklist.prototype.renderReasons = function (outcome) {
    var self = this;
    var decisive = {not_eligible: ["failed", "refused"], eligible: ["met"],
                    cannot_tell: ["unknown"], no_act: []}[outcome.outcome];
    var isDecisive = function (r) { return decisive.indexOf(r.status) !== -1; };
    var item = function (reason) {
      var statusText = reason.kind === "note" ? T.status.note : T.status[reason.status];
      var li = el("li", {className: "shz-reason shz-reason--" + reason.status +
                         (isDecisive(reason) ? " shz-decisive" : ""),
                         "data-rule": reason.rule, "data-status": reason.status}, [
        el("p", {className: "shz-reason-head"}, [
          el("span", {className: "shz-badge shz-badge--" + reason.status, text: statusText}),
          " ",
          el("span", {className: "shz-kind", text: (T.kind[reason.kind] || reason.kind) + ": "}),
          el("span", {className: "shz-label", text: reason.label_kk || ""}),
        ]),
      ]);
      (reason.citations || []).forEach(function (c) { li.appendChild(self.citation(c)); });
      return li;
    };
    var wrap = el("div", {className: "shz-reasons-wrap"});
    var first = outcome.reasons.filter(isDecisive);
    var rest = outcome.reasons.filter(function (r) { return !isDecisive(r); });
    if (first.length) {
      wrap.appendChild(el("h3", {text: T.decisiveHeading}));
      wrap.appendChild(el("ul", {className: "shz-reasons"}, first.map(item)));
    }
    if (rest.length) {
      wrap.appendChild(el("h3", {text: first.length ? T.otherHeading : T.reasonsHeading}));
      wrap.appendChild(el("ul", {className: "shz-reasons"}, rest.map(item)));
    }
    return wrap;
  };

  Checklist.prototype.renderDocuments = function (outcome) {
    var self = this;
    var act = outcome.act.id;
    var wrap = el("div", {className: "shz-documents"}, [el("h3", {text: T.documentsHeading})]);
    var bring = outcome.documents.filter(function (l) { return l.kind !== "obtained_by_provider"; });
    var obtained = outcome.documents.filter(function (l) {
      return l.kind === "obtained_by_provider";
    });
    if (!bring.length && !obtained.length) {
      wrap.appendChild(el("p", {text: T.noDocuments}));
      return wrap;
    }
    if (bring.length) wrap.appendChild(el("p", {className: "shz-help", text: T.documentsHint}));
    bring.forEach(function (lst) {
      var fieldset = el("fieldset", {className: "shz-doclist", "data-list": lst.id});
      var caption = [CHANNEL[lst.channel] || lst.channel].filter(Boolean).join("");
      fieldset.appendChild(el("legend", {text: caption || T.documentsHeading}));
      if (lst.condition) {
        fieldset.appendChild(el("p", {className: "shz-condition",
                                      text: T.forCondition + ": " + lst.condition}));
      }
      lst.items.forEach(function (item) {
        var id = nextId("doc");
        var key = "shezhire:checklist:" + act + ":" + item.id;
        var box = el("input", {type: "checkbox", id: id, "data-item": item.id,
                               "data-storage-key": key});
        box.checked = storage.get(key) === "1";
        box.addEventListener("change", function () { storage.set(key, box.checked); });
        var label = el("label", {for: id, text: item.label});
        var row = el("div", {className: "shz-doc"}, [box, label]);
        if (item.condition) {
          row.appendChild(el("p", {className: "shz-condition",
                                   text: T.forCondition + ": " + item.condition}));
        }
        if (item.citation) {
          var c = item.citation;
          row.appendChild(el("a", {className: "shz-cite",
                                   href: self.siteUrl("acts/" + encodeURIComponent(c.act) +
                                                      "/#" + anchorOf(c.provision)),
                                   "data-provision": c.provision,
                                   text: T.source + ": " + provisionLabel(c.provision)}));
        }
        fieldset.appendChild(row);
      });
      wrap.appendChild(fieldset);
    });
    if (obtained.length) {
      wrap.appendChild(el("h4", {text: T.obtainedHeading}));
      obtained.forEach(function (lst) {
        wrap.appendChild(el("ul", {className: "shz-obtained", "data-list": lst.id},
          lst.items.map(function (item) { return el("li", {text: item.label}); })));
      });
    }
    return wrap;
  };

  Checklist.prototype.renderDeadlines = function (outcome) {
    var self = this;
    var wrap = el("div", {className: "shz-deadlines"}, [el("h3", {text: T.deadlinesHeading})]);
    if (!outcome.deadlines.length) {
      wrap.appendChild(el("p", {text: T.noDeadlines}));
      return wrap;
    }
    var head = el("tr", {}, T.deadlineCols.map(function (c) {
      return el("th", {scope: "col", text: c});
    }));
    var body = el("tbody");
    outcome.deadlines.forEach(function (d) {
      var unit = UNIT[d.unit] || d.unit || "";
      var days = d.unit === "day" && d.day_kind === "working" ? "жұмыс күні"
        : d.unit === "day" && d.day_kind === "calendar" ? "күнтізбелік күн" : unit;
      var term = [d.relation === "at_least" ? RELATION.at_least : null, String(d.value), days,
                  d.relation !== "at_least" ? RELATION[d.relation] : null]
        .filter(Boolean).join(" ");
      var first = el("td", {}, [term]);
      if (d.service_term) {
        first.appendChild(el("br"));
        first.appendChild(el("strong", {className: "shz-service-term", text: T.serviceTerm}));
      }
      var c = d.citation;
      body.appendChild(el("tr", {className: d.service_term ? "shz-term" : null}, [
        first,
        el("td", {text: d.action || ""}),
        el("td", {text: d.trigger || ""}),
        el("td", {}, [el("a", {className: "shz-cite",
                               href: self.siteUrl("acts/" + encodeURIComponent(c.act) + "/#" +
                                                  anchorOf(c.provision)),
                               "data-provision": c.provision,
                               text: provisionLabel(c.provision)})]),
      ]));
    });
    wrap.appendChild(el("div", {className: "shz-table-wrap"}, [
      el("table", {}, [el("thead", {}, [head]), body])]));
    return wrap;
  };

  Checklist.prototype.renderWhere = function (outcome) {
    var self = this;
    return el("div", {className: "shz-where"}, [
      el("h3", {text: T.whereHeading}),
      el("ul", {}, outcome.where_to_apply.map(function (w) {
        var item = el("li", {}, [el("p", {text: w.label_kk || CHANNEL[w.channel] || ""})]);
        (w.citations || []).forEach(function (c) { item.appendChild(self.citation(c)); });
        return item;
      })),
    ]);
  };

  /** Fill the form with `answers` as a person would and press "Жалғастыру" until nothing new
   * is asked that `answers` can answer. Returns the outcome the page shows. */
  Checklist.prototype.fill = function (answers) {
    for (var round = 0; round < 20; round++) {
      var self = this;
      var wrote = false;
      Object.keys(this.fields).forEach(function (id) {
        if (has(answers, id) && !has(self.answers, id)) {
          self.fields[id].write(answers[id]);
          wrote = true;
        }
      });
      if (!wrote) break;
      this.submit();
    }
    return this.outcome;
  };

  var storage = {
    get: function (key) {
      try { return window.localStorage.getItem(key); } catch (e) { return null; }
    },
    set: function (key, on) {
      try {
        if (on) window.localStorage.setItem(key, "1");
        else window.localStorage.removeItem(key);
      } catch (e) { /* storage disabled: the ticks last for this page only */ }
    },
  };

  // ------------------------------------------------------------------------------------------
  // Mounting
  // ------------------------------------------------------------------------------------------

  var readyResolve;
  var api = {
    ready: new Promise(function (resolve) { readyResolve = resolve; }),
    widget: null,
    fill: function (answers) { return api.widget ? api.widget.fill(answers) : null; },
    answers: function () { return api.widget ? Object.assign({}, api.widget.answers) : null; },
    outcome: function () { return api.widget ? api.widget.outcome : null; },
  };

  function mount() {
    var root = document.getElementById("checklist");
    if (!root || root.getAttribute("data-mounted") === "1") return;
    root.setAttribute("data-mounted", "1");
    var rulesUrl = new URL(root.getAttribute("data-rules") || "rules.json", document.baseURI);
    root.textContent = "";
    root.appendChild(el("p", {className: "shz-loading", role: "status", text: T.loading}));
    fetch(rulesUrl.href, {credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (rules) {
        api.widget = new Checklist(root, rules, rulesUrl.href);
        api.rules = rules;
        readyResolve(api);
      })
      .catch(function () {
        root.textContent = "";
        root.appendChild(el("p", {className: "shz-error", role: "alert", text: T.loadFailed}));
        readyResolve(api);
      });
  }

  window.shezhireCheck = check;
  window.shezhireChecklist = api;

  // Material's instant navigation swaps pages without a reload and announces it on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { mount(); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
