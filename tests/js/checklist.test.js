// The browser checklist's evaluation against the Python checker, under `node --test`.
//
// tests/test_checklist_conformance.py writes the conformance set (the rules export, answer
// sets and the outcome eligibility/check.py gives for each, plus the label and URL cases of
// guide/labels.py and guide/urls.py) to the file SHEZHIRE_CONFORMANCE names, then runs this
// file. Run by hand: SHEZHIRE_CONFORMANCE=set.json node --test tests/js/checklist.test.js
"use strict";

const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { test } = require("node:test");

const checklist = require(path.join(__dirname, "..", "..", "site", "assets", "checklist.js"));
const set = JSON.parse(fs.readFileSync(process.env.SHEZHIRE_CONFORMANCE, "utf8"));

test("the set is not empty", () => {
  assert.ok(set.cases.length > 0 && set.links.length > 0);
});

for (const c of set.cases) {
  test(`outcome: ${c.name}`, () => {
    const got = checklist.check(set.rules, c.answers, c.date);
    assert.deepEqual(got, c.expected);
    assert.deepEqual(checklist.validateAnswers(
      set.rules, c.date === null ? c.answers : { ...c.answers, application_date: c.date }),
    c.expected.problems);
  });
}

test("act pages, provision anchors and provision names", () => {
  for (const link of set.links) {
    assert.equal(checklist.actPath(link.act, set.labels), link.act_path, link.act);
    assert.equal(checklist.anchorOf(link.provision, set.labels), link.anchor, link.provision);
    assert.equal(checklist.provisionLabel(link.provision, set.labels), link.label,
                 link.provision);
  }
});

test("act pages, provision anchors and provision names on the Russian tree", () => {
  assert.ok(set.links_ru.length === set.links.length);
  assert.notEqual(set.labels_ru.provision_part.p, set.labels.provision_part.p);
  for (const link of set.links_ru) {
    assert.equal(checklist.actPath(link.act, set.labels_ru), link.act_path, link.act);
    assert.equal(checklist.anchorOf(link.provision, set.labels_ru), link.anchor, link.provision);
    assert.equal(checklist.provisionLabel(link.provision, set.labels_ru), link.label,
                 link.provision);
  }
});
