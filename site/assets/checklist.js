/*
 * Shezhire — the in-browser eligibility checklist.
 *
 * It reads the same rules export (rules.json) as `shezhire check` and evaluates it the same
 * way: validateAnswers, evaluate, needs and check below follow eligibility/answers.py,
 * eligibility/language.py and eligibility/check.py. Answers are checked against the question
 * types first (answers a type does not allow give the outcome "invalid_answers" and no rule
 * runs), so the rules compare values of one type with plain equality. A conformance set made
 * by the Python checker runs against this file under `node --test` (tests/js/), and the
 * browser tests run every persona through the page, so a change to one must be made to the
 * other.
 *
 * The words for the codes and the URL scheme of act pages and provision anchors come from
 * labels.json beside this script, which the build writes from guide/labels.py.
 *
 * The page only needs <div id="checklist" data-rules="../rules.json"></div>. Nothing is sent
 * anywhere: the only requests are the rules file and labels.json, answers stay in this page,
 * and the ticked documents stay in this browser's localStorage.
 *
 * Every piece of text from the export is data: it goes into the page with textContent, never
 * as markup.
 */
(function () {
  "use strict";

  // Captured now: during Material's instant navigation currentScript is gone by mount time.
  var SCRIPT_URL = typeof document !== "undefined" && document.currentScript
    ? document.currentScript.src : null;
  // The page's language (<html lang>, "kk" on the site root, "ru" on ru/): the words of the
  // page and the export's `*_ru` words on a Russian page, the `*_kk` ones otherwise.
  var LANG = typeof document !== "undefined" && document.documentElement.lang === "ru"
    ? "ru" : "kk";

  // ------------------------------------------------------------------------------------------
  // Answers against the question types (eligibility/answers.py)
  // ------------------------------------------------------------------------------------------

  function has(obj, key) {
    return obj !== null && typeof obj === "object" && Object.prototype.hasOwnProperty.call(obj, key);
  }

  function isNone(value) {
    return value === null || value === undefined;
  }

  function isNumber(value) {
    return typeof value === "number" && isFinite(value);
  }

  /** A calendar day written YYYY-MM-DD (no 31 February). */
  function isDay(value) {
    if (typeof value !== "string" || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
    var y = Number(value.slice(0, 4)), m = Number(value.slice(5, 7)), d = Number(value.slice(8));
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    var monthDays = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28,
                     31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= monthDays[m - 1];
  }

  function isIn(list, value) {
    return list.indexOf(value) !== -1;
  }

  /** The problem code of `value` as an answer to question `q` (not null), or null. */
  function valueProblem(q, value, places) {
    var options = (q.options || []).map(function (o) { return o.value; });
    switch (q.type) {
      case "boolean": return typeof value === "boolean" ? null : "not_boolean";
      case "number":
        if (!isNumber(value)) return "not_number";
        if (has(q, "min") && value < q.min) return "below_minimum";
        return has(q, "max") && value > q.max ? "above_maximum" : null;
      case "date": return isDay(value) ? null : "not_date";
      case "place": return typeof value === "string" && isIn(places, value) ? null : "unknown_place";
      case "choice":
        return typeof value === "string" && isIn(options, value) ? null : "unknown_option";
      case "multi":
        if (!Array.isArray(value)) return "not_list";
        if (!value.every(function (v) { return typeof v === "string" && isIn(options, v); })) {
          return "unknown_option";
        }
        return value.some(function (v, i) { return value.indexOf(v) !== i; })
          ? "repeated_option" : null;
    }
    throw new Error("question " + q.id + " has an unknown type " + q.type);
  }

  /** What is wrong with `answers`: questions in the catalogue's order, then unknown ids sorted. */
  function validateAnswers(rules, answers) {
    var places = rules.places.map(function (p) { return p.value; });
    var known = {};
    var out = [];
    rules.questions.forEach(function (q) {
      known[q.id] = true;
      if (has(answers, q.id) && !isNone(answers[q.id])) {
        var problem = valueProblem(q, answers[q.id], places);
        if (problem) out.push({question: q.id, problem: problem});
      }
    });
    Object.keys(answers).filter(function (k) { return !has(known, k); }).sort()
      .forEach(function (k) { out.push({question: k, problem: "unknown_question"}); });
    return out;
  }

  // ------------------------------------------------------------------------------------------
  // The rule language (eligibility/language.py), on answers of the right types
  // ------------------------------------------------------------------------------------------

  var COMPARE = ["is", "in", "has", "lt", "le", "gt", "ge"];

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
    switch (op) {
      case "is": return value === target;
      case "in": return isIn(target, value);
      case "has": return isIn(value, target);
      case "lt": return value < target;
      case "le": return value <= target;
      case "gt": return value > target;
      default: return value >= target;
    }
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
  // The checker (eligibility/check.py)
  // ------------------------------------------------------------------------------------------

  // The checker's own notes in Kazakh and Russian (eligibility/check.py NOTES, WOULD_CHANGE).
  var NOTES = {
    invalid_answers: ["Кейбір жауаптар сұрақ түріне сай емес.",
                      "Некоторые ответы не соответствуют типу вопроса."],
    no_date_or_place: ["Алдымен өтініш күні мен орнын көрсетіңіз.",
                       "Сначала укажите дату и место подачи заявления."],
    no_act: ["Корпуста осы күні осы жерде қолданылатын акт жоқ.",
             "В корпусе нет акта, действующего в этом месте в этот день."]
  };
  var WOULD_CHANGE = ["{label} — бұл негіз болмаса, нәтиже өзгереді.",
                      "{label} — без этого основания результат изменится."];
  var REFUSAL_STATUS = {"true": "refused", "false": "clear", "null": "unknown"};
  var CONDITION_STATUS = {"true": "met", "false": "failed", "null": "unknown"};

  /** The outcome for `answers` (`date` overrides answers.application_date). */
  function check(rules, answersIn, date) {
    var answers = Object.assign({}, answersIn);
    if (!isNone(date)) answers.application_date = date;
    var problems = validateAnswers(rules, answers);
    if (problems.length) {
      return outcomeOf("invalid_answers", null, [], [], rules, answers,
                       NOTES.invalid_answers, problems);
    }
    var missing = ["application_date", "place"].filter(function (q) {
      return isNone(answers[q]);
    });
    if (missing.length) {
      return outcomeOf("cannot_tell", null, [], missing, rules, answers,
                       NOTES.no_date_or_place);
    }
    var ruleset = selectRuleset(rules, answers.application_date, answers.place);
    if (ruleset === null) {
      return outcomeOf("no_act", null, [], [], rules, answers,
                       NOTES.no_act);
    }
    if (ruleset.incomplete) {
      var note = [{rule: "incomplete", kind: "note", status: "unknown",
                   label_kk: ruleset.note_kk, label_ru: ruleset.note_ru,
                   citations: ruleset.incomplete_citations}];
      return outcomeOf("cannot_tell", ruleset, note, [], rules, answers,
                       [ruleset.note_kk, ruleset.note_ru]);
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
                  label_kk: rule.label_kk, label_ru: rule.label_ru, citations: rule.citations};
    if (status === "failed" && rule.change_kk) {
      reason.change_kk = rule.change_kk;
      reason.change_ru = rule.change_ru;
    }
    return reason;
  }

  function outcomeOf(outcome, ruleset, reasons, nextQuestions, rules, answers, note, problems) {
    var decisive = reasons.filter(function (r) {
      return r.status === "failed" || r.status === "refused";
    });
    var wouldChange = decisive.map(function (r) {
      return r.change_kk ? r.change_kk : WOULD_CHANGE[0].split("{label}").join(r.label_kk);
    });
    var wouldChangeRu = decisive.map(function (r) {
      return r.change_ru ? r.change_ru : WOULD_CHANGE[1].split("{label}").join(r.label_ru);
    });
    return {
      outcome: outcome,
      date: has(answers, "application_date") ? answers.application_date : null,
      place: has(answers, "place") ? answers.place : null,
      act: ruleset ? ruleset.act : null,
      act_valid: ruleset === null ? null : {
        from: ruleset.valid_from, from_basis: ruleset.valid_from_basis,
        until: ruleset.valid_until},
      note_kk: isNone(note) ? null : note[0],
      note_ru: isNone(note) ? null : note[1],
      reasons: reasons.filter(function (r) { return r.status !== "not_applicable"; }),
      next_questions: nextQuestions,
      documents: ruleset ? documentsFor(ruleset, answers) : [],
      deadlines: ruleset ? ruleset.deadlines : [],
      where_to_apply: ruleset ? ruleset.where_to_apply : [],
      what_would_change: wouldChange,
      what_would_change_ru: wouldChangeRu,
      acts_in_corpus: ruleset || problems ? [] : rules.rulesets.map(function (rs) {
        return {act: rs.act.id, from: rs.valid_from, until: rs.valid_until,
                territory: rs.territory};
      }),
      problems: problems || [],
    };
  }

  /** The lists and items that apply to the applicant's category (all while it is unknown). */
  function documentsFor(ruleset, answers) {
    var category = has(answers, "category") ? answers.category : null;
    var fits = function (categories) {
      return !categories.length || isNone(category) || isIn(categories, category);
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
  // Wording of the page (Kazakh, then Russian). Labels for codes of the export; the questions
  // themselves come from the export.
  // ------------------------------------------------------------------------------------------

  var T_KK = {
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
      invalid_answers: "Кейбір жауаптар сұрақ түріне сай емес.",
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
    quotesKazakh: "",
  };

  var T_RU = {
    loading: "Правила загружаются…",
    loadFailed: "Не удалось загрузить файл правил. Попробуйте обновить страницу.",
    intro: "Сначала укажите дату подачи заявления и место проживания: затем будут заданы " +
      "только нужные вопросы. Ваши ответы никуда не отправляются.",
    formLabel: "Вопросы проверки права",
    choose: "— выберите —",
    yes: "Да",
    no: "Нет",
    next: "Продолжить",
    restart: "Начать сначала",
    print: "Распечатать",
    required: "Ответьте на этот вопрос.",
    badNumber: "Введите число (например, 2 или 2,5).",
    outOfRange: "Число должно быть от {min} до {max}.",
    badDate: "Укажите дату полностью.",
    resultHeading: "Результат",
    outcome: {
      eligible: "Вы соответствуете условиям постановки на учёт.",
      not_eligible: "Вы не соответствуете условиям постановки на учёт.",
      cannot_tell: "Пока нельзя сказать точно.",
      no_act: "В справочнике нет акта, действующего в этом месте в этот день.",
      invalid_answers: "Некоторые ответы не соответствуют типу вопроса.",
    },
    answerMore: "Чтобы узнать результат, ответьте на новые вопросы выше и нажмите «Продолжить».",
    actHeading: "Применяемый акт",
    validFrom: "Дата вступления в силу",
    validUntil: "Дата утраты силы",
    inForceNow: "действует",
    actsInCorpus: "Акты справочника, период и территория их действия",
    country: "вся страна",
    reasonsHeading: "Основания",
    decisiveHeading: "Основания, определившие результат",
    otherHeading: "Другие проверенные основания",
    status: {
      met: "Выполнено", failed: "Не выполнено", unknown: "Пока неизвестно",
      refused: "Есть основание для отказа", clear: "Основания для отказа нет", note: "Примечание",
    },
    kind: {condition: "Условие", refusal: "Основание для отказа", note: "Примечание"},
    source: "Источник",
    changeHeading: "Что может изменить результат",
    documentsHeading: "Документы, которые нужно принести",
    documentsHint: "Отметьте подготовленные документы: отметки хранятся только в этом браузере.",
    obtainedHeading: "Сведения, которые учреждение получает само (их нельзя требовать от вас)",
    forCondition: "Условие",
    deadlinesHeading: "Сроки",
    serviceTerm: "Срок оказания услуги",
    deadlineCols: ["Срок", "Что делается", "С какого момента", "Источник"],
    whereHeading: "Куда можно обратиться",
    noDocuments: "В этом акте перечень документов не найден.",
    noDeadlines: "В этом акте сроки не найдены.",
    summaryAct: "Акт",
    quotesKazakh: "Цитаты, названия документов и сроков приводятся из текста акта на казахском " +
      "языке: русского текста этих положений в справочнике нет, правила сверены с казахским " +
      "текстом.",
  };

  var T = LANG === "ru" ? T_RU : T_KK;
  // The acts' words the export carries (document names, deadlines) are the Kazakh text's:
  // marked so on a page of another language.
  var ACT_TEXT_LANG = LANG === "kk" ? null : "kk";

  /** The export's word `key` of `obj` in the page's language ("text" -> text_ru / text_kk). */
  function word(obj, key) {
    if (LANG !== "kk" && has(obj, key + "_" + LANG) && !isNone(obj[key + "_" + LANG])) {
      return obj[key + "_" + LANG];
    }
    return has(obj, key + "_kk") ? obj[key + "_kk"] : null;
  }

  // The words for the codes of the export and the URL scheme (labels.json, written by the
  // build from guide/labels.py); set when the page mounts.
  var L = null;

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

  /** An act's page, relative to the site root (guide/urls.py act_url). */
  function actPath(act, labels) {
    return labels.urls.act_page.split("{id}").join(encodeURIComponent(act));
  }

  /** A provision's anchor on its act's page (guide/urls.py provision_anchor). */
  function anchorOf(provision, labels) {
    return labels.urls.anchor_prefix + String(provision).split("/").join(labels.urls.anchor_separator);
  }

  /** "rules/p-11/sp-3" -> "11-тармақ, 3) тармақша" (guide/labels.py provision_label). */
  function provisionLabel(provision, labels) {
    var words = [];
    String(provision).split("/").forEach(function (part) {
      var m = /^([a-z]+)-(.+)$/.exec(part);
      if (!m || !has(labels.provision_part, m[1])) return;
      var n = m[2].replace(/~/g, "–").replace(/-/g, ".");
      words.push(labels.provision_part[m[1]].split("{n}").join(n));
    });
    return words.length ? words.join(", ") : String(provision);
  }

  function actLabel(act, labels) {
    if (!act) return "";
    var parts = [];
    if (act.adopted) parts.push(act.adopted);
    if (act.number) parts.push("№ " + act.number);
    if (act.act_type) {
      parts.push((has(labels.act_type, act.act_type) ? labels.act_type[act.act_type]
        : labels.act_type_unknown).toLowerCase());
    }
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
        (outcome.act ? " " + T.summaryAct + ": " + actLabel(outcome.act, L) + "." : "");
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
    var helpId = word(q, "help") ? base + "-help" : null;
    var errorId = base + "-error";
    var error = el("p", {className: "shz-error", id: errorId, hidden: true});
    var help = helpId ? el("p", {className: "shz-help", id: helpId, text: word(q, "help")}) : null;
    var describedBy = [helpId, errorId].filter(Boolean).join(" ");
    var node, controls = [], read, write;

    if (q.type === "date" || q.type === "number" || q.type === "place") {
      var control;
      if (q.type === "place") {
        control = el("select", {id: base, name: q.id, "aria-describedby": describedBy},
                     [el("option", {value: "", text: T.choose})]);
        this.rules.places.forEach(function (p) {
          control.appendChild(el("option", {value: p.value, text: word(p, "label")}));
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
                [el("label", {for: base, text: word(q, "text")}), help, control, error]);
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
      var legend = el("legend", {text: word(q, "text")});
      var group = el("div", {className: "shz-options"});
      options.forEach(function (option, index) {
        var id = base + "-" + index;
        var input = el("input", {type: kind, id: id, name: base, value: String(option.value)});
        boxes.push({input: input, value: option.value});
        group.appendChild(el("div", {className: "shz-option"},
                             [input, el("label", {for: id, text: word(option, "label")})]));
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
            ? Array.isArray(value) && isIn(value, b.value)
            : value === b.value;
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

  /** A page of the site (`path` from its tree's root): the container's data-pages when it
   * names the tree (the Russian tree's pages are not beside the data files), else the folder
   * of the rules file. */
  Checklist.prototype.siteUrl = function (path) {
    var pages = this.root.getAttribute("data-pages");
    return new URL(path, pages ? new URL(pages, document.baseURI) : this.rulesUrl).href;
  };

  Checklist.prototype.citation = function (c) {
    var act = this.acts[c.act];
    var href = this.siteUrl(actPath(c.act, L) + "#" + anchorOf(c.provision, L));
    var link = el("a", {href: href, className: "shz-cite", "data-act": c.act,
                        "data-provision": c.provision},
                  [T.source + ": " + (act ? actLabel(act, L) + ", " : "") +
                   provisionLabel(c.provision, L)]);
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
    if (isNone(this.answers.application_date) || isNone(this.answers.place)) {
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
    if (word(outcome, "note") && outcome.outcome !== "no_act") {
      box.appendChild(el("p", {className: "shz-note", text: word(outcome, "note")}));
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
    var wouldChange = LANG === "ru" ? outcome.what_would_change_ru : outcome.what_would_change;
    if (wouldChange.length) {
      box.appendChild(el("h3", {text: T.changeHeading}));
      box.appendChild(el("ul", {className: "shz-change"}, wouldChange.map(
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
    var link = el("a", {href: this.siteUrl(actPath(act.id, L)),
                        className: "shz-act-link", text: act.title || act.id,
                        lang: act.title ? ACT_TEXT_LANG : null});
    var facts = el("dl", {className: "shz-act-facts"});
    var add = function (term, value) {
      if (!value) return;
      facts.appendChild(el("dt", {text: term}));
      facts.appendChild(el("dd", {text: value}));
    };
    add(T.summaryAct, actLabel(act, L));
    add(T.validFrom, valid.from);
    add(T.validUntil, valid.until);
    return el("div", {className: "shz-act"}, [el("h3", {text: T.actHeading}),
                                              el("p", {}, [link]), facts]);
  };

  Checklist.prototype.renderCorpus = function (outcome) {
    var self = this;
    var places = {};
    this.rules.places.forEach(function (p) { places[p.value] = word(p, "label"); });
    var items = outcome.acts_in_corpus.map(function (entry) {
      var act = self.acts[entry.act];
      var where = entry.territory.kind === "places"
        ? entry.territory.places.map(function (p) { return places[p] || p; }).join(", ")
        : T.country;
      var link = el("a", {href: self.siteUrl(actPath(entry.act, L)),
                          text: act ? actLabel(act, L) : entry.act});
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
          el("span", {className: "shz-label", text: word(reason, "label") || ""}),
        ]),
      ]);
      (reason.citations || []).forEach(function (c) { li.appendChild(self.citation(c)); });
      return li;
    };
    var wrap = el("div", {className: "shz-reasons-wrap"});
    if (T.quotesKazakh) wrap.appendChild(el("p", {className: "shz-quotes-lang", text: T.quotesKazakh}));
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
      var caption = [L.channel[lst.channel] || lst.channel].filter(Boolean).join("");
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
        var label = el("label", {for: id, text: item.label, lang: ACT_TEXT_LANG});
        var row = el("div", {className: "shz-doc"}, [box, label]);
        if (item.condition) {
          row.appendChild(el("p", {className: "shz-condition",
                                   text: T.forCondition + ": " + item.condition}));
        }
        if (item.citation) {
          var c = item.citation;
          row.appendChild(el("a", {className: "shz-cite",
                                   href: self.siteUrl(actPath(c.act, L) + "#" +
                                                      anchorOf(c.provision, L)),
                                   "data-provision": c.provision,
                                   text: T.source + ": " + provisionLabel(c.provision, L)}));
        }
        fieldset.appendChild(row);
      });
      wrap.appendChild(fieldset);
    });
    if (obtained.length) {
      wrap.appendChild(el("h4", {text: T.obtainedHeading}));
      obtained.forEach(function (lst) {
        wrap.appendChild(el("ul", {className: "shz-obtained", "data-list": lst.id},
          lst.items.map(function (item) {
            return el("li", {text: item.label, lang: ACT_TEXT_LANG});
          })));
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
      var days = d.unit === "day" && has(L.days_of_kind, d.day_kind) ? L.days_of_kind[d.day_kind]
        : L.unit[d.unit] || d.unit || "";
      var relation = L.deadline_relation;
      // Kazakh puts the relation after the period ("15 жұмыс күні ішінде"), but "кемінде"
      // before it; Russian puts every relation before ("в течение 15 рабочих дней").
      var before = LANG === "ru" || d.relation === "at_least";
      var term = [before ? relation[d.relation] : null, String(d.value), days,
                  before ? null : relation[d.relation]]
        .filter(Boolean).join(" ");
      var first = el("td", {}, [term]);
      if (d.service_term) {
        first.appendChild(el("br"));
        first.appendChild(el("strong", {className: "shz-service-term", text: T.serviceTerm}));
      }
      var c = d.citation;
      body.appendChild(el("tr", {className: d.service_term ? "shz-term" : null}, [
        first,
        el("td", {text: d.action || "", lang: ACT_TEXT_LANG}),
        el("td", {text: d.trigger || "", lang: ACT_TEXT_LANG}),
        el("td", {}, [el("a", {className: "shz-cite",
                               href: self.siteUrl(actPath(c.act, L) + "#" +
                                                  anchorOf(c.provision, L)),
                               "data-provision": c.provision,
                               text: provisionLabel(c.provision, L)})]),
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
        var item = el("li", {}, [el("p", {text: word(w, "label") || L.channel[w.channel] || ""})]);
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
    var labelsUrl = new URL("labels.json", SCRIPT_URL || document.baseURI);
    Promise.all([fetchJson(rulesUrl.href), fetchJson(labelsUrl.href)])
      .then(function (got) {
        L = got[1];
        api.widget = new Checklist(root, got[0], rulesUrl.href);
        api.rules = got[0];
        readyResolve(api);
      })
      .catch(function () {
        root.textContent = "";
        root.appendChild(el("p", {className: "shz-error", role: "alert", text: T.loadFailed}));
        readyResolve(api);
      });
  }

  function fetchJson(url) {
    return fetch(url, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  // The evaluation, for `node --test` (tests/js/): no page, no DOM.
  if (typeof module === "object" && module.exports) {
    module.exports = {validateAnswers: validateAnswers, evaluate: evaluate, needs: needs,
                      check: check, selectRuleset: selectRuleset, actPath: actPath,
                      anchorOf: anchorOf, provisionLabel: provisionLabel};
  }
  if (typeof window === "undefined") return;

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
